import { qualifier, segmentGroups, value } from "../reading.js";
import type { Interchange, Message, Segment } from "../types.js";
import { issueDate, freeTexts, readBeginning, reference, references, ucrOf } from "./header.js";
import { grossWeight, netWeight } from "./measures.js";
import { NAD_GROUP, partyGroups, partyOf } from "./party.js";
import { locationOf } from "./places.js";
import type { MessageRead } from "./read.js";
import { groups, outside, preferred, subgroups } from "./structure.js";
import type { MessageTrace } from "./trace.js";
import { compact } from "./compact.js";

type Obj = Record<string, unknown>;

const INCOTERMS = new Set(["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"]);
const ALC_GROUP = ["ALI", "DTM", "QTY", "PCD", "MOA", "RTE", "TAX"];

/** The nested groups of a line item (INVOIC SG26 …): MOA outside them is the line's own. */
const LINE_GROUPS: Readonly<Record<string, readonly string[]>> = {
  PAT: ["DTM", "PCD", "MOA"],
  PRI: ["CUX", "APR", "RNG", "DTM"],
  RFF: ["DTM"],
  PAC: ["MEA", "EQD", "HAN", "PCI", "RFF", "DTM", "GIN"],
  LOC: ["QTY", "DTM"],
  TAX: ["MOA", "LOC"],
  NAD: NAD_GROUP,
  ALC: ALC_GROUP,
  TDT: ["LOC", "DTM"],
  TOD: ["LOC"],
  RCS: ["RFF", "DTM", "FTX"],
};

/** UNCL 5025 amounts of the summary section (EN 16931's EDIFACT binding and EANCOM usage). */
const TOTALS = {
  lineTotal: ["79"], // Total line items amount (BT-106)
  allowanceTotal: ["260"], // Total allowances (BT-107)
  chargeTotal: ["259"], // Total charges (BT-108)
  taxExclusive: ["389", "125"], // Invoice total amount without VAT (BT-109); taxable amount
  taxTotal: ["176", "150"], // Message total duty/tax/fee amount (BT-110); VAT amount
  taxInclusive: ["388", "77", "86", "39"], // Invoice total with VAT (BT-112); invoice amount; message total
  prepaid: ["113"], // Prepaid amount (BT-113)
  payable: ["9"], // Amount due/amount payable (BT-115)
} as const;

function amount(segs: readonly Segment[], qualifiers: readonly string[], t: MessageTrace, pointer: string) {
  const moa = preferred(segs, "MOA", qualifiers);
  if (!moa) return undefined;
  const n = t.number(moa, 0, 1, pointer);
  if (n !== undefined) t.mark(moa, 0);
  return n;
}

/** ALC group → allowance or charge (EN 16931 BG-20/21, BG-27/28). */
function allowanceCharge(
  g: readonly Segment[],
  t: MessageTrace,
  pointer: string,
): { charge: boolean; value: Obj } | undefined {
  const alc = g[0]!;
  const kind = value(alc, 0);
  if (kind !== "A" && kind !== "C") return undefined;
  let amt = amount(g, ["8", "204", "23"], t, `${pointer}/amount`);
  if (amt === undefined) return undefined;
  if (amt < 0) {
    t.defaulted(
      `${pointer}/amount`,
      -amt,
      "the amount is signed; allowances and charges are stated positive",
    );
    amt = -amt;
  }
  t.mark(alc, 0);
  const pcd = g.find((s) => s.tag === "PCD");
  const tax = g.find((s) => s.tag === "TAX");
  if (pcd) t.mark(pcd, 0);
  // Charges name their reason in C214 (7161), allowances in C552 (5189) from D96A on.
  const at: [number, number] = value(alc, 4, 0) !== undefined ? [4, 0] : [1, 1];
  const raw = value(alc, ...at);
  const code = raw && raw.length <= 3 ? t.text(alc, at[0], at[1], `${pointer}/reasonCode`) : undefined;
  return {
    charge: kind === "C",
    value: compact({
      amount: amt,
      baseAmount: amount(g, ["25"], t, `${pointer}/baseAmount`),
      percent: t.number(pcd, 0, 1, `${pointer}/percent`),
      reason: t.joined(alc, 4, [3, 4], `${pointer}/reason`)?.slice(0, 500),
      reasonCode: code,
      taxCategory: t.text(tax, 5, 0, `${pointer}/taxCategory`)?.slice(0, 3),
      taxRate: t.number(tax, 4, 3, `${pointer}/taxRate`),
    }),
  };
}

