import type { Issue } from "../../errors/index.js";
import type { DraftDocument } from "../../model/canonical.js";
import { codeIn, compact } from "./common.js";
import { at, join, JsonTrace } from "./trace.js";

type Obj = Record<string, unknown>;

/** The event codes a canonical milestone carries (schemas/canonical/v1/status-event.schema.json, $defs/dcsa). */
const CODES: Readonly<Record<string, ReadonlySet<string>>> = {
  SHIPMENT: new Set([
    "RECE",
    "DRFT",
    "PENA",
    "PENU",
    "REJE",
    "APPR",
    "ISSU",
    "SURR",
    "SUBM",
    "VOID",
    "CONF",
    "REQS",
    "CMPL",
    "HOLD",
    "RELS",
    "CANC",
  ]),
  TRANSPORT: new Set(["ARRI", "DEPA"]),
  EQUIPMENT: new Set([
    "LOAD",
    "DISC",
    "GTIN",
    "GTOT",
    "STUF",
    "STRP",
    "PICK",
    "DROP",
    "INSP",
    "RSEA",
    "RMVD",
    "CUSS",
    "CUSI",
    "CUSR",
    "CROS",
    "AVPU",
    "AVDO",
  ]),
};
const CLASSIFIERS = new Set(["PLN", "EST", "ACT"]);
const DOCUMENT_TYPES = new Set([
  "AMF",
  "ARN",
  "BKG",
  "CAS",
  "CBR",
  "CEA",
  "CEO",
  "CQU",
  "CRO",
  "CUC",
  "DEI",
  "DEO",
  "DGD",
  "FCE",
  "HCE",
  "ICE",
  "INV",
  "OOG",
  "PCE",
  "PFD",
  "SHI",
  "TRD",
  "TRO",
  "VCE",
  "VGM",
]);
/** DCSA modeOfTransport → UN/ECE Recommendation 19. */
const MODES: Readonly<Record<string, string>> = { VESSEL: "1", RAIL: "2", TRUCK: "3", BARGE: "8" };
/** IoT and reefer readings are sensor data, not milestones: no canonical status-event holds them. */
const SENSOR_EVENTS = new Set(["IOT", "REEFER"]);

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Track & Trace 2.2 events are flat; 3.0 nests the classification and the details. */
interface Shape {
  readonly type: string;
  readonly classifier: string;
  readonly codeOf: (type: string) => string;
  readonly created: string;
  readonly transportCall: string;
  readonly vessel: string;
  readonly voyage: string;
  readonly equipment: string;
  readonly empty: string;
}

const V2: Shape = {
  type: "/eventType",
  classifier: "/eventClassifierCode",
  codeOf: (type) => `/${type.toLowerCase()}EventTypeCode`,
  created: "/eventCreatedDateTime",
  transportCall: "/transportCall",
  vessel: "/transportCall/vessel",
  voyage: "/transportCall/exportVoyageNumber",
  equipment: "/equipmentReference",
  empty: "/emptyIndicatorCode",
};
const V3: Shape = {
  type: "/eventClassification/eventTypeCode",
  classifier: "/eventClassification/eventClassifierCode",
  codeOf: (type) => `/eventClassification/${type.toLowerCase()}EventTypeCode`,
  created: "/eventUpdatedDateTime",
  transportCall: "/transportDetails/transportCall",
  vessel: "/transportDetails/transportCall/vesselTransport",
  voyage: "/transportDetails/transportCall/exportVoyageNumberOrReference/carrierVoyageNumber",
  equipment: "/equipmentDetails/equipmentReference",
  empty: "/equipmentDetails/emptyIndicatorCode",
};

/** The event's document reference: 3.0 shipmentDetails, 2.2 documentTypeCode/documentID or documentReferences. */
function documentReference(t: JsonTrace, e: string, type: string): Obj | undefined {
  const candidates: [string, string][] = [
    [
      join(e, "shipmentDetails", "documentReference", "typeCode"),
      join(e, "shipmentDetails", "documentReference", "reference"),
    ],
    [join(e, "documentTypeCode"), join(e, "documentID")],
  ];
  for (const i of t.indexes(join(e, "documentReferences")))
    candidates.push([
      join(e, "documentReferences", i, "documentReferenceType"),
      join(e, "documentReferences", i, "documentReferenceValue"),
    ]);
  for (const [typeSrc, refSrc] of candidates) {
    const code = at(t.root, typeSrc);
    if (typeof code !== "string" || !DOCUMENT_TYPES.has(code) || typeof at(t.root, refSrc) !== "string")
      continue;
    if (type !== "SHIPMENT") return { reference: t.str(refSrc, "/answers/documentNumber", 70) };
    return {
      typeCode: t.str(typeSrc, "/dcsa/documentReference/typeCode"),
      reference: t.str(refSrc, "/dcsa/documentReference/reference", 100),
    };
  }
  return undefined;
}

