import { ProblemError } from "../../src/errors/index.js";
import { readDcsa } from "../../src/formats/dcsa/reader.js";
import { parseResponseJson } from "../../src/formats/response-json.js";
import type { ParsedResponse } from "../../src/ports/adapter.js";
import { sha256Hex } from "../../src/util/digest.js";

/** The JSON response form's short names for carrier milestones, as DCSA events. */
const JSON_EVENTS: Readonly<Record<string, { type: string; field: string; code: string }>> = {
  received: { type: "SHIPMENT", field: "shipmentEventTypeCode", code: "RECE" },
  confirmed: { type: "SHIPMENT", field: "shipmentEventTypeCode", code: "CONF" },
  issued: { type: "SHIPMENT", field: "shipmentEventTypeCode", code: "ISSU" },
  rejected: { type: "SHIPMENT", field: "shipmentEventTypeCode", code: "REJE" },
  loaded: { type: "EQUIPMENT", field: "equipmentEventTypeCode", code: "LOAD" },
  departed: { type: "TRANSPORT", field: "transportEventTypeCode", code: "DEPA" },
  arrived: { type: "TRANSPORT", field: "transportEventTypeCode", code: "ARRI" },
  discharged: { type: "EQUIPMENT", field: "equipmentEventTypeCode", code: "DISC" },
};

export function parseJsonForm(body: Buffer): ParsedResponse {
  const r = parseResponseJson(body, "carrier", Object.keys(JSON_EVENTS));
  const ev = JSON_EVENTS[r.status.slice("carrier.".length)]!;
  return {
    ...r,
    status: "carrier.milestone",
    details: {
      ...r.details,
      ...(typeof r.details["at"] === "string" ? { occurredAt: r.details["at"] } : {}),
      dcsa: { eventType: ev.type, eventClassifierCode: "ACT", [ev.field]: ev.code },
    },
  };
}

type Obj = Readonly<Record<string, unknown>>;

/** An equipment or transport event names no document; its shipper's reference (SI) does the job. */
function shipperReference(value: unknown): string | undefined {
  const list = Array.isArray(value) ? value : (((value as Obj)["events"] as unknown[] | undefined) ?? []);
  for (const e of list) {
    const refs = (e as Obj)["references"];
    for (const r of Array.isArray(refs) ? (refs as Obj[]) : []) {
      const type = r["referenceType"] ?? r["type"];
      const v = r["referenceValue"] ?? r["value"];
      if (type === "SI" && typeof v === "string" && v !== "") return v;
    }
  }
  return undefined;
}

/**
 * DCSA answers, read by the gateway's DCSA reader (src/formats/dcsa): an eBL 3.0 transport
 * document is the carrier's issue of the bill of lading or sea waybill (milestone ISSU on a TRD,
 * with the document in the canonical bill-of-lading fields), naming the instructions it answers by
 * `shippingInstructionsReference`; Track & Trace 2.2 or 3.0 events are milestones, the latest
 * one standing for the answer, each naming the document it is about.
 */
export function parseDcsa(value: unknown): ParsedResponse {
  const reads = readDcsa(value);
  const first = reads[0]!;
  if (first.draft.type === "bill-of-lading") {
    const td = first.draft;
    const si =
      (value as Obj)["shippingInstructionsReference"] ??
      ((value as Obj)["document"] as Obj | undefined)?.["shippingInstructionsReference"];
    if (typeof si !== "string" || si === "") {
      throw new ProblemError(
        "SWG_VALIDATION_FAILED",
        "the transport document names no shipping instructions",
        [
          {
            message: "shippingInstructionsReference must be the number of the instructions it answers",
            pointer: "/shippingInstructionsReference",
          },
        ],
      );
    }
    return {
      partnerMessageId: `TRD-${td.number}`,
      correlation: { documentNumber: si },
      status: "carrier.milestone",
      details: {
        occurredAt: td.issuedAt,
        dcsa: {
          eventType: "SHIPMENT",
          eventClassifierCode: "ACT",
          shipmentEventTypeCode: "ISSU",
          documentReference: { typeCode: "TRD", reference: td.number },
        },
        references: { transportDocumentNumber: td.number },
        transportDocument: td,
      },
    };
  }
  const events = reads.map((r) => r.draft).filter((d) => d.type === "status-event");
  const latest = [...events]
    .sort((a, b) => String(a["occurredAt"]).localeCompare(String(b["occurredAt"])))
    .at(-1)!;
  const answered =
    events
      .map((e) => (e["answers"] as Obj | undefined)?.["documentNumber"])
      .find((n) => typeof n === "string") ?? shipperReference(value);
  if (typeof answered !== "string") {
    throw new ProblemError("SWG_VALIDATION_FAILED", "no event names the document it is about", [
      {
        message:
          "a shipment event's document reference (documentID / documentReferences) names the shipping instructions",
        pointer: "/0",
      },
    ]);
  }
  return {
    partnerMessageId:
      events.length === 1
        ? String(latest.number)
        : `TNT-${sha256Hex(events.map((e) => String(e.number)).join("|")).slice(0, 16)}`,
    correlation: { documentNumber: answered },
    status: "carrier.milestone",
    details: {
      occurredAt: latest["occurredAt"],
      dcsa: latest["dcsa"],
      ...(events.length > 1
        ? { events: events.map((e) => ({ eventID: e.number, occurredAt: e["occurredAt"], dcsa: e["dcsa"] })) }
        : {}),
      ...(Array.isArray(latest["reasons"]) && latest["reasons"].length > 0
        ? { reasons: latest["reasons"] }
        : {}),
    },
  };
}