function allowancesAndCharges(segs: readonly Segment[], t: MessageTrace, pointer: string) {
  const allowances: Obj[] = [];
  const charges: Obj[] = [];
  for (const g of groups(segs, "ALC", ALC_GROUP)) {
    const list = value(g[0], 0) === "C" ? charges : allowances;
    const read = allowanceCharge(
      g,
      t,
      `${pointer}/${list === charges ? "charges" : "allowances"}/${list.length}`,
    );
    if (read) list.push(read.value);
  }
  return { allowances, charges };
}

/** C212 item numbers of LIN and PIA, by their 7143 type (SA supplier's article number, HS tariff code…). */
function itemNumber(
  segs: readonly Segment[],
  type: string,
  t: MessageTrace,
  pointer: string,
): string | undefined {
  for (const s of segs) {
    const elements = s.tag === "LIN" ? [2] : s.tag === "PIA" ? [1, 2, 3, 4, 5] : [];
    for (const e of elements) {
      if (value(s, e, 1) !== type) continue;
      t.mark(s, e, 1);
      if (s.tag === "PIA") t.mark(s, 0);
      return t.text(s, e, 0, pointer);
    }
  }
  return undefined;
}

function readLine(g: readonly Segment[], index: number, t: MessageTrace): Obj {
  const p = `/lines/${index}`;
  const lin = g[0]!;
  const { own, nested } = subgroups(g, LINE_GROUPS);
  const within = (start: string) => nested.filter((n) => n.start === start).map((n) => n.segments);
  const qty = preferred(own, "QTY", ["47", "46", "12"]) ?? own.find((s) => s.tag === "QTY");
  if (qty && qualifier(qty) !== "47")
    t.defaulted(
      `${p}/quantity`,
      qualifier(qty),
      "no invoiced quantity (QTY+47): the line's other quantity stands for it",
    );
  const qValue = t.number(qty, 0, 1, `${p}/quantity/value`);
  let unit = t.text(qty, 0, 2, `${p}/quantity/unit`);
  if (qValue !== undefined) t.mark(qty, 0);
  if (qValue !== undefined && !unit) {
    unit = "C62";
    t.defaulted(`${p}/quantity/unit`, unit, "no unit (QTY 6411): one (C62)");
  }
  const description =
    own
      .filter((s) => s.tag === "IMD")
      .map((imd) => {
        const text = t.joined(imd, 2, [3, 4], `${p}/description`);
        if (text) t.mark(imd, 0);
        return text;
      })
      .find((x) => x !== undefined) ?? freeTexts(own, ["AAA"], t, `${p}/description`)[0];
  let described = description;
  if (!described && value(lin, 2, 0)) {
    described = t.text(lin, 2, 0, `${p}/description`);
    t.mark(lin, 2, 1);
    t.defaulted(
      `${p}/description`,
      described,
      "the line has no description (IMD, FTX+AAA): its item number (LIN C212) stands for it",
    );
  }
  const price = within("PRI").map((s) => s[0]!);
  const net = price.find((s) => value(s, 0) === "AAA") ?? price.find((s) => value(s, 0) === "AAB");
  if (net) t.mark(net, 0);
  const tax = within("TAX").find((s) => value(s[0], 0) === "7")?.[0];
  if (tax) {
    t.mark(tax, 0);
    t.mark(tax, 1);
  }
  const hs = itemNumber(own, "HS", t, `${p}/hsCode`)?.replace(/[.\s]/g, "");
  const ac = allowancesAndCharges(within("ALC").flat(), t, p);
  const ali = own.find((s) => s.tag === "ALI");
  const origin = value(ali, 0);
  return compact({
    sequence: index + 1,
    lineId: t.text(lin, 0, 0, `${p}/lineId`)?.slice(0, 70),
    description: described?.slice(0, 1000),
    sellerItemId: itemNumber(own, "SA", t, `${p}/sellerItemId`)?.slice(0, 100),
    hsCode: hs && /^[0-9]+$/.test(hs) ? hs : undefined,
    originCountry: origin && /^[A-Z]{2}$/.test(origin) ? t.text(ali, 0, 0, `${p}/originCountry`) : undefined,
    quantity: qValue !== undefined ? { value: qValue, unit } : undefined,
    unitPrice: t.number(net, 0, 1, `${p}/unitPrice`),
    priceBaseQuantity: t.number(net, 0, 4, `${p}/priceBaseQuantity`),
    allowances: ac.allowances,
    charges: ac.charges,
    lineAmount: amount(own, ["203", "38", "66"], t, `${p}/lineAmount`),
    taxCategory: t.text(tax, 5, 0, `${p}/taxCategory`)?.slice(0, 3),
    taxRate: t.number(tax, 4, 3, `${p}/taxRate`),
    netWeight: netWeight(own, t, `${p}/netWeight`),
    grossWeight: grossWeight(own, t, `${p}/grossWeight`),
  });
}

