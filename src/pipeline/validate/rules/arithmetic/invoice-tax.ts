import { type Fixed, fx, percentOf, show, withinHalfUnit, ZERO } from "../decimal.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DocumentRule } from "../types.js";
import { asInvoice, type AllowanceCharge } from "../views/invoice.js";
import { minorUnits } from "./money.js";

const INVOICE = ["commercial-invoice"] as const;

export const categoryTaxAmount: DocumentRule = {
  id: "SWG-INV-009",
  scope: "document",
  types: INVOICE,
  severity: "error",
  category: "arithmetic",
  message:
    "VAT category tax amount (BT-117) must equal taxable amount (BT-116) × rate (BT-119) ÷ 100, rounded to the currency's minor unit",
  fields: [
    "commercial-invoice#/taxes/*/taxAmount",
    "commercial-invoice#/taxes/*/taxableAmount",
    "commercial-invoice#/taxes/*/rate",
  ],
  article: "EN 16931-1 BR-CO-17",
  check(e: DocEntry, out: Findings) {
    const inv = asInvoice(e.doc);
    if (!inv.taxes) return;
    const minor = minorUnits(inv.currency);
    for (let i = 0; i < inv.taxes.length; i++) {
      const t = inv.taxes[i]!;
      if (t.rate === undefined) continue;
      const expected = percentOf(fx(t.taxableAmount), fx(t.rate));
      if (!withinHalfUnit(fx(t.taxAmount), expected, minor)) {
        out.add(
          e,
          `/taxes/${i}/taxAmount`,
          `VAT category ${t.category} at ${t.rate} %: tax amount ${t.taxAmount} ≠ ${t.taxableAmount} × ${t.rate} % = ${show(expected)}`,
        );
      }
    }
  },
};

function key(category: string | undefined, rate: number | undefined): string {
  return `${category ?? ""}|${rate ?? 0}`;
}

function addAll(
  sums: Map<string, Fixed>,
  list: readonly AllowanceCharge[] | undefined,
  sign: 1n | -1n,
): void {
  if (!list) return;
  for (const ac of list) {
    const k = key(ac.taxCategory, ac.taxRate);
    sums.set(k, (sums.get(k) ?? ZERO) + sign * fx(ac.amount));
  }
}

export const categoryTaxableAmount: DocumentRule = {
  id: "SWG-INV-010",
  scope: "document",
  types: INVOICE,
  severity: "error",
  category: "arithmetic",
  message:
    "VAT category taxable amount (BT-116) must equal the line amounts of that category and rate − its document allowances + its document charges",
  fields: [
    "commercial-invoice#/taxes/*/taxableAmount",
    "commercial-invoice#/lines/*/lineAmount",
    "commercial-invoice#/lines/*/taxCategory",
    "commercial-invoice#/allowances/*/amount",
    "commercial-invoice#/charges/*/amount",
  ],
  article: "EN 16931-1 BR-S-08, BR-Z-08, BR-E-08, BR-AE-08, BR-IC-08, BR-G-08, BR-O-08",
  check(e: DocEntry, out: Findings) {
    const inv = asInvoice(e.doc);
    if (!inv.taxes || inv.taxes.length === 0) return;
    const sums = new Map<string, Fixed>();
    for (const l of inv.lines) {
      // Lines without a category cannot be attributed; BR-CO-18-style completeness is not this rule's concern.
      if (l.taxCategory === undefined) return;
      const k = key(l.taxCategory, l.taxRate);
      sums.set(k, (sums.get(k) ?? ZERO) + fx(l.lineAmount));
    }
    addAll(sums, inv.allowances, -1n);
    addAll(sums, inv.charges, 1n);
    const minor = minorUnits(inv.currency);
    for (let i = 0; i < inv.taxes.length; i++) {
      const t = inv.taxes[i]!;
      const expected = sums.get(key(t.category, t.rate)) ?? ZERO;
      if (!withinHalfUnit(fx(t.taxableAmount), expected, minor)) {
        out.add(
          e,
          `/taxes/${i}/taxableAmount`,
          `VAT category ${t.category}${t.rate !== undefined ? ` at ${t.rate} %` : ""}: taxable amount ${t.taxableAmount} ≠ ${show(expected)} from the lines, allowances and charges`,
        );
      }
    }
  },
};
