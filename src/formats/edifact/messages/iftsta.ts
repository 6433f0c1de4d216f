import { ProblemError } from "../../../errors/index.js";
import { qualifier, segmentGroups, value } from "../reading.js";
import type { Interchange, Message, Segment } from "../types.js";
import { codeIn, DCSA_DOCUMENT_REFERENCES, REC24_TO_DCSA } from "./codes.js";
import { issueDate, readBeginning } from "./header.js";
import { partyGroups, partyOf } from "./party.js";
import { readLocation } from "./places.js";
import type { MessageRead } from "./read.js";
import { groups } from "./structure.js";
import { position, type MessageTrace } from "./trace.js";
import { readTransport } from "./transport.js";
import { compact } from "./compact.js";

/** 3055 agencies under which 4405 is UN/ECE Recommendation 24 (none given, or 6: UN/ECE). */
const REC24_AGENCIES = new Set([undefined, "", "6"]);
/** STS group members (IFTSTA D96A–D16B SG? STS-RFF-DTM-FTX-NAD-LOC-PCI, with TDT and EQD groups). */
const STS_GROUP = [
  "RFF",
  "DTM",
  "FTX",
  "NAD",
  "CTA",
  "COM",
  "LOC",
  "PCI",
  "TDT",
  "EQD",
  "MEA",
  "DIM",
  "SEL",
  "EQA",
  "GID",
  "HAN",
  "SGP",
  "QTY",
  "DOC",
  "TMD",
  "EQN",
  "TSR",
];

function dateOf(segs: readonly Segment[], quals: readonly string[]): Segment | undefined {
  for (const q of quals) {
    const d = segs.find((s) => s.tag === "DTM" && qualifier(s) === q);
    if (d) return d;
  }
  return undefined;
}

/** A status with no date of its own happened, as far as the message says, on its date. */
function noTime(issuedAt: string, t: MessageTrace): string {
  t.defaulted(
    "/occurredAt",
    `${issuedAt}T00:00:00Z`,
    "the status has no date (DTM 334): the message date, midnight UTC",
  );
  return `${issuedAt}T00:00:00Z`;
}

function refuse(message: string, seg: Segment, element: number): never {
  throw new ProblemError("SWG_UNSUPPORTED_DOCUMENT", message, [
    { message, location: position(seg, element, 0), ruleId: "EDI-IFTSTA-STATUS" },
  ]);
}

/**
 * IFTSTA → one carrier status-event per status (STS group), each a DCSA Track & Trace milestone:
 * the Rec 24 status (STS C555 4405) through REC24_TO_DCSA, the time of the status change (DTM
 * 334, else the message date), its place (LOC), the means of transport (TDT), the container (RFF+EQ
 * or EQD) and the booking or bill of lading it is about (RFF+BN, BM). Statuses in a carrier's own
 * code list, or with no DCSA counterpart, are refused with their code: a milestone is never
 * guessed from a free-text description.
 */