/** Checks one event; every problem is an issue at its JSON Pointer in the submission. */
function check(t: JsonTrace, e: string, shape: Shape, ids: Set<string>): Issue[] {
  const issues: Issue[] = [];
  const bad = (pointer: string, message: string) => issues.push({ message, pointer, ruleId: "DCSA-TNT" });
  const id = at(t.root, join(e, "eventID"));
  if (typeof id !== "string" || id.trim() === "") bad(join(e, "eventID"), "eventID is required, a string");
  else if (ids.has(id)) bad(join(e, "eventID"), `eventID ${id} occurs twice`);
  else ids.add(id);
  for (const p of [join(e, "eventDateTime"), e + shape.created]) {
    const v = at(t.root, p);
    if (typeof v !== "string" || !RFC3339.test(v) || Number.isNaN(Date.parse(v)))
      bad(p, "an RFC 3339 date-time with a time zone is required");
  }
  const text = (p: string) => {
    const v = at(t.root, p);
    return typeof v === "string" ? v : undefined;
  };
  const type = text(e + shape.type);
  const codes = codeIn(CODES, type);
  if (!type || !codes)
    bad(
      e + shape.type,
      `event type ${JSON.stringify(at(t.root, e + shape.type))} is not SHIPMENT, TRANSPORT or EQUIPMENT`,
    );
  else {
    const code = text(e + shape.codeOf(type));
    if (code === undefined || !codes.has(code))
      bad(e + shape.codeOf(type), `${JSON.stringify(code ?? null)} is not a DCSA ${type} event code`);
  }
  if (!CLASSIFIERS.has(text(e + shape.classifier) ?? ""))
    bad(e + shape.classifier, "eventClassifierCode is PLN, EST or ACT");
  if (type === "EQUIPMENT" && typeof at(t.root, e + shape.equipment) !== "string")
    bad(e + shape.equipment, "an equipment event names its container (equipmentReference)");
  return issues;
}