function currency(header: readonly Segment[], t: MessageTrace): string | undefined {
  const cux = header.filter((s) => s.tag === "CUX");
  const invoicing =
    cux.find((s) => value(s, 0, 0) === "2" && (value(s, 0, 2) ?? "4") === "4") ??
    cux.find((s) => value(s, 0, 1));
  t.mark(invoicing, 0, 0);
  t.mark(invoicing, 0, 2);
  return t.text(invoicing, 0, 1, "/currency");
}

function taxes(summary: readonly Segment[], t: MessageTrace): Obj[] {
  const out: Obj[] = [];
  for (const g of groups(summary, "TAX", ["MOA", "LOC"])) {
    const tax = g[0]!;
    const p = `/taxes/${out.length}`;
    const category = value(tax, 5);
    const taxable = preferred(g, "MOA", ["125"]);
    const amountSeg = preferred(g, "MOA", ["124", "176", "150", "161"]);
    if (!category || !taxable || !amountSeg) continue;
    t.mark(tax, 0);
    t.mark(tax, 1);
    out.push(
      compact({
        category: t.text(tax, 5, 0, `${p}/category`)?.slice(0, 3),
        rate: t.number(tax, 4, 3, `${p}/rate`),
        taxableAmount: amount([taxable], ["125"], t, `${p}/taxableAmount`),
        taxAmount: amount([amountSeg], [value(amountSeg, 0, 0)!], t, `${p}/taxAmount`),
      }),
    );
  }
  return out;
}

function totals(summary: readonly Segment[], lines: readonly Obj[], t: MessageTrace): Obj {
  const own = outside(summary, [
    ...groups(summary, "TAX", ["MOA", "LOC"]),
    ...groups(summary, "ALC", ALC_GROUP),
  ]);
  const read = (k: keyof typeof TOTALS) => amount(own, TOTALS[k], t, `/totals/${k}`);
  let lineTotal = read("lineTotal");
  if (lineTotal === undefined) {
    lineTotal =
      Math.round(lines.reduce((s, l) => s + ((l["lineAmount"] as number | undefined) ?? 0), 0) * 100) / 100;
    t.defaulted(
      "/totals/lineTotal",
      lineTotal,
      "no total line items amount (MOA+79): the sum of the line amounts",
    );
  }
  const allowanceTotal = read("allowanceTotal");
  const chargeTotal = read("chargeTotal");
  let taxExclusive = read("taxExclusive");
  if (taxExclusive === undefined) {
    taxExclusive = Math.round((lineTotal - (allowanceTotal ?? 0) + (chargeTotal ?? 0)) * 100) / 100;
    t.defaulted(
      "/totals/taxExclusive",
      taxExclusive,
      "no total without VAT (MOA+389/125): lines less allowances plus charges",
    );
  }
  const taxTotal = read("taxTotal");
  const taxInclusive = read("taxInclusive");
  const prepaid = read("prepaid");
  let payable = read("payable");
  if (payable === undefined) {
    payable = taxInclusive ?? taxExclusive + (taxTotal ?? 0);
    t.defaulted("/totals/payable", payable, "no amount due (MOA+9): the total with VAT");
  }
  return compact({
    lineTotal,
    allowanceTotal,
    chargeTotal,
    taxExclusive,
    taxTotal,
    taxInclusive,
    prepaid,
    payable,
  });
}

