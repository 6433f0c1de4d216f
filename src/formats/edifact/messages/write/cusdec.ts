import type { CanonicalDocument, DraftDocument, PartyData } from "../../../../model/canonical.js";
import type { SegmentData } from "../../types.js";
import { envelope, type EnvelopeOptions, type WrittenInterchange } from "./envelope.js";
import {
  dtm,
  eqd,
  ftx,
  FUNCTION_CODES,
  loc,
  locCode,
  mea,
  moa,
  nad,
  num,
  pci,
  present,
  rff,
  seg,
  tdt,
} from "./segments.js";

type Obj = Record<string, unknown>;
type Doc = CanonicalDocument | DraftDocument;
type Measure = { value: number; unit: string };

/** UNCL 1131 code list of the customs procedure in CST C246 (the reader's PROCEDURE_LIST). */
const PROCEDURE_LIST = "117";

function customsItem(g: Obj): SegmentData[] {
  const p = g["packages"] as { count: number; typeCode: string; marks?: string } | undefined;
  const procedure = g["procedure"] as string | undefined;
  return [
    seg(
      "CST",
      [String(g["sequence"])],
      [g["hsCode"] as string],
      procedure ? [procedure, PROCEDURE_LIST] : [],
    ),
    ...((g["description"] as string | undefined) ?? "")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => ftx("AAA", l)),
    ...(g["originCountry"] ? [locCode("27", g["originCountry"] as string)] : []),
    ...(g["grossWeight"] ? [mea("WT", "AAD", g["grossWeight"] as Measure)] : []),
    ...(g["netWeight"] ? [mea("WT", "AAC", g["netWeight"] as Measure)] : []),
    ...(g["volume"] ? [mea("AAE", "AAW", g["volume"] as Measure)] : []),
    ...(p ? [seg("PAC", [num(p.count)], [], [p.typeCode]), ...pci(p.marks)] : []),
    ...(g["value"] !== undefined ? [moa("38", g["value"] as number)] : []),
    ...(g["statisticalValue"] !== undefined ? [moa("123", g["statisticalValue"] as number)] : []),
    ...((g["equipmentIds"] as string[] | undefined) ?? []).map((id) => rff("AAQ", id)),
    ...((g["additionalDocuments"] as Obj[] | undefined) ?? []).map((a) =>
      seg("DOC", [a["typeCode"] as string], [a["number"] as string]),
    ),
  ];
}

/**
 * An export declaration → CUSDEC segments (D.96B structure): BGM 830 with the national
 * declaration type as its name (C002 1000, e.g. EXA), the LRN and the function; the places (LOC 35
 * country of export, 28 destination, 9 loading, 14 goods location, 114 office of export, 42 office
 * of exit), references (ABE the LRN when it is not the BGM number, ABT the MRN, IV, UCN), the
 * border transport (TDT 11) and containers, parties (EX, DT, CN, CA), terms of delivery, the
 * invoice amount (MOA 39 with its currency); UNS+D, a CST group per goods item; UNS+S with the
 * package count (CNT 11).
 */
export function cusdecSegments(doc: Doc): SegmentData[] {
  const d = doc as Obj;
  const t = (d["transport"] as Obj | undefined) ?? {};
  const invoice = (d["invoice"] as Obj | undefined) ?? {};
  const incoterms = d["incoterms"] as Obj | undefined;
  const totals = (d["totals"] as Obj | undefined) ?? {};
  const lrn = d["lrn"] as string | undefined;
  const border =
    t["modeAtBorder"] || t["meansName"] || t["meansId"] || t["voyage"] || t["nationality"]
      ? {
          mode: t["modeAtBorder"],
          name: t["meansName"],
          id: t["meansId"],
          voyage: t["voyage"],
          nationality: t["nationality"],
        }
      : undefined;
  return [
    seg(
      "BGM",
      ["830", undefined, undefined, d["declarationType"] as string | undefined],
      [doc.number],
      [FUNCTION_CODES[doc.functionCode ?? "original"]],
    ),
    ...[
      d["exportCountry"] ? locCode("35", d["exportCountry"] as string) : undefined,
      d["destinationCountry"] ? locCode("28", d["destinationCountry"] as string) : undefined,
      loc("9", t["loadingLocation"] as Obj | undefined),
      loc("14", d["goodsLocation"] as Obj | undefined),
      d["customsOffice"] ? locCode("114", d["customsOffice"] as string) : undefined,
      t["exitOffice"] ? locCode("42", t["exitOffice"] as string) : undefined,
    ].filter(present),
    dtm("137", doc.issuedAt),
    ...(totals["grossWeight"] ? [mea("WT", "AAD", totals["grossWeight"] as Measure)] : []),
    ...eqd(t["equipment"] as Obj[] | undefined),
    ...((d["notes"] as string[] | undefined) ?? []).map((n) => ftx("AAI", n)),
    ...(lrn && lrn !== doc.number ? [rff("ABE", lrn)] : []),
    ...(d["mrn"] ? [rff("ABT", d["mrn"] as string)] : []),
    ...(invoice["number"] ? [rff("IV", invoice["number"] as string)] : []),
    ...(doc.ucr ? [rff("UCN", doc.ucr)] : []),
    ...[tdt("11", border)].filter(present),
    ...nad("EX", d["exporter"] as PartyData | undefined),
    ...nad("DT", d["declarant"] as PartyData | undefined),
    ...nad("CN", d["consignee"] as PartyData | undefined),
    ...nad("CA", d["carrier"] as PartyData | undefined),
    ...(incoterms
      ? [
          seg("TOD", ["6"], [], [incoterms["code"] as string]),
          ...[loc("1", incoterms["place"] as Obj | undefined)].filter(present),
        ]
      : []),
    ...(invoice["amount"] !== undefined
      ? [moa("39", invoice["amount"] as number, invoice["currency"] as string | undefined)]
      : []),
    seg("UNS", ["D"]),
    ...((d["goodsItems"] as Obj[] | undefined) ?? []).flatMap(customsItem),
    seg("UNS", ["S"]),
    ...(totals["packageCount"] !== undefined
      ? [seg("CNT", ["11", num(totals["packageCount"] as number)])]
      : []),
  ];
}

/** An export declaration as a CUSDEC interchange (directory D.96B by default). */
export function writeCusdec(doc: Doc, o: EnvelopeOptions): WrittenInterchange {
  return envelope("CUSDEC", "96B", cusdecSegments(doc), o);
}
