import { describe, expect, it } from "vitest";
import type { ProblemError } from "../../../../src/errors/index.js";
import { isProblem } from "../../../../src/errors/index.js";
import { dcsaKind, readDcsa } from "../../../../src/formats/dcsa/index.js";
import { filled, ingestJson, message } from "./helpers.js";

type Obj = Record<string, unknown>;

const today = () => "2025-06-15";

function refusal(f: () => unknown): ProblemError {
  try {
    f();
  } catch (e) {
    if (isProblem(e)) return e;
    throw e;
  }
  throw new Error("not refused");
}

describe("DCSA eBL 3.0 shipping instructions → shipping-instruction", () => {
  it("refuses the conformance template with the pointer of its placeholder", () => {
    const e = refusal(() => readDcsa(message("ebl-api-3.0.0-request.json"), today));
    expect(e.code).toBe("SWG_VALIDATION_FAILED");
    expect(e.issues).toEqual([
      expect.objectContaining({
        pointer: "/consignmentItems/0/carrierBookingReference",
        ruleId: "DCSA-TEMPLATE",
      }),
    ]);
  });

  it("reads the filled-in request: parties, booking, terms, equipment, goods, clauses; the date and package type defaulted", () => {
    const [doc] = readDcsa(filled(message("ebl-api-3.0.0-request.json")), today);
    expect(doc!.format).toBe("dcsa-ebl-3.0");
    expect(doc!.draft).toMatchObject({
      type: "shipping-instruction",
      issuedAt: "2025-06-15",
      shipper: { name: "DCSA CTK", address: { city: "Amsterdam", country: "NL" } },
      consignee: {
        name: "Global Retail Imports",
        identifiers: [{ scheme: "LEI", value: "111100T8BM49ADCSAO64" }],
      },
      toOrder: false,
      bookingReference: "CBR123456",
      freightTerms: "prepaid",
      freightPayableAt: { locode: "BRSSZ", country: "BR" },
      equipment: [{ id: "MSCU9988776", seals: ["NSL13386"], shipperOwned: false }],
      goodsItems: [
        {
          sequence: 1,
          description: "Refined Soybean Oil",
          hsCode: "15152100",
          packages: { count: 400, typeCode: "PK" },
          grossWeight: { value: 12000, unit: "KGM" },
          equipmentIds: ["MSCU9988776"],
        },
      ],
      transportDocumentType: "sea-waybill",
      negotiable: false,
      requestedClauses: ["CARGO_CARGOSPECIFICS"],
    });
    expect(doc!.report.defaults).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: "/issuedAt", value: "2025-06-15" }),
        expect.objectContaining({
          pointer: "/goodsItems/0/packages/typeCode",
          value: "PK",
          reason: expect.stringContaining("Steel Drums"),
        }),
      ]),
    );
    expect(doc!.sourceMap.get("/goodsItems/0/hsCode")).toBe("/consignmentItems/0/HSCodes/0");
  });

  it("without the ports (DCSA takes them from the booking) the document fails validation at the ports, and says why", () => {
    const run = ingestJson(filled(message("ebl-api-3.0.0-request.json")));
    expect(run.problems.map((p) => p.pointer)).toEqual(["/portOfLoading", "/portOfDischarge"]);
    expect(run.docs[0]!.report.issues).toEqual([
      expect.objectContaining({
        severity: "warning",
        message: expect.stringContaining("through the booking"),
      }),
    ]);
  });

  it("with the ports' displayed names it ingests to a schema-valid shipping instruction", () => {
    const si = {
      ...(filled(message("ebl-api-3.0.0-request.json")) as Obj),
      displayedNameForPortOfLoad: ["Santos, Brazil"],
      displayedNameForPortOfDischarge: ["Singapore"],
    };
    const run = ingestJson(si);
    expect(run.problems).toEqual([]);
    expect(run.docs[0]!.canonical).toMatchObject({
      portOfLoading: { name: "Santos, Brazil" },
      portOfDischarge: { name: "Singapore" },
    });
  });

  it("a to-order instruction names the party it is to the order of, not a consignee", () => {
    const si = filled(message("ebl-api-3.0.0-request.json")) as Obj;
    const [doc] = readDcsa({ ...si, isToOrder: true, transportDocumentTypeCode: "BOL" }, today);
    expect(doc!.draft).toMatchObject({
      toOrder: true,
      orderOf: { name: "Global Retail Imports" },
      negotiable: true,
    });
    expect(doc!.draft["consignee"]).toBeUndefined();
  });
});

describe("DCSA eBL 3.0 transport document → bill-of-lading", () => {
  it("refuses the issuance template with a pointer per placeholder", () => {
    const e = refusal(() => readDcsa(message("eblissuance-v3.0.0-request.json")));
    expect(e.code).toBe("SWG_VALIDATION_FAILED");
    expect(e.issues.length).toBeGreaterThan(10);
    expect(e.issues).toContainEqual(
      expect.objectContaining({ pointer: "/document/transportDocumentReference", ruleId: "DCSA-TEMPLATE" }),
    );
  });

  it("reads the issuance request's document, filled in, to a schema-valid bill of lading with pointers into /document", () => {
    const run = ingestJson(filled(message("eblissuance-v3.0.0-request.json")));
    expect(run.problems).toEqual([]);
    const doc = run.docs[0]!;
    expect(doc.canonical).toMatchObject({
      type: "bill-of-lading",
      number: "Transport Document Reference",
      issuedAt: "2020-12-12",
      carrier: { name: "Issuing Party Legal Name" },
      shipper: { name: "Shipper Legal Name" },
      consignee: { name: "Consignee Legal Name" },
      portOfLoading: { locode: "DEHAM" },
      vessel: { name: "King of the Seas", voyage: "2103S" },
      variant: "bill-of-lading",
      shippedOnBoardDate: "2020-12-12",
      goodsItems: [{ packages: { count: 400, typeCode: "4G" }, equipmentIds: ["NARU3472484"] }],
      declaredValue: { value: 1231.1, currency: "DKK" },
    });
    expect(doc.sourceMap.get("/portOfLoading/locode")).toBe(
      "/document/transports/portOfLoading/UNLocationCode",
    );
    expect(doc.report.unmapped.every((u) => u.path.startsWith("/document"))).toBe(true);
  });
});

