import type { CanonicalDocument, DraftDocument, PartyData } from "../../../../model/canonical.js";
import type { SegmentData } from "../../types.js";
import { envelope, type EnvelopeOptions, type WrittenInterchange } from "./envelope.js";
import {
  dtm,
  eqd,
  ftx,
  FUNCTION_CODES,
  loc,
  mea,
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

/** Notify parties in order: N1, N2, then NI (notify party) for the rest. */
const NOTIFY = ["N1", "N2"];

function goodsItem(g: Obj): SegmentData[] {
  const p = g["packages"] as { count: number; typeCode: string; marks?: string } | undefined;
  return [
    seg("GID", [String(g["sequence"])], p ? [num(p.count), p.typeCode] : []),
    ...((g["description"] as string | undefined) ?? "")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => ftx("AAA", l)),
    ...(g["hsCode"] ? [seg("PIA", ["5"], [g["hsCode"] as string, "HS"])] : []),
    ...(g["grossWeight"] ? [mea("AAE", "AAD", g["grossWeight"] as Measure)] : []),
    ...(g["netWeight"] ? [mea("AAE", "AAC", g["netWeight"] as Measure)] : []),
    ...(g["volume"] ? [mea("AAE", "AAW", g["volume"] as Measure)] : []),
    ...pci(p?.marks),
    ...((g["equipmentIds"] as string[] | undefined) ?? []).map((id) => seg("SGP", [id])),
  ];
}

/**
 * A shipping instruction → IFTMIN segments: BGM 340 with the shipper's reference and function,
 * the transport document asked for (DOC 705 bill of lading or 710 sea waybill, with 1220 copies
 * and 1218 originals), places (LOC 88, 9, 11, 7, 13), references (BN, AAC, IV, AAE, UCN), freight
 * terms (CPI with its place of payment), carriages (TDT 10 and 20), parties (CZ, CN or "TO ORDER
 * [OF …]", N1/N2/NI, CA, FW), goods items (GID groups) and containers (EQD groups).
 */
export function iftminSegments(doc: Doc): SegmentData[] {
  const d = doc as Obj;
  const swb = d["transportDocumentType"] === "sea-waybill";
  const orderOf = d["orderOf"] as PartyData | undefined;
  const consignee: PartyData | undefined =
    d["toOrder"] === true
      ? { name: orderOf ? `TO ORDER OF ${orderOf.name}` : "TO ORDER" }
      : (d["consignee"] as PartyData | undefined);
  const terms = d["freightTerms"] as string | undefined;
  const totals = (d["totals"] as Obj | undefined) ?? {};
  return [
    seg("BGM", ["340"], [doc.number], [FUNCTION_CODES[doc.functionCode ?? "original"]]),
    dtm("137", doc.issuedAt),
    ...((d["notes"] as string[] | undefined) ?? []).map((n) => ftx("AAI", n)),
    ...((d["requestedClauses"] as string[] | undefined) ?? []).map((c) => ftx("BLC", c)),
    ...(totals["packageCount"] !== undefined
      ? [seg("CNT", ["11", num(totals["packageCount"] as number)])]
      : []),
    seg(
      "DOC",
      [swb ? "710" : "705"],
      [],
      [],
      [d["copies"] !== undefined ? num(d["copies"] as number) : undefined],
      [d["originals"] !== undefined ? num(d["originals"] as number) : undefined],
    ),
    ...[
      loc("88", d["placeOfReceipt"] as Obj | undefined),
      loc("9", d["portOfLoading"] as Obj | undefined),
      loc("11", d["portOfDischarge"] as Obj | undefined),
      loc("7", d["placeOfDelivery"] as Obj | undefined),
      ...((d["transhipmentPorts"] as Obj[] | undefined) ?? []).map((p) => loc("13", p)),
    ].filter(present),
    ...(d["bookingReference"] ? [rff("BN", d["bookingReference"] as string)] : []),
    ...(d["lcNumber"] ? [rff("AAC", d["lcNumber"] as string)] : []),
    ...((d["invoiceNumbers"] as string[] | undefined) ?? []).map((n) => rff("IV", n)),
    ...((d["exportReferences"] as string[] | undefined) ?? []).map((n) => rff("AAE", n)),
    ...(doc.ucr ? [rff("UCN", doc.ucr)] : []),
    ...(terms
      ? [
          seg("CPI", ["4"], [], [terms === "prepaid" ? "P" : "C"]),
          ...[loc("57", d["freightPayableAt"] as Obj | undefined)].filter(present),
        ]
      : []),
    ...[tdt("10", d["preCarriage"] as Obj | undefined), tdt("20", d["vessel"] as Obj | undefined)].filter(
      present,
    ),
    ...nad("CZ", d["shipper"] as PartyData | undefined),
    ...nad("CN", consignee),
    ...((d["notifyParties"] as PartyData[] | undefined) ?? []).flatMap((p, i) => nad(NOTIFY[i] ?? "NI", p)),
    ...nad("CA", d["carrier"] as PartyData | undefined),
    ...nad("FW", d["forwarder"] as PartyData | undefined),
    ...((d["goodsItems"] as Obj[] | undefined) ?? []).flatMap(goodsItem),
    ...eqd(d["equipment"] as Obj[] | undefined),
  ];
}

/** A shipping instruction as an IFTMIN interchange (directory D.96A by default, the ocean carriers' usual). */
export function writeIftmin(doc: Doc, o: EnvelopeOptions): WrittenInterchange {
  return envelope("IFTMIN", "96A", iftminSegments(doc), o);
}
