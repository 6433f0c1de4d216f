import { ProblemError } from "../../../errors/index.js";
import type { PartyData } from "../../../model/canonical.js";
import { qualifier, value } from "../reading.js";
import type { Interchange, Message, Segment } from "../types.js";
import {
  codeIn,
  CUSTOMS_RESPONSE_DOCUMENT,
  CUSTOMS_STATUS_RANK,
  PROCESSING_INDICATOR,
  RESPONSE_TYPE,
  type CustomsStatus,
} from "./codes.js";
import { issueDate, readBeginning, reference } from "./header.js";
import { partyGroups, partyOf } from "./party.js";
import { locationId, locationOf } from "./places.js";
import type { MessageRead } from "./read.js";
import { groups, outside } from "./structure.js";
import { position, type MessageTrace } from "./trace.js";
import { compact } from "./compact.js";

type Obj = Record<string, unknown>;

/** CUSRES's party group: NAD-CTA-COM. */
const CUSRES_NAD = ["CTA", "COM"];

/** 3055 agencies whose 7365 and 9321 codes are the UN lists (none given, or 6: UN/ECE). */
const UN_AGENCIES = new Set([undefined, "", "6"]);

interface Found {
  readonly status: CustomsStatus;
  readonly seg: Segment;
  readonly element: number;
}

/** Every outcome the response states: processing indicators (GIS/GEI 7365), BGM 4343, BGM 1001. */
function outcomes(segs: readonly Segment[], bgm: Segment | undefined): Found[] {
  const found: Found[] = [];
  for (const s of segs) {
    const element = s.tag === "GIS" ? 0 : s.tag === "GEI" ? 1 : -1;
    if (element < 0 || !UN_AGENCIES.has(value(s, element, 2))) continue;
    const status = codeIn(PROCESSING_INDICATOR, value(s, element));
    if (status) found.push({ status, seg: s, element });
  }
  const response = codeIn(RESPONSE_TYPE, value(bgm, 3));
  if (bgm && response) found.push({ status: response, seg: bgm, element: 3 });
  const document = codeIn(CUSTOMS_RESPONSE_DOCUMENT, value(bgm, 0));
  if (bgm && document) found.push({ status: document, seg: bgm, element: 0 });
  return found;
}

/** The UNB sender: the customs system that answers, until correlation names the partner. */
function sender(ic: Interchange, t: MessageTrace): PartyData {
  t.defaulted(
    "/issuer",
    ic.sender.id,
    "the response names the customs office by its interchange sender (UNB S002)",
  );
  const party: Obj = {
    name: ic.sender.id.slice(0, 200),
    identifiers: [
      {
        scheme: "OTHER",
        value: ic.sender.id.slice(0, 70),
        schemeName: `UNB S002${ic.sender.qualifier ? ` 0007 ${ic.sender.qualifier}` : ""}`,
      },
    ],
  };
  return party as PartyData;
}

/**
 * CUSRES → customs status-event. The outcome is read from the UN code lists, the strongest one
 * the response states: GIS/GEI processing indicators (UNCL 7365: 1 accepted, 2/3/14/16
 * rejected, 4/8 released, 5/7 held for examination, 6 documents to be produced, 9/15
 * accepted), BGM 4343 (AP accepted, RE rejected), BGM 1001 (963 error response: rejected, 932
 * customs delivery note: released); an ERP/ERC error group with no other outcome is a
 * rejection. National indicator lists (3055 other than UN/ECE) are not guessed at. Reasons
 * come from the ERP groups: the 9321 error code with its list, the FTX text, the erroneous
 * segment.
 */
