import { ProblemError } from "../../../errors/index.js";
import { qualifier, value } from "../reading.js";
import type { Interchange, Message, Segment } from "../types.js";
import {
  EXPORT_DECLARATIONS,
  EXPORT_INDICATOR,
  GENERIC_DECLARATIONS,
  NON_EXPORT_INDICATORS,
} from "./codes.js";
import { freeTexts, issueDate, readBeginning, reference, references, ucrOf } from "./header.js";
import { grossWeight, marks, netWeight, packageType, volume } from "./measures.js";
import { partyGroups, partyOf } from "./party.js";
import { countryOf, locationId, locationOf } from "./places.js";
import type { MessageRead } from "./read.js";
import { groups, outside, preferred, sections } from "./structure.js";
import type { MessageTrace } from "./trace.js";
import { EQD_GROUP, readEquipment, readTransport, stage } from "./transport.js";
import { compact } from "./compact.js";

type Obj = Record<string, unknown>;

const INCOTERMS = new Set(["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"]);
/** What a customs item (CST group) holds across D96B–D16B, nested groups included. */
const ITEM_GROUP = [
  "FTX",
  "LOC",
  "DTM",
  "MEA",
  "NAD",
  "TDT",
  "PAC",
  "PCI",
  "MOA",
  "CUX",
  "RFF",
  "GIN",
  "IMD",
  "DOC",
  "TOD",
  "GDS",
  "GIS",
  "GEI",
  "PCD",
  "TAX",
  "QVR",
  "GIR",
  "SEL",
  "CTA",
  "COM",
];
/** CUSDEC's party group (D96B–D16B): NAD-RFF-CTA-COM. */
const CUSDEC_NAD = ["RFF", "CTA", "COM"];
/** UNCL 1131 code list of the customs procedure in CST C246 (as in the SARS and ABF implementation guides). */
const PROCEDURE_LIST = "117";

/** The UNCL 7365 processing indicators of GIS (to D01A) or GEI (from D01B: after the 9649 qualifier). */
function indicators(segs: readonly Segment[]): { seg: Segment; element: number; code: string }[] {
  return segs.flatMap((s) => {
    const element = s.tag === "GIS" ? 0 : s.tag === "GEI" ? 1 : -1;
    const code = element >= 0 ? value(s, element) : undefined;
    return code ? [{ seg: s, element, code }] : [];
  });
}

function declarationType(
  begin: { documentName?: string | undefined },
  header: readonly Segment[],
  t: MessageTrace,
  bgm: Segment | undefined,
  m: Message,
): string {
  const name = begin.documentName ?? "";
  const flow = indicators(header).find(
    (i) => i.code === EXPORT_INDICATOR || NON_EXPORT_INDICATORS.has(i.code),
  );
  const isExport =
    EXPORT_DECLARATIONS.has(name) || (GENERIC_DECLARATIONS.has(name) && flow?.code === EXPORT_INDICATOR);
  if (!isExport) {
    const what =
      flow && NON_EXPORT_INDICATORS.has(flow.code)
        ? flow.code === "23"
          ? "an import"
          : "a transit"
        : `document ${name || "(none)"}`;
    throw new ProblemError(
      "SWG_UNSUPPORTED_DOCUMENT",
      `CUSDEC ${what} declaration is not an export declaration (BGM 1001 830, or 913/914/915/960 with GIS 7365 = 22)`,
      [
        {
          message: `the gateway reads export declarations; BGM 1001 is ${name || "absent"}`,
          location: `segment ${(bgm ?? m.segments[0])?.position.number ?? m.unh.number} (BGM), element 1.1`,
          ruleId: "EDI-CUSDEC-EXPORT",
        },
      ],
    );
  }
  if (flow) t.markSegment(flow.seg);
  // C002 1000 (the document name as text) carries the national declaration type (EXA, EXD, COA…) in EU practice.
  const text = value(bgm, 0, 3);
  if (text && /^(EX|EU|CO)[A-Z]?$/.test(text)) return t.text(bgm, 0, 3, "/declarationType")!;
  t.trace.from("/declarationType", `segment ${bgm!.position.number} (BGM), element 1.1`);
  t.defaulted("/declarationType", "EX", "BGM names an export declaration without its national type: EX");
  return "EX";
}

