import type { CanonicalDocument, DraftDocument, PartyData } from "../../../../model/canonical.js";
import type { SegmentData } from "../../types.js";
import { envelope, type EnvelopeOptions, type WrittenInterchange } from "./envelope.js";
import { dtm, ftx, FUNCTION_CODES, loc, mea, moa, nad, num, pieces, present, rff, seg } from "./segments.js";

type Obj = Record<string, unknown>;
type Doc = CanonicalDocument | DraftDocument;

function tax(category: string | undefined, rate: number | undefined): SegmentData | undefined {
  if (category === undefined && rate === undefined) return undefined;
  return seg(
    "TAX",
    ["7"],
    ["VAT"],
    [],
    [],
    [undefined, undefined, undefined, rate === undefined ? undefined : num(rate)],
    [category],
  );
}

/** An allowance (A) or charge (C) as its ALC group: reason code (C552 5189 / C214 7161), reason, PCD, MOA 8 and 25, TAX. */
function alc(kind: "A" | "C", a: Obj): SegmentData[] {
  const code = a["reasonCode"] as string | undefined;
  const reason = a["reason"] as string | undefined;
  const text = reason ? pieces(reason, 35, 2) : [];
  return [
    seg(
      "ALC",
      [kind],
      kind === "A" && code ? [undefined, code] : [],
      [],
      [],
      kind === "C"
        ? [code, undefined, undefined, ...text]
        : text.length > 0
          ? [undefined, undefined, undefined, ...text]
          : [],
    ),
    ...(a["percent"] !== undefined
      ? [seg("PCD", [kind === "A" ? "1" : "2", num(a["percent"] as number)])]
      : []),
    moa("8", a["amount"] as number),
    ...(a["baseAmount"] !== undefined ? [moa("25", a["baseAmount"] as number)] : []),
    ...[tax(a["taxCategory"] as string | undefined, a["taxRate"] as number | undefined)].filter(present),
  ];
}

function allowancesAndCharges(o: Obj): SegmentData[] {
  return [
    ...((o["allowances"] as Obj[] | undefined) ?? []).flatMap((a) => alc("A", a)),
    ...((o["charges"] as Obj[] | undefined) ?? []).flatMap((c) => alc("C", c)),
  ];
}

function line(l: Obj, i: number): SegmentData[] {
  const seller = l["sellerItemId"] as string | undefined;
  const hs = l["hsCode"] as string | undefined;
  const q = l["quantity"] as { value: number; unit: string } | undefined;
  const description = (l["description"] as string | undefined) ?? "";
  const imd = pieces(description, 35, 2);
  return [
    seg("LIN", [(l["lineId"] as string | undefined) ?? String(i + 1)]),
    ...(seller || hs
      ? [seg("PIA", ["1"], seller ? [seller, "SA"] : [hs!, "HS"], seller && hs ? [hs, "HS"] : [])]
      : []),
    ...(imd.length > 0 ? [seg("IMD", ["F"], [], [undefined, undefined, undefined, ...imd])] : []),
    ...(l["grossWeight"] ? [mea("PD", "AAD", l["grossWeight"] as { value: number; unit: string })] : []),
    ...(l["netWeight"] ? [mea("PD", "AAC", l["netWeight"] as { value: number; unit: string })] : []),
    ...(q ? [seg("QTY", ["47", num(q.value), q.unit])] : []),
    ...(l["originCountry"] ? [seg("ALI", [l["originCountry"] as string])] : []),
    moa("203", l["lineAmount"] as number),
    ...(l["unitPrice"] !== undefined
      ? [
          seg("PRI", [
            "AAA",
            num(l["unitPrice"] as number),
            undefined,
            undefined,
            l["priceBaseQuantity"] !== undefined ? num(l["priceBaseQuantity"] as number) : undefined,
          ]),
        ]
      : []),
    ...[tax(l["taxCategory"] as string | undefined, l["taxRate"] as number | undefined)].filter(present),
    ...allowancesAndCharges(l),
  ];
}