describe("DCSA Track & Trace → carrier milestones (status-event)", () => {
  it("2.2: one milestone per event, with its codes, reference, location, vessel and delay reason", () => {
    const run = ingestJson(message("tnt-220-response.json"));
    expect(run.problems).toEqual([]);
    expect(run.docs).toHaveLength(7);
    expect(readDcsa(message("tnt-220-response.json"))[0]!.format).toBe("dcsa-tnt-2.2");
    expect(run.docs[0]!.canonical).toMatchObject({
      type: "status-event",
      category: "carrier",
      status: "milestone",
      occurredAt: "2021-01-09T14:12:56+01:00",
      reasons: [{ code: "WEA", codeList: "DCSA-delay-reason", text: "Bad weather" }],
      dcsa: {
        eventType: "TRANSPORT",
        eventClassifierCode: "ACT",
        transportEventTypeCode: "ARRI",
        location: { locode: "FRPAR" },
        transportCall: { name: "King of the Seas", imoNumber: "9321483", voyage: "2103S" },
      },
    });
    expect(run.docs.map((d) => d.canonical.number)).toEqual(
      [2, 3, 4, 5, 6, 7, 8].map((n) => `3cecb101-7a1a-43a4-9d62-e88a131651e${n}`),
    );
  });

  it("3.0: milestones read, IoT and reefer readings reported as left out", () => {
    const run = ingestJson(message("tnt-300-response.json"));
    expect(run.problems).toEqual([]);
    expect(run.docs).toHaveLength(3);
    expect(readDcsa(message("tnt-300-response.json"))[0]!.format).toBe("dcsa-tnt-3.0");
    expect(run.docs[0]!.canonical).toMatchObject({
      dcsa: {
        eventType: "SHIPMENT",
        shipmentEventTypeCode: "CONF",
        documentReference: { typeCode: "BKG", reference: "ABC709951" },
      },
    });
    expect(run.docs[0]!.report.issues.filter((i) => i.ruleId === "DCSA-TNT-SENSOR")).toHaveLength(2);
  });

  it("refuses sensor readings alone: no milestone to read", () => {
    const e = refusal(() => readDcsa(message("tnt-300-request-iot.json")));
    expect(e.code).toBe("SWG_UNSUPPORTED_DOCUMENT");
    expect(e.message).toContain("no shipment, transport or equipment event");
  });

  it("refuses a response whole when any event breaks the standard, pointing at each fault", () => {
    const events = message("tnt-300-response.json")["events"] as Obj[];
    const broken = {
      events: [
        { ...events[0], eventDateTime: "2026-01-15 09:00" },
        { ...events[1], eventID: events[0]!["eventID"] },
      ],
    };
    const e = refusal(() => readDcsa(broken));
    expect(e.code).toBe("SWG_VALIDATION_FAILED");
    expect(e.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          pointer: "/events/0/eventDateTime",
          message: expect.stringContaining("RFC 3339"),
        }),
        expect.objectContaining({
          pointer: "/events/1/eventID",
          message: expect.stringContaining("occurs twice"),
        }),
      ]),
    );
  });
  it("an event type that is no string or names no code list (found by the fuzz) is a fault, not a crash", () => {
    const events = message("tnt-300-response.json")["events"] as Obj[];
    const classified = (e: Obj, eventTypeCode: unknown) => ({
      ...e,
      eventClassification: { ...(e["eventClassification"] as Obj), eventTypeCode },
    });
    const e = refusal(() =>
      readDcsa({ events: [classified(events[0]!, ["SHIPMENT"]), classified(events[1]!, "constructor")] }),
    );
    expect(e.code).toBe("SWG_VALIDATION_FAILED");
    expect(e.issues.map((i) => i.pointer)).toEqual([
      "/events/0/eventClassification/eventTypeCode",
      "/events/1/eventClassification/eventTypeCode",
    ]);
  });
});

describe("DCSA messages the gateway does not read", () => {
  it.each([
    ["booking-api-2.0.0-regular.json", "booking"],
    ["vgm-api-100-post-request.json", "verified gross mass"],
    ["arrivalnotice-api-100-post-basic-request.json", "arrival notice"],
  ])("%s is recognised and refused as unsupported (%s)", (name, what) => {
    const e = refusal(() => readDcsa(message(name)));
    expect(e.code).toBe("SWG_UNSUPPORTED_DOCUMENT");
    expect(e.message).toContain(what);
  });

  it("a canonical JSON document is no DCSA message (the canonical reader keeps it)", () => {
    expect(dcsaKind({ type: "shipping-instruction", number: "SI-1", goodsItems: [] })).toBeUndefined();
    expect(dcsaKind([1, 2, 3])).toBeUndefined();
    expect(dcsaKind("text")).toBeUndefined();
  });
});