/**
 * INVOIC (D93A–D16B, EANCOM and EN 16931's EDIFACT binding) → commercial-invoice. Sections by
 * structure: header up to the first LIN, line items (SG26 LIN groups, whose own MOA+203 is the
 * line amount while MOA inside TAX, ALC and PAT groups belong to them), summary after UNS+S
 * (its own MOA are the totals, those after a TAX belong to that tax subtotal).
 */
export function readInvoic(m: Message, ic: Interchange, t: MessageTrace): MessageRead {
  const segs = m.segments;
  const uns = segs.findIndex((s) => s.tag === "UNS");
  const body = uns >= 0 ? segs.slice(0, uns) : segs;
  const summary = uns >= 0 ? segs.slice(uns + 1) : [];
  if (uns >= 0) t.markSegment(segs[uns]);
  const firstLine = body.findIndex((s) => s.tag === "LIN");
  const header = firstLine >= 0 ? body.slice(0, firstLine) : body;
  const begin = readBeginning(header, t);
  const parties = partyGroups(header);
  const own = outside(header, [...groups(header, "NAD", NAD_GROUP)]);
  const tod = own.find((s) => s.tag === "TOD");
  const incoterm = value(tod, 2);
  const lines = segmentGroups(body.slice(Math.max(firstLine, 0)), { start: "LIN" }).map((g, i) =>
    readLine(g, i, t),
  );
  const pai = own.find((s) => s.tag === "PAI");
  const means = value(pai, 0, 2);
  const docLevel = allowancesAndCharges(own, t, "");
  for (const cnt of summary.filter((s) => s.tag === "CNT")) t.markSegment(cnt);
  const credit = ["381", "383", "384"].includes(begin.documentName ?? "");
  const preceding = [...references(own, "OI", t), ...(credit ? references(own, "IV", t) : [])];
  const seller = partyOf(parties, ["SE", "SU", "II"], t, "/seller");
  return {
    draft: compact({
      type: "commercial-invoice" as const,
      number: begin.number,
      issuedAt: issueDate(own, ic, t),
      issuer: seller ?? partyOf(parties, ["II"], t, "/issuer") ?? { name: "" },
      functionCode: begin.functionCode,
      ucr: ucrOf(own, t),
      invoiceTypeCode:
        begin.documentName && /^[0-9]{3}$/.test(begin.documentName) ? begin.documentName : undefined,
      seller,
      buyer: partyOf(parties, ["BY", "IV"], t, "/buyer"),
      consignee: partyOf(parties, ["DP", "CN", "ST"], t, "/consignee"),
      exporter: partyOf(parties, ["EX"], t, "/exporter"),
      currency: currency(own, t),
      dueDate: t.date(
        own.find((s) => s.tag === "DTM" && qualifier(s) === "13"),
        "/dueDate",
      ),
      deliveryDate: t.date(
        own.find((s) => s.tag === "DTM" && qualifier(s) === "35"),
        "/deliveryDate",
      ),
      paymentTerms: freeTexts(own, ["AAB"], t, "/paymentTerms").join("\n").slice(0, 1000) || undefined,
      orderReference: reference(own, ["ON"], t, "/orderReference")?.slice(0, 200),
      lcNumber: reference(own, ["AAC", "LC"], t, "/lcNumber")?.slice(0, 35),
      incoterms:
        incoterm && INCOTERMS.has(incoterm)
          ? compact({
              code: t.text(tod, 2, 0, "/incoterms/code"),
              place: locationOf(
                header.slice(header.indexOf(tod!) + 1, header.indexOf(tod!) + 3),
                ["1"],
                t,
                "/incoterms/place",
              ),
            })
          : undefined,
      portOfLoading: locationOf(own, ["9"], t, "/portOfLoading"),
      portOfDischarge: locationOf(own, ["11"], t, "/portOfDischarge"),
      paymentMeansCode:
        means && /^[0-9A-Z]{1,3}$/.test(means) ? t.text(pai, 0, 2, "/paymentMeansCode") : undefined,
      precedingInvoices: preceding.map((number) => ({ number: number.slice(0, 70) })),
      lines,
      allowances: docLevel.allowances,
      charges: docLevel.charges,
      taxes: taxes(summary, t),
      totals: totals(summary, lines, t),
      notes: freeTexts(own, ["AAI", "GEN", "ZZZ"], t, "/notes").map((n) => n.slice(0, 4000)),
    }),
  };
}