function milestone(t: JsonTrace, e: string, shape: Shape): DraftDocument {
  const type = t.str(e + shape.type, "/dcsa/eventType")!;
  const vessel = e + shape.vessel;
  const imo = at(t.root, join(vessel, "vesselIMONumber"));
  const flag = at(t.root, join(vessel, "vesselFlag"));
  const modeRaw = at(t.root, join(e + shape.transportCall, "modeOfTransport"));
  const mode = codeIn(MODES, modeRaw);
  if (mode) t.str(join(e + shape.transportCall, "modeOfTransport"), "/dcsa/transportCall/mode");
  const callLocode = join(e + shape.transportCall, "UNLocationCode");
  const locationSrc =
    at(t.root, join(e, "eventLocation")) !== undefined ? join(e, "eventLocation") : undefined;
  const loc = locationSrc
    ? compact({
        locode: /^[A-Z]{2}[A-Z2-9]{3}$/.test(String(at(t.root, join(locationSrc, "UNLocationCode"))))
          ? t.str(join(locationSrc, "UNLocationCode"), "/dcsa/location/locode")
          : undefined,
        name: t.str(join(locationSrc, "locationName"), "/dcsa/location/name", 140),
      })
    : /^[A-Z]{2}[A-Z2-9]{3}$/.test(String(at(t.root, callLocode)))
      ? { locode: t.str(callLocode, "/dcsa/location/locode") }
      : undefined;
  const partySrc = join(e, "eventRouting", "originatingParty");
  const partyCode = t.str(join(partySrc, "partyCode"), "/partner/name", 200);
  const partner = partyCode
    ? {
        name: partyCode,
        identifiers: [
          {
            scheme: "OTHER",
            value: partyCode.slice(0, 70),
            schemeName: (t.str(join(partySrc, "codeListProvider")) ?? "DCSA").slice(0, 70),
          },
        ],
      }
    : undefined;
  const doc = documentReference(t, e, type);
  const delay =
    t.str(join(e, "delayReasonCode"), "/reasons/0/code", 35) ??
    t.str(join(e, "eventClassification", "delayReasonCode"), "/reasons/0/code", 35);
  const remark =
    t.str(join(e, "changeRemark"), "/reasons/0/text") ??
    t.str(join(e, "eventClassification", "changeRemark"), "/reasons/0/text") ??
    t.str(join(e, "reason"), "/reasons/0/text");
  const transportCall =
    type === "TRANSPORT" && t.has(e + shape.transportCall)
      ? compact({
          mode: mode ?? "9",
          name: t.str(join(vessel, "vesselName"), "/dcsa/transportCall/name", 70),
          imoNumber:
            typeof imo === "string" && /^[0-9]{7}$/.test(imo)
              ? t.str(join(vessel, "vesselIMONumber"), "/dcsa/transportCall/imoNumber")
              : undefined,
          voyage: t.str(e + shape.voyage, "/dcsa/transportCall/voyage", 35),
          nationality:
            typeof flag === "string" && /^[A-Z]{2}$/.test(flag)
              ? t.str(join(vessel, "vesselFlag"), "/dcsa/transportCall/nationality")
              : undefined,
        })
      : undefined;
  if (transportCall && !mode) t.defaulted("/dcsa/transportCall/mode", "9", "no modeOfTransport: unknown");
  const issued = t.str(e + shape.created, "/issuedAt")!;
  const occurred = t.str(join(e, "eventDateTime"), "/occurredAt")!;
  return compact({
    type: "status-event" as const,
    number: t.str(join(e, "eventID"), "/number", 70)!,
    issuedAt: issued,
    issuer: partner ?? { name: "" },
    category: "carrier",
    status: "milestone",
    answers: compact({ documentNumber: (doc?.["reference"] as string | undefined)?.slice(0, 70) }),
    partner,
    occurredAt: occurred,
    reasons:
      delay || remark
        ? [compact({ code: delay, codeList: delay ? "DCSA-delay-reason" : undefined, text: remark })]
        : [],
    dcsa: compact({
      eventType: type,
      eventClassifierCode: t.str(e + shape.classifier, "/dcsa/eventClassifierCode"),
      [shape.codeOf(type).split("/").pop()!]: t.str(
        e + shape.codeOf(type),
        `/dcsa/${type.toLowerCase()}EventTypeCode`,
      ),
      documentReference: type === "SHIPMENT" ? doc : undefined,
      equipmentReference: t.str(e + shape.equipment, "/dcsa/equipmentReference", 17),
      emptyIndicatorCode: /^(EMPTY|LADEN)$/.test(String(at(t.root, e + shape.empty)))
        ? t.str(e + shape.empty, "/dcsa/emptyIndicatorCode")
        : undefined,
      location: loc,
      transportCall,
    }),
  });
}

export interface EventRead {
  readonly base: string;
  readonly draft: DraftDocument;
  readonly trace: JsonTrace;
}

/**
 * DCSA Track & Trace 2.2 (an array of events) or 3.0 ({events: [...]}) → one carrier milestone
 * per shipment, transport or equipment event, each with its own mapping trace. A response is
 * taken whole: any event that breaks the standard (no or a duplicate eventID, a date-time
 * without zone, an unknown code) refuses it, with the pointer of each fault. IoT and reefer
 * readings are left out; `skipped` says which.
 */
export function readEvents(
  root: unknown,
  list: string,
  v3: boolean,
): { reads: EventRead[]; issues: Issue[]; skipped: Issue[] } {
  const shape = v3 ? V3 : V2;
  const ids = new Set<string>();
  const issues: Issue[] = [];
  const skipped: Issue[] = [];
  const reads: EventRead[] = [];
  const probe = new JsonTrace(root);
  for (const i of probe.indexes(list)) {
    const e = join(list, i);
    const kind = at(root, e + shape.type);
    if (typeof kind === "string" && SENSOR_EVENTS.has(kind)) {
      skipped.push({
        message: `${kind} events are sensor readings, not milestones: not read`,
        pointer: e,
        ruleId: "DCSA-TNT-SENSOR",
        severity: "warning",
      });
      continue;
    }
    const found = check(probe, e, shape, ids);
    if (found.length > 0) issues.push(...found);
    else {
      const t = new JsonTrace(root);
      reads.push({ base: e, draft: milestone(t, e, shape), trace: t });
    }
  }
  return { reads, issues, skipped };
}