function customsItem(g: readonly Segment[], i: number, t: MessageTrace, currency: string | undefined): Obj {
  const p = `/goodsItems/${i}`;
  const cst = g[0]!;
  const seq = value(cst, 0);
  let hs: string | undefined;
  let procedure: string | undefined;
  for (let e = 1; e < cst.elements.length; e++) {
    const code = value(cst, e, 0)?.replace(/[.\s]/g, "");
    if (!code) continue;
    if (value(cst, e, 1) === PROCEDURE_LIST && !procedure) {
      procedure = t.text(cst, e, 0, `${p}/procedure`)?.slice(0, 7);
      t.mark(cst, e, 1);
      t.mark(cst, e, 2);
    } else if (!hs && /^[0-9]{6,10}$/.test(code)) {
      hs = code;
      t.text(cst, e, 0, `${p}/hsCode`);
      t.mark(cst, e, 1);
      t.mark(cst, e, 2);
    }
  }
  // FTX+CCI (customs clearance instructions): requested and previous procedure, EU DE 1/10.
  const cci = g.find((s) => s.tag === "FTX" && qualifier(s) === "CCI");
  if (!procedure && cci && /^\d{2}$/.test(value(cci, 3, 0) ?? "") && /^\d{2}$/.test(value(cci, 3, 1) ?? "")) {
    t.mark(cci, 0);
    procedure = `${t.text(cci, 3, 0, `${p}/procedure`)}${t.text(cci, 3, 1, `${p}/procedure`)}`;
  }
  const description =
    freeTexts(g, ["AAA"], t, `${p}/description`).join("\n") ||
    g
      .filter((s) => s.tag === "IMD")
      .map((s) => t.joined(s, 2, [3, 4], `${p}/description`))
      .find((x) => x !== undefined);
  const pac = g.find((s) => s.tag === "PAC");
  const count = t.count(pac, 0, 0, `${p}/packages/count`);
  const typeCode =
    pac && count !== undefined ? packageType(pac, 2, 0, t, `${p}/packages/typeCode`) : undefined;
  const statistical = preferred(g, "MOA", ["123"]);
  const itemValue = preferred(g, "MOA", ["38", "66"]);
  const docs = g
    .filter((s) => s.tag === "DOC" && value(s, 0) && value(s, 1))
    .map((d, k) => {
      t.mark(d, 0, 1);
      t.mark(d, 0, 2);
      return {
        typeCode: t.text(d, 0, 0, `${p}/additionalDocuments/${k}/typeCode`)!.slice(0, 4),
        number: t.text(d, 1, 0, `${p}/additionalDocuments/${k}/number`)!.slice(0, 70),
      };
    });
  const amountOf = (moa: Segment | undefined, pointer: string) => {
    const cur = value(moa, 0, 2);
    if (cur && currency && cur !== currency) {
      t.warn(`amount in ${cur}, not the declaration's invoice currency ${currency}`, moa, 0, 2);
      return undefined;
    }
    const n = t.number(moa, 0, 1, pointer);
    if (n !== undefined) {
      t.mark(moa, 0);
      t.mark(moa, 0, 2);
    }
    return n !== undefined && n >= 0 ? n : undefined;
  };
  return compact({
    sequence: seq && /^[1-9][0-9]*$/.test(seq) ? Number(t.text(cst, 0, 0, `${p}/sequence`)) : i + 1,
    description: description?.slice(0, 4000),
    hsCode: hs,
    originCountry: countryOf(g, ["27"], t, `${p}/originCountry`),
    packages:
      count !== undefined && count > 0 && typeCode
        ? compact({ count, typeCode, marks: marks(g, t, `${p}/packages/marks`) })
        : undefined,
    grossWeight: grossWeight(g, t, `${p}/grossWeight`),
    netWeight: netWeight(g, t, `${p}/netWeight`),
    volume: volume(g, t, `${p}/volume`),
    value: amountOf(itemValue, `${p}/value`),
    statisticalValue: amountOf(statistical, `${p}/statisticalValue`),
    equipmentIds: references(g, "AAQ", t, `${p}/equipmentIds`),
    procedure,
    additionalDocuments: docs,
  });
}

/**
 * CUSDEC (D96B–D16B) → export-declaration. Header up to UNS+D: the declaration (BGM: 1001 830
 * or a generic declaration with GIS/GEI 7365 = 22 export; 1004 the declarant's reference, LRN;
 * 1225 its function), parties (EX exporter, DT declarant, CN consignee, CA carrier), places (LOC
 * 35 country of export, 28 of destination, 9 loading, 42 office of exit, 114 office of export,
 * 14 goods location), transport (TDT 11 at the border, else 20), equipment (EQD), terms of
 * delivery (TOD), the invoice (RFF+IV, MOA 39/77). Detail up to UNS+S: the customs items, one
 * CST group each. An amendment (1225 = 5, or 4 carrying only the changes) or cancellation (1)
 * names the declaration it supersedes by its MRN (RFF+ABT) or else its LRN (1004).
 */
