import { div, fx, mul, percentOf, show, withinHalfUnit } from "../decimal.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DocumentRule } from "../types.js";
import { asInvoice, type AllowanceCharge } from "../views/invoice.js";
import { minorUnits, sumAmounts } from "./money.js";

const INVOICE = ["commercial-invoice"] as const;

export const lineAmount: DocumentRule = {
  id: "SWG-INV-001",
  scope: "document",
  types: INVOICE,
  severity: "error",
  category: "arithmetic",
  message:
    "Line net amount must equal quantity × unit price ÷ base quantity − line allowances + line charges",
  fields: [
    "commercial-invoice#/lines/*/lineAmount",
    "commercial-invoice#/lines/*/quantity/value",
    "commercial-invoice#/lines/*/unitPrice",
    "commercial-invoice#/lines/*/priceBaseQuantity",
  ],
  article: "EN 16931-1 BT-131 calculation (PEPPOL-EN16931-R120)",
  check(e: DocEntry, out: Findings) {
    const inv = asInvoice(e.doc);
    const minor = minorUnits(inv.currency);
    const lines = inv.lines;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      // Without a price there is nothing to recompute (the price is optional in the model).
      if (l.unitPrice === undefined) continue;
      const gross = mul(fx(l.quantity.value), fx(l.unitPrice));
      const net = l.priceBaseQuantity === undefined ? gross : div(gross, fx(l.priceBaseQuantity));
      const expected = net - sumAmounts(l.allowances) + sumAmounts(l.charges);
      if (!withinHalfUnit(fx(l.lineAmount), expected, minor)) {
        out.add(
          e,
          `/lines/${i}/lineAmount`,
          `Line ${l.sequence}: line amount ${l.lineAmount} ≠ ${show(expected)} (quantity × price ÷ base quantity − allowances + charges)`,
        );
      }
    }
  },
};

function checkPercent(
  list: readonly AllowanceCharge[] | undefined,
  base: string,
  minor: number,
  e: DocEntry,
  out: Findings,
): void {
  if (!list) return;
  for (let i = 0; i < list.length; i++) {
    const ac = list[i]!;
    if (ac.baseAmount === undefined || ac.percent === undefined) continue;
    const expected = percentOf(fx(ac.baseAmount), fx(ac.percent));
    if (!withinHalfUnit(fx(ac.amount), expected, minor)) {
      out.add(
        e,
        `${base}/${i}/amount`,
        `Allowance or charge amount ${ac.amount} ≠ base ${ac.baseAmount} × ${ac.percent} % = ${show(expected)}`,
      );
    }
  }
}

export const allowanceChargePercent: DocumentRule = {
  id: "SWG-INV-011",
  scope: "document",
  types: INVOICE,
  severity: "error",
  category: "arithmetic",
  message:
    "An allowance or charge with a base amount and a percentage must amount to base × percentage ÷ 100",
  fields: [
    "commercial-invoice#/allowances/*/amount",
    "commercial-invoice#/charges/*/amount",
    "commercial-invoice#/lines/*/allowances/*/amount",
    "commercial-invoice#/lines/*/charges/*/amount",
  ],
  article: "EN 16931-1 BT-92/BT-99 = BT-93 × BT-94 ÷ 100 (PEPPOL-EN16931-R040)",
  check(e: DocEntry, out: Findings) {
    const inv = asInvoice(e.doc);
    const minor = minorUnits(inv.currency);
    checkPercent(inv.allowances, "/allowances", minor, e, out);
    checkPercent(inv.charges, "/charges", minor, e, out);
    for (let i = 0; i < inv.lines.length; i++) {
      const l = inv.lines[i]!;
      checkPercent(l.allowances, `/lines/${i}/allowances`, minor, e, out);
      checkPercent(l.charges, `/lines/${i}/charges`, minor, e, out);
    }
  },
};