/** UNCL 5025 amounts of the summary, in the order of TOTALS in the reader. */
const TOTALS: readonly [string, string][] = [
  ["lineTotal", "79"],
  ["allowanceTotal", "260"],
  ["chargeTotal", "259"],
  ["taxExclusive", "389"],
  ["taxTotal", "176"],
  ["taxInclusive", "388"],
  ["prepaid", "113"],
  ["payable", "9"],
];

/**
 * A commercial invoice → INVOIC segments (UNH to UNT exclusive), after EN 16931's EDIFACT binding:
 * BGM 380/381 with the function, parties SE/BY/DP/EX, CUX, PAT with the due date, TOD, the
 * lines (LIN with PIA, IMD, QTY 47, MOA 203, PRI AAA, TAX, ALC groups) and the summary (MOA 79,
 * 260, 259, 389, 176, 388, 113, 9; TAX groups with MOA 125 and 124).
 */
export function invoicSegments(doc: Doc): SegmentData[] {
  const d = doc as Obj;
  const incoterms = d["incoterms"] as Obj | undefined;
  const totals = (d["totals"] as Obj | undefined) ?? {};
  return [
    seg(
      "BGM",
      [(d["invoiceTypeCode"] as string | undefined) ?? "380"],
      [doc.number],
      [FUNCTION_CODES[doc.functionCode ?? "original"]],
    ),
    dtm("137", doc.issuedAt),
    ...(d["deliveryDate"] ? [dtm("35", d["deliveryDate"] as string)] : []),
    ...(d["paymentMeansCode"] ? [seg("PAI", [undefined, undefined, d["paymentMeansCode"] as string])] : []),
    ...((d["notes"] as string[] | undefined) ?? []).map((n) => ftx("AAI", n)),
    ...(d["paymentTerms"] ? [ftx("AAB", d["paymentTerms"] as string)] : []),
    ...[
      loc("9", d["portOfLoading"] as Obj | undefined),
      loc("11", d["portOfDischarge"] as Obj | undefined),
    ].filter(present),
    ...(d["orderReference"] ? [rff("ON", d["orderReference"] as string)] : []),
    ...(d["lcNumber"] ? [rff("AAC", d["lcNumber"] as string)] : []),
    ...((d["precedingInvoices"] as Obj[] | undefined) ?? []).map((p) => rff("OI", p["number"] as string)),
    ...(doc.ucr ? [rff("UCN", doc.ucr)] : []),
    ...nad("SE", d["seller"] as PartyData | undefined),
    ...nad("BY", d["buyer"] as PartyData | undefined),
    ...nad("DP", d["consignee"] as PartyData | undefined),
    ...nad("EX", d["exporter"] as PartyData | undefined),
    seg("CUX", ["2", d["currency"] as string, "4"]),
    ...(d["dueDate"] ? [seg("PAT", ["1"]), dtm("13", d["dueDate"] as string)] : []),
    ...(incoterms
      ? [
          seg("TOD", ["6"], [], [incoterms["code"] as string]),
          ...[loc("1", incoterms["place"] as Obj | undefined)].filter(present),
        ]
      : []),
    ...allowancesAndCharges(d),
    ...((d["lines"] as Obj[] | undefined) ?? []).flatMap(line),
    seg("UNS", ["S"]),
    ...TOTALS.filter(([k]) => totals[k] !== undefined).map(([k, q]) => moa(q, totals[k] as number)),
    ...((d["taxes"] as Obj[] | undefined) ?? []).flatMap((t) => [
      tax(t["category"] as string, t["rate"] as number | undefined)!,
      moa("125", t["taxableAmount"] as number),
      moa("124", t["taxAmount"] as number),
    ]),
  ];
}

/** A commercial invoice as an INVOIC interchange (directory D.16B by default, as EN 16931's binding). */
export function writeInvoic(doc: Doc, o: EnvelopeOptions): WrittenInterchange {
  return envelope("INVOIC", "16B", invoicSegments(doc), o);
}
