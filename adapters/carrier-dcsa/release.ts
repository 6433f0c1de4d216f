import type { Rendered, RenderInput } from "../../src/ports/adapter.js";

export const RELEASE_FORMAT = "dcsa-tnt-2.2-event";

type Obj = Readonly<Record<string, unknown>>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * What customs decided on an export declaration, told to the carrier the way carriers tell each
 * other cargo news: a DCSA Track & Trace 2.2 shipment event on the customs clearance document
 * (CUC) whose id is the MRN, with the containers as EQ references. RELS (released) when customs
 * released this version; otherwise, as after an amendment, HOLD (the earlier release no longer
 * stands), or VOID for a cancelled declaration. A carrier that loads only cleared cargo reads it.
 */
export function renderRelease(input: RenderInput): Rendered {
  const doc = input.document;
  const statuses = input.statuses ?? [];
  const release = [...statuses].reverse().find((s) => s.status === "customs.released");
  // DCSA wants a date-time with its zone; a declaration may be dated only.
  const at = new Date(release?.receivedAt ?? statuses.at(-1)?.receivedAt ?? doc.issuedAt).toISOString();
  const code = release ? "RELS" : doc.functionCode === "cancellation" ? "VOID" : "HOLD";
  const what = release
    ? "Export customs release"
    : doc.functionCode === "cancellation"
      ? "Export declaration cancelled, no release"
      : `Export declaration version ${doc.version} not released yet, await its release`;
  const mrn =
    str(release?.references?.["mrn"]) ??
    statuses.map((s) => str(s.references?.["mrn"])).find(Boolean) ??
    str(doc["mrn"]);
  const equipment = Array.isArray(obj(doc["transport"])?.["equipment"])
    ? (obj(doc["transport"])!["equipment"] as unknown[]).map((e) => str(obj(e)?.["id"])).filter(Boolean)
    : [];
  const event = {
    eventID: input.delivery.messageId,
    eventCreatedDateTime: at,
    eventType: "SHIPMENT",
    eventClassifierCode: "ACT",
    eventDateTime: at,
    shipmentEventTypeCode: code,
    documentTypeCode: "CUC",
    documentID: mrn ?? doc.number,
    reason: `${what}: declaration ${doc.number}${str(doc["customsOffice"]) ? ` at office ${str(doc["customsOffice"])}` : ""}`,
    references: equipment.map((id) => ({ referenceType: "EQ", referenceValue: id })),
  };
  return {
    format: RELEASE_FORMAT,
    mediaType: "application/json",
    body: Buffer.from(JSON.stringify([event], null, 2), "utf8"),
    filename: `${doc.number}-customs.json`,
  };
}