export function readCusdec(m: Message, ic: Interchange, t: MessageTrace): MessageRead {
  const { header, detail, summary, separators } = sections(m.segments);
  for (const s of separators) t.markSegment(s);
  const begin = readBeginning(header, t);
  const nads = groups(header, "NAD", CUSDEC_NAD);
  const parties = partyGroups(header, CUSDEC_NAD);
  const own = outside(header, nads);
  const type = begin.delta ? undefined : declarationType(begin, own, t, begin.bgm, m);
  if (begin.delta) t.mark(begin.bgm, 0);
  const exporter = partyOf(parties, ["EX", "CZ"], t, "/exporter");
  let declarant = partyOf(parties, ["DT", "AE", "CB"], t, "/declarant");
  if (!declarant && exporter && !begin.delta) {
    declarant = exporter;
    t.defaulted("/declarant", "exporter", "no declarant (NAD+DT): the exporter declares for itself");
  }
  const cux = own.find((s) => s.tag === "CUX");
  const invoiceMoa = preferred(own, "MOA", ["39", "77"]);
  const currency = value(invoiceMoa, 0, 2) ?? value(cux, 0, 1);
  if (invoiceMoa) t.mark(invoiceMoa, 0);
  if (value(invoiceMoa, 0, 2)) t.text(invoiceMoa, 0, 2, "/invoice/currency");
  else if (cux) {
    t.mark(cux, 0, 0);
    t.mark(cux, 0, 2);
    t.text(cux, 0, 1, "/invoice/currency");
  }
  const tod = own.find((s) => s.tag === "TOD");
  const incoterm = value(tod, 2);
  const tdts = groups(own, "TDT", ["TPL", "DTM", "LOC"]);
  const border = readTransport(stage(own, ["11", "20"]) ?? tdts[0]?.[0], t, "/transport/border");
  const equipment = readEquipment(groups(own, "EQD", EQD_GROUP).flat(), t, "/transport/equipment");
  const items = groups(detail, "CST", ITEM_GROUP).map((g, i) => customsItem(g, i, t, currency));
  for (const s of [...detail, ...summary].filter((x) => x.tag === "CNT")) t.mark(s, 0);
  const allCnt = [...own, ...summary].filter((s) => s.tag === "CNT");
  const mrn = reference(own, ["ABT", "AAE"], t, "/mrn")?.slice(0, 35);
  const lrn =
    reference(own, ["ABE"], t, "/lrn")?.slice(0, 35) ??
    (begin.number ? begin.number.slice(0, 35) : undefined);
  if (lrn === begin.number)
    t.trace.from("/lrn", `segment ${begin.bgm?.position.number ?? 0} (BGM), element 2.1`);
  const draft = compact({
    type: "export-declaration" as const,
    number: begin.number,
    issuedAt: issueDate(own, ic, t),
    issuer: declarant ?? exporter ?? { name: "" },
    functionCode: begin.functionCode,
    ucr: ucrOf(own, t),
    declarationType: type,
    lrn,
    mrn,
    customsOffice: locationId(own, ["114", "118"], t, "/customsOffice", 17),
    exporter,
    declarant,
    consignee: partyOf(parties, ["CN"], t, "/consignee"),
    carrier: partyOf(parties, ["CA"], t, "/carrier"),
    exportCountry: countryOf(own, ["35"], t, "/exportCountry") ?? exporter?.address?.country,
    destinationCountry: countryOf(own, ["28"], t, "/destinationCountry"),
    incoterms:
      incoterm && INCOTERMS.has(incoterm)
        ? compact({
            code: t.text(tod, 2, 0, "/incoterms/code"),
            place: locationOf(own, ["1"], t, "/incoterms/place"),
          })
        : undefined,
    invoice: compact({
      number: reference(own, ["IV"], t, "/invoice/number")?.slice(0, 70),
      currency,
      amount: t.number(invoiceMoa, 0, 1, "/invoice/amount"),
    }),
    transport: compact({
      modeAtBorder: border?.["mode"],
      meansName: border?.["name"],
      meansId: border?.["imoNumber"] ?? border?.["id"],
      voyage: border?.["voyage"],
      nationality: border?.["nationality"],
      loadingLocation: locationOf(own, ["9"], t, "/transport/loadingLocation"),
      exitOffice: locationId(own, ["42"], t, "/transport/exitOffice", 17),
      equipment,
    }),
    goodsItems: items,
    goodsLocation: locationOf(own, ["14"], t, "/goodsLocation"),
    totals: compact({
      packageCount: t.count(
        allCnt.find((s) => value(s, 0) === "11"),
        0,
        1,
        "/totals/packageCount",
      ),
      grossWeight: grossWeight(own, t, "/totals/grossWeight"),
    }),
    notes: freeTexts(own, ["AAI", "GEN"], t, "/notes").map((n) => n.slice(0, 4000)),
  });
  if (!draft["exportCountry"] && exporter?.address?.country)
    t.defaulted(
      "/exportCountry",
      exporter.address.country,
      "no country of export (LOC+35): the exporter's country",
    );
  const supersedes = mrn
    ? { key: "mrn" as const, value: mrn }
    : lrn
      ? { key: "lrn" as const, value: lrn }
      : undefined;
  return {
    draft: draft,
    ...(begin.functionCode !== "original" && supersedes
      ? { supersedesRef: { type: "export-declaration" as const, ...supersedes } }
      : {}),
    ...(begin.delta ? { delta: true } : {}),
  };
}