export function readIftsta(m: Message, ic: Interchange, t: MessageTrace): MessageRead[] {
  const segs = m.segments;
  const firstCni = segs.findIndex((s) => s.tag === "CNI" || s.tag === "STS");
  const header = firstCni >= 0 ? segs.slice(0, firstCni) : segs;
  const begin = readBeginning(header, t);
  const carrier = partyOf(partyGroups(header), ["CA", "MS"], t, "/partner");
  const consignments = segmentGroups(segs.slice(Math.max(firstCni, 0)), { start: "CNI" });
  const scopes = consignments.length > 0 ? consignments : [segs.slice(Math.max(firstCni, 0))];
  const headerRefs = groups(header, "RFF", ["DTM"]).map((g) => g[0]!);
  const issuedAt = issueDate(header, ic, t);
  const out: MessageRead[] = [];
  for (const scope of scopes) {
    if (scope[0]?.tag === "CNI") t.mark(scope[0], 0);
    const scopeRefs = scope
      .slice(
        0,
        Math.max(
          scope.findIndex((s) => s.tag === "STS"),
          0,
        ),
      )
      .filter((s) => s.tag === "RFF");
    for (const sts of groups(scope, "STS", STS_GROUP)) {
      const head = sts[0]!;
      const code = value(head, 1, 0);
      const agency = value(head, 1, 2);
      const event = REC24_AGENCIES.has(agency) ? codeIn(REC24_TO_DCSA, code) : undefined;
      if (!code) refuse("the status (STS) names no status code (C555 4405)", head, 1);
      if (!REC24_AGENCIES.has(agency))
        refuse(
          `status ${code} of code list ${agency} is a party's own code, not UN/ECE Recommendation 24: no DCSA event`,
          head,
          1,
        );
      if (!event) refuse(`UN/ECE Rec 24 status ${code} has no DCSA Track & Trace counterpart`, head, 1);
      const refs = [...sts.filter((s) => s.tag === "RFF"), ...scopeRefs, ...headerRefs];
      const refOf = (q: string) => refs.find((r) => qualifier(r) === q);
      const eqRef = refOf("EQ");
      const eqd = sts.find((s) => s.tag === "EQD");
      const equipmentReference = event.equipment
        ? (
            t.text(eqRef, 0, 1, "/dcsa/equipmentReference") ?? t.text(eqd, 1, 0, "/dcsa/equipmentReference")
          )?.slice(0, 17)
        : undefined;
      if (event.equipment && !equipmentReference)
        refuse(`Rec 24 status ${code} is an equipment event and names no container (RFF+EQ or EQD)`, head, 1);
      if (eqRef && equipmentReference) t.mark(eqRef, 0);
      const docRef = Object.keys(DCSA_DOCUMENT_REFERENCES)
        .map((q) => refOf(q))
        .find((r) => r !== undefined);
      const docType = docRef ? codeIn(DCSA_DOCUMENT_REFERENCES, qualifier(docRef)) : undefined;
      if (docRef) t.mark(docRef, 0);
      const docValue = t.text(docRef, 0, 1, "/dcsa/documentReference/reference")?.slice(0, 100);
      t.mark(head, 0);
      t.text(head, 1, 0, `/dcsa/${event.type.toLowerCase()}EventTypeCode`);
      t.mark(head, 1, 1);
      t.mark(head, 1, 2);
      const reason = compact({
        code: t.text(head, 2, 0, "/reasons/0/code")?.slice(0, 35),
        codeList: value(head, 2, 0) ? "UNECE-Rec24-reason" : undefined,
        text: t.text(head, 2, 3, "/reasons/0/text"),
      });
      const tdt = sts.find((s) => s.tag === "TDT");
      const loc = sts.find((s) => s.tag === "LOC");
      out.push({
        draft: compact({
          type: "status-event" as const,
          number: begin.number,
          issuedAt,
          issuer: carrier ?? { name: "" },
          category: "carrier",
          status: "milestone",
          answers: compact({ documentNumber: docValue?.slice(0, 70) }),
          partner: carrier,
          occurredAt:
            t.dateTime(dateOf(sts, ["334", "178", "186", "133", "132"]), "/occurredAt") ??
            noTime(issuedAt, t),
          reasons: Object.keys(reason).length > 0 ? [reason] : [],
          text: t.text(head, 1, 3, "/text"),
          dcsa: compact({
            eventType: event.type,
            eventClassifierCode: "ACT",
            [`${event.type.toLowerCase()}EventTypeCode`]: event.code,
            documentReference:
              docType && docValue && event.type === "SHIPMENT"
                ? { typeCode: docType, reference: docValue }
                : undefined,
            equipmentReference,
            location: readLocation(loc, t, "/dcsa/location"),
            transportCall:
              event.type === "TRANSPORT" ? readTransport(tdt, t, "/dcsa/transportCall") : undefined,
          }),
        }),
      });
    }
  }
  if (out.length > 1)
    return out.map((r, i) => ({ draft: { ...r.draft, number: `${begin.number}/${i + 1}`.slice(0, 70) } }));
  if (out.length === 0) {
    throw new ProblemError("SWG_UNSUPPORTED_DOCUMENT", "the IFTSTA reports no status (STS)", [
      {
        message: "an IFTSTA needs at least one STS segment group",
        location: position(m.segments[0]!),
        ruleId: "EDI-IFTSTA-STATUS",
      },
    ]);
  }
  return out;
}
