import { describe, expect, it } from "vitest";
import { readCorpus } from "../../../helpers/corpora.js";
import { canonical, draft, fixCount, fixture, read } from "./helpers.js";

describe("IFTMIN → shipping-instruction", () => {
  it("reads the instructions: parties, to-order consignee, routing, carriage, goods and containers", () => {
    const run = canonical(fixture("iftmin-d96a.edi"));
    expect(run.problems).toEqual([]);
    expect(run.docs[0]).toMatchObject({
      type: "shipping-instruction",
      number: "SI-2025-0311",
      transportDocumentType: "bill-of-lading",
      toOrder: true,
      negotiable: true,
      orderOf: { name: "BANK OF CHINA SHANGHAI BRANCH" },
      originals: 3,
      copies: 0,
      shipper: {
        name: "SHANGHAI BRIGHT TEXTILES CO LTD",
        contact: { name: "Li Wei", email: "li.wei@example.cn" },
      },
      notifyParties: [{ name: "HOLLAND HOME GOODS BV" }],
      carrier: { name: "MEDITERRANEAN SHIPPING COMPANY" },
      bookingReference: "MSCBKG778812",
      lcNumber: "LC-BOC-2025-0042",
      invoiceNumbers: ["INV-88231"],
      placeOfReceipt: { locode: "CNSHA" },
      portOfLoading: { locode: "CNSHA", name: "Shanghai" },
      portOfDischarge: { locode: "NLRTM" },
      placeOfDelivery: { locode: "NLAMS" },
      vessel: { mode: "1", name: "MSC ANNA", imoNumber: "9321483", voyage: "FE512W", nationality: "PA" },
      freightTerms: "prepaid",
      freightPayableAt: { locode: "CNSHA" },
      requestedClauses: ["SHIPPED ON BOARD"],
      totals: { packageCount: 200 },
      equipment: [
        {
          id: "MSCU1234566",
          sizeType: "45G1",
          seals: ["SL778812"],
          shipperOwned: false,
          tareWeight: { value: 3900, unit: "KGM" },
          verifiedGrossMass: { value: 6350.5, unit: "KGM" },
        },
      ],
    });
    expect(run.docs[0]!["consignee"]).toBeUndefined();
    expect(run.docs[0]!["goodsItems"]).toEqual([
      {
        sequence: 1,
        description: "Terry towels of cotton, bath size",
        hsCode: "630260",
        packages: { count: 120, typeCode: "CT", marks: "HHG/AMS\n1-120" },
        grossWeight: { value: 1450.5, unit: "KGM" },
        volume: { value: 12.5, unit: "MTQ" },
        equipmentIds: ["MSCU1234566"],
      },
      {
        sequence: 2,
        description: "Cushion covers of synthetic fibres",
        hsCode: "630493",
        packages: { count: 80, typeCode: "CT" },
        grossWeight: { value: 1000, unit: "KGM" },
        equipmentIds: ["MSCU1234566"],
      },
    ]);
  });

  it("defaults to a bill of lading, and says so, when no transport document is asked for", () => {
    const text = fixCount(fixture("iftmin-d96a.edi").toString("latin1").replace("DOC+705+++0+3'", ""));
    const [doc] = read(text);
    expect(doc!.draft["transportDocumentType"]).toBe("bill-of-lading");
    expect(doc!.report.defaults).toContainEqual(
      expect.objectContaining({ pointer: "/transportDocumentType" }),
    );
  });
});

