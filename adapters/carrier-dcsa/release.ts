import type { Rendered, RenderInput } from "../../src/ports/adapter.js";

export const RELEASE_FORMAT = "dcsa-tnt-2.2-event";

type Obj = Readonly<Record<string, unknown>>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * The customs release of an export declaration, told to the carrier the way carriers tell each
 * other cargo news: a DCSA Track & Trace 2.2 shipment event, RELS (released) on the customs
 * clearance document (CUC) whose id is the MRN, with the containers as EQ references. Sent when
 * customs releases (a routing trigger); a carrier that may load only cleared cargo reads it.
 */
export function renderRelease(input: RenderInput): Rendered {
  const doc = input.document;
  const statuses = input.statuses ?? [];
  const release = [...statuses].reverse().find((s) => s.status === "customs.released");
  if (!release) throw new Error(`no customs release of declaration ${doc.number} to tell the carrier`);
  const mrn =
    str(release.references?.["mrn"]) ??
    statuses.map((s) => str(s.references?.["mrn"])).find(Boolean) ??
    str(doc["mrn"]);
  const equipment = Array.isArray(obj(doc["transport"])?.["equipment"])
    ? (obj(doc["transport"])!["equipment"] as unknown[]).map((e) => str(obj(e)?.["id"])).filter(Boolean)
    : [];
  const event = {
    eventID: input.delivery.messageId,
    eventCreatedDateTime: release.receivedAt,
    eventType: "SHIPMENT",
    eventClassifierCode: "ACT",
    eventDateTime: release.receivedAt,
    shipmentEventTypeCode: "RELS",
    documentTypeCode: "CUC",
    documentID: mrn ?? doc.number,
    reason: `Export customs release of declaration ${doc.number}${str(doc["customsOffice"]) ? ` at office ${str(doc["customsOffice"])}` : ""}`,
    references: equipment.map((id) => ({ referenceType: "EQ", referenceValue: id })),
  };
  return {
    format: RELEASE_FORMAT,
    mediaType: "application/json",
    body: Buffer.from(JSON.stringify([event], null, 2), "utf8"),
    filename: `${doc.number}-release.json`,
  };
}
