import { ProblemError } from "../../errors/index.js";
import type { ReadDocument } from "../types.js";
import type { Cursor } from "../xml/cursor.js";
import { readLocation } from "./common.js";
import { readUblDocument, type XmlSniffed } from "./document.js";
import { readParty } from "./party.js";
import { compact, type FieldReader } from "./values.js";

type Obj = Record<string, unknown>;

/**
 * UN/ECE Recommendation 24 transport status codes (the UBL TransportationStatusCode list) →
 * the DCSA Track & Trace event a canonical carrier milestone carries. Codes without a DCSA
 * counterpart (e.g. 18 damaged in transport) are refused rather than forced into one.
 */
const REC24_TO_DCSA: Readonly<
  Record<string, { readonly type: string; readonly code: string; readonly equipment?: true }>
> = {
  "1": { type: "TRANSPORT", code: "ARRI" }, // Arrival, completed
  "40": { type: "TRANSPORT", code: "ARRI" }, // Arrival, at port
  "24": { type: "TRANSPORT", code: "DEPA" }, // Departure, completed
  "31": { type: "TRANSPORT", code: "DEPA" }, // En route: departed, not yet arrived
  "35": { type: "TRANSPORT", code: "DEPA" }, // Forwarded to destination
  "6": { type: "SHIPMENT", code: "CONF" }, // Booking, completed
  "7": { type: "SHIPMENT", code: "CANC" }, // Booking, cancelled
  "12": { type: "SHIPMENT", code: "RELS" }, // Cleared, by customs
  "13": { type: "EQUIPMENT", code: "PICK", equipment: true }, // Collection/pick-up, completed
  "16": { type: "EQUIPMENT", code: "CROS", equipment: true }, // Crossed border
  "21": { type: "EQUIPMENT", code: "DROP", equipment: true }, // Delivery, completed
  "28": { type: "EQUIPMENT", code: "STRP", equipment: true }, // Stripped
  "29": { type: "EQUIPMENT", code: "DISC", equipment: true }, // Unloaded
};

/** An xs:date and optional xs:time → RFC 3339 date-time (UTC when the time has no zone). */
export function dateTime(
  date: string | undefined,
  time: string | undefined,
  f: FieldReader,
  pointer: string,
): string | undefined {
  if (!date) return undefined;
  const t = time?.trim() || "00:00:00Z";
  if (!time) f.trace.defaulted(pointer, `${date}T00:00:00Z`, "no time given: midnight UTC");
  const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(t) ? t : `${t}Z`;
  const value = `${date}T${zoned}`;
  return Number.isNaN(Date.parse(value)) ? undefined : value;
}

function statusCode(r: Cursor, event: Cursor | undefined): Cursor | undefined {
  return (
    event?.child("TransportEventTypeCode", "cbc") ??
    r.child("TransportExecutionStatusCode", "cbc") ??
    event?.at("cac:CurrentStatus", "cbc:ConditionCode")
  );
}

/** UBL TransportationStatus → canonical status-event (a carrier milestone, DCSA Track & Trace). */
function readTransportationStatus(s: XmlSniffed): ReadDocument {
  return readUblDocument(s, "ubl-transportation-status", (r, f) => {
    const event = r.child("TransportEvent", "cac");
    const codeEl = statusCode(r, event);
    const code = codeEl?.text()?.trim();
    const dcsa = code ? REC24_TO_DCSA[code] : undefined;
    const consignment = r.child("Consignment", "cac");
    const equipmentId = consignment
      ?.at("cac:TransportHandlingUnit", "cac:TransportEquipment", "cbc:ID")
      ?.text()
      ?.trim();
    if (!dcsa || (dcsa.equipment && !equipmentId)) {
      throw new ProblemError(
        "SWG_UNSUPPORTED_DOCUMENT",
        code
          ? `transport status ${code} has no DCSA Track & Trace event`
          : "the transportation status names no status code",
        [
          {
            message: code
              ? `UN/ECE Rec 24 status ${code} maps to no DCSA event${dcsa ? " without a container number" : ""}; a canonical carrier milestone needs one`
              : "TransportEventTypeCode, TransportExecutionStatusCode or CurrentStatus/ConditionCode is needed",
            xpath: codeEl?.path ?? "/TransportationStatus",
            ruleId: "UBL-STATUS-CODE",
          },
        ],
      );
    }
    f.text(codeEl, `/dcsa/${dcsa.type.toLowerCase()}EventTypeCode`);
    const occurred =
      dateTime(
        f.date(event?.child("OccurrenceDate", "cbc"), "/occurredAt"),
        f.text(event?.child("OccurrenceTime", "cbc"), "/occurredAt"),
        f,
        "/occurredAt",
      ) ??
      dateTime(
        f.date(r.child("IssueDate", "cbc"), "/occurredAt"),
        f.text(r.child("IssueTime", "cbc"), "/occurredAt"),
        f,
        "/occurredAt",
      );
    const statuses = [
      ...(event?.all("cac:CurrentStatus") ?? []),
      ...(consignment?.all("cac:TransportHandlingUnit").flatMap((u) => u.all("cac:Status")) ?? []),
    ];
    const reasons = statuses
      .map((st, i) =>
        compact({
          code: f
            .text(
              st.child("StatusReasonCode", "cbc") ?? st.child("ConditionCode", "cbc"),
              `/reasons/${i}/code`,
            )
            ?.slice(0, 35),
          codeList: "UNECE-Rec24",
          text:
            [...st.all("cbc:StatusReason"), ...st.all("cbc:Description")]
              .map((d) => f.text(d, `/reasons/${i}/text`))
              .filter((x): x is string => x !== undefined)
              .join("\n") || undefined,
        }),
      )
      .filter((x) => x.code !== undefined || x.text !== undefined);
    const reference =
      r.child("TransportExecutionPlanDocumentReference", "cac") ?? r.child("DocumentReference", "cac");
    const sender = readParty(r.child("SenderParty", "cac"), f, "/partner");
    const text = [r.child("TransportationStatusTypeCode", "cbc"), ...r.all("cbc:Description")]
      .map((d) => f.text(d, "/text"))
      .filter((x): x is string => x !== undefined)
      .join("\n");
    const dcsaEvent: Obj = compact({
      eventType: dcsa.type,
      eventClassifierCode: "ACT",
      [`${dcsa.type.toLowerCase()}EventTypeCode`]: dcsa.code,
      equipmentReference: dcsa.equipment ? equipmentId?.slice(0, 17) : undefined,
      location: readLocation(event?.child("Location", "cac"), f, "/dcsa/location"),
    });
    if (!sender)
      f.trace.defaulted(
        "/issuer",
        null,
        "no SenderParty: the issuer is the answering partner, named when the gateway correlates the event",
      );
    return compact({
      type: "status-event" as const,
      number: f.text(r.child("ID", "cbc"), "/number") ?? "",
      issuedAt: f.date(r.child("IssueDate", "cbc"), "/issuedAt") ?? "",
      issuer: sender ?? { name: "" },
      ucr: f.text(consignment?.child("ID", "cbc"), "/ucr"),
      category: "carrier",
      status: "milestone",
      answers: compact({
        documentNumber: f.text(reference?.child("ID", "cbc"), "/answers/documentNumber")?.slice(0, 70),
      }),
      partner: sender,
      occurredAt: occurred,
      reasons,
      text: text || undefined,
      dcsa: dcsaEvent,
    });
  });
}

export const STATUS_READERS = {
  TransportationStatus: readTransportationStatus,
} as const;