describe("IFTSTA → carrier milestones", () => {
  it("reads one status-event per STS, each a DCSA event with its time, place, vessel or container", () => {
    const run = canonical(fixture("iftsta-d96a.edi"));
    expect(run.problems).toEqual([]);
    expect(run.docs.map((d) => d.number)).toEqual(["STA-2025-0318/1", "STA-2025-0318/2", "STA-2025-0318/3"]);
    expect(run.docs[0]).toMatchObject({
      category: "carrier",
      status: "milestone",
      occurredAt: "2025-03-17T18:30:00Z",
      answers: { documentNumber: "MEDUS1234567" },
      partner: { name: "MEDITERRANEAN SHIPPING COMPANY" },
      dcsa: {
        eventType: "TRANSPORT",
        eventClassifierCode: "ACT",
        transportEventTypeCode: "DEPA",
        location: { locode: "CNSHA" },
        transportCall: { mode: "1", name: "MSC ANNA", imoNumber: "9321483", voyage: "FE512W" },
      },
    });
    expect(run.docs[1]!["dcsa"]).toMatchObject({
      eventType: "EQUIPMENT",
      equipmentEventTypeCode: "DISC",
      equipmentReference: "MSCU1234566",
    });
    expect(run.docs[2]!["dcsa"]).toMatchObject({
      eventType: "SHIPMENT",
      shipmentEventTypeCode: "RELS",
      documentReference: { typeCode: "TRD", reference: "MEDUS1234567" },
    });
  });

  it("refuses a status in a carrier's own code list rather than guess it from its text", () => {
    const text = readCorpus("unedifact-samples/apimeister/d00b_iftsta.edi")
      .toString("latin1")
      .replace("UNZ+1+2805570", "UNZ+1+2803570");
    expect(() => read(text)).toThrow(
      expect.objectContaining({
        code: "SWG_UNSUPPORTED_DOCUMENT",
        message: expect.stringContaining("status P of code list HS") as string,
      }),
    );
  });
});

describe("DESADV → packing-list", () => {
  it("reads the packing sequence: packages with marks and weights, line items as their contents", () => {
    const d = draft(fixCount(readCorpus("unedifact-samples/smooks-unedifact/DESADV.edi").toString("latin1")));
    expect(d).toMatchObject({
      type: "packing-list",
      number: "19960445",
      issuedAt: "1996-10-18",
      consignor: {
        name: "7080000083121",
        identifiers: [
          { scheme: "GLN", value: "7080000083121" },
          { scheme: "VAT", value: "FORETAKSREGISTERETNO987654321MVA" },
        ],
      },
      consignee: { identifiers: [{ scheme: "GLN", value: "7080000083122" }] },
      references: [{ type: "purchase-order", number: "1996100001" }],
      totals: { packageCount: 1 },
    });
    expect(d["packages"]).toEqual([
      {
        sequence: 1,
        count: 1,
        typeCode: "PX",
        grossWeight: { value: 2, unit: "KGM" },
        contents: [{ description: "HVETEMEL", quantity: { value: 14, unit: "C62" }, sellerItemId: "12345" }],
      },
    ]);
  });

  it("is refused when its message version is no UN/EDIFACT directory", () => {
    expect(() => read(readCorpus("unedifact-samples/php-edifact/D96ADESADV.edi"))).toThrow(
      expect.objectContaining({
        code: "SWG_UNSUPPORTED_DOCUMENT",
        issues: [expect.objectContaining({ ruleId: "EDI-DIRECTORY" })],
      }),
    );
  });
});

describe("message types the gateway does not read", () => {
  it("refuses a CONTRL as a submission: it is a partner's response", () => {
    const contrl =
      "UNB+UNOC:3+CUSTOMS+EXPORTER+250101:1200+9'UNH+1+CONTRL:D:3:UN'UCI+7+EXPORTER+CUSTOMS+7'UNT+3+1'UNZ+1+9'";
    expect(() => read(contrl)).toThrow(
      expect.objectContaining({
        code: "SWG_UNSUPPORTED_DOCUMENT",
        message: expect.stringContaining("POST /v1/partners/{id}/responses") as string,
      }),
    );
  });

  it("names what it reads when refusing another type", () => {
    expect(() => read(readCorpus("unedifact-samples/smooks-unedifact/PAXLST.edi"))).toThrow(
      expect.objectContaining({ message: expect.stringContaining("PAXLST is not read") as string }),
    );
  });

  it("finds no reader, and no code, in a name of Object.prototype (found by the fuzz)", () => {
    const body = (type: string) =>
      `UNB+UNOC:3+S+R+250101:1200+1'UNH+1+${type}:D:96A:UN'BGM+valueOf+X+constructor'UNT+3+1'UNZ+1+1'`;
    expect(() => read(body("valueOf"))).toThrow(
      expect.objectContaining({
        code: "SWG_UNSUPPORTED_DOCUMENT",
        message: expect.stringContaining("valueOf is not read") as string,
      }),
    );
    expect(read(body("IFTMIN"))[0]!.draft["functionCode"]).toBe("original");
  });
});