export function readCusres(m: Message, ic: Interchange, t: MessageTrace): MessageRead {
  const segs = m.segments;
  const begin = readBeginning(segs, t);
  const errorGroups = groups(segs, "ERP", ["RFF", "ERC", "FTX"]);
  const nads = groups(segs, "NAD", CUSRES_NAD);
  const own = outside(segs, [...errorGroups, ...nads]);
  const found = outcomes(own, begin.bgm);
  if (found.length === 0 && errorGroups.length > 0)
    found.push({ status: "rejected", seg: errorGroups[0]![0]!, element: 0 });
  const best = CUSTOMS_STATUS_RANK.find((s) => found.some((f) => f.status === s));
  if (!best) {
    throw new ProblemError("SWG_UNSUPPORTED_DOCUMENT", "the CUSRES states no outcome the gateway can read", [
      {
        message:
          "a customs response needs a UN processing indicator (GIS/GEI 7365), a BGM response type (4343 AP/RE), an error response (1001 963) or error groups (ERP/ERC); national code lists are not interpreted",
        location: position(begin.bgm ?? segs[0] ?? m.segments[0]!, 0),
        ruleId: "EDI-CUSRES-STATUS",
      },
    ]);
  }
  for (const f of found) {
    t.mark(f.seg, 0);
    t.mark(f.seg, f.element, 0);
    t.mark(f.seg, f.element, 1);
    t.mark(f.seg, f.element, 2);
  }
  t.trace.from("/status", position(found.find((f) => f.status === best)!.seg));

  const reasons = errorGroups.flatMap((g, gi) => {
    const erp = g[0]!;
    const tag = value(erp, 1, 0);
    const where = tag ? `in ${tag}${value(erp, 1, 1) ? ` at ${value(erp, 1, 1)}` : ""}` : undefined;
    if (where) {
      t.mark(erp, 1, 0);
      t.mark(erp, 1, 1);
    }
    const text = g
      .filter((s) => s.tag === "FTX")
      .map((s) => {
        t.mark(s, 0);
        return t.joined(s, 3, [0, 1, 2, 3, 4], `/reasons/${gi}/text`);
      })
      .filter((x): x is string => x !== undefined)
      .join(" ");
    return g
      .filter((s) => s.tag === "ERC")
      .map((erc) => {
        const agency = value(erc, 0, 2);
        const list = value(erc, 0, 1);
        t.mark(erc, 0, 1);
        t.mark(erc, 0, 2);
        return compact({
          code: t.text(erc, 0, 0, `/reasons/${gi}/code`)?.slice(0, 35),
          codeList: UN_AGENCIES.has(agency) ? "UNCL9321" : `UNCL3055:${agency}${list ? `/${list}` : ""}`,
          text: [where, text].filter(Boolean).join(": ").slice(0, 4000) || undefined,
        });
      });
  });
  const docs =
    best === "documents-required"
      ? own
          .filter((s) => s.tag === "DOC")
          .map((d, k) => {
            const p = `/customs/documentsRequired/${k}`;
            const code = t.text(d, 0, 0, `${p}/typeCode`);
            const named = t.text(d, 0, 3, `${p}/text`) ?? t.text(d, 1, 0, `${p}/text`);
            if (!named)
              t.defaulted(
                `${p}/text`,
                `document ${code ?? ""}`.trim(),
                "the DOC names the document by code only",
              );
            return compact({
              typeCode: code?.slice(0, 35),
              text: (named ?? `document ${code ?? ""}`).slice(0, 4000),
            });
          })
      : [];
  const occurred =
    t.dateTime(
      own.find((s) => s.tag === "DTM" && qualifier(s) === "137"),
      "/occurredAt",
    ) ??
    t.dateTime(
      own.find((s) => s.tag === "DTM" && qualifier(s) === "9"),
      "/occurredAt",
    );
  const lrn = reference(own, ["ABE"], t, "/customs/lrn")?.slice(0, 35);
  const issuer = partyOf(partyGroups(segs, CUSRES_NAD), ["MS"], t, "/issuer") ?? sender(ic, t);
  const text = own
    .filter((s) => s.tag === "FTX")
    .map((s) => {
      t.mark(s, 0);
      return t.joined(s, 3, [0, 1, 2, 3, 4], "/text");
    })
    .filter((x): x is string => x !== undefined)
    .join("\n");
  return {
    draft: compact({
      type: "status-event" as const,
      number: begin.number,
      issuedAt: issueDate(own, ic, t),
      issuer,
      category: "customs",
      status: best,
      answers: compact({
        documentNumber: (lrn ?? reference(own, ["ACW"], t, "/answers/documentNumber"))?.slice(0, 70),
      }),
      partner: issuer,
      occurredAt: occurred ?? interchangeTime(ic, t),
      reasons,
      text: text ? text.slice(0, 8000) : undefined,
      customs: compact({
        mrn: reference(own, ["ABT", "AAE"], t, "/customs/mrn")?.slice(0, 35),
        lrn,
        customsOffice: locationId(own, ["114", "118", "42"], t, "/customs/customsOffice", 17),
        examinationPlace:
          best === "held-for-examination"
            ? locationOf(own, ["14"], t, "/customs/examinationPlace")
            : undefined,
        documentsRequired: docs,
      }),
    }),
  };
}

/** The interchange's preparation time (UNB S004), when the response dates itself nowhere. */
function interchangeTime(ic: Interchange, t: MessageTrace): string {
  const d = ic.date.length === 8 ? ic.date : `${Number(ic.date.slice(0, 2)) < 50 ? "20" : "19"}${ic.date}`;
  const iso = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${ic.time.slice(0, 2)}:${ic.time.slice(2, 4)}:00Z`;
  t.defaulted(
    "/occurredAt",
    iso,
    "no response date (DTM+137): the interchange's preparation time, read as UTC",
  );
  return iso;
}
