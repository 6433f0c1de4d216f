import { type Fixed, fx, show, withinHalfUnit, ZERO } from "../decimal.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DocumentRule } from "../types.js";
import { asInvoice } from "../views/invoice.js";
import { minorUnits, opt, sumAmounts } from "./money.js";

const INVOICE = ["commercial-invoice"] as const;

function mismatch(
  e: DocEntry,
  out: Findings,
  pointer: string,
  stated: number,
  expected: Fixed,
  what: string,
): void {
  out.add(e, pointer, `${what}: stated ${stated}, computed ${show(expected)}`);
}

export const lineTotal: DocumentRule = {
  id: "SWG-INV-002",
  scope: "document",
  types: INVOICE,
  severity: "error",
  category: "arithmetic",
  message: "Sum of invoice line net amounts (BT-106) must equal the sum of the line amounts (BT-131)",
  fields: ["commercial-invoice#/totals/lineTotal", "commercial-invoice#/lines/*/lineAmount"],
  article: "EN 16931-1 BR-CO-10",
  check(e: DocEntry, out: Findings) {
    const inv = asInvoice(e.doc);
    let sum = ZERO;
    for (const l of inv.lines) sum += fx(l.lineAmount);
    if (!withinHalfUnit(fx(inv.totals.lineTotal), sum, minorUnits(inv.currency))) {
      mismatch(e, out, "/totals/lineTotal", inv.totals.lineTotal, sum, "Invoice line total does not add up");
    }
  },
};

export const allowanceTotal: DocumentRule = {
  id: "SWG-INV-003",
  scope: "document",
  types: INVOICE,
  severity: "error",
  category: "arithmetic",
  message:
    "Sum of allowances on document level (BT-107) must equal the sum of the document allowances (BT-92)",
  fields: ["commercial-invoice#/totals/allowanceTotal", "commercial-invoice#/allowances/*/amount"],
  article: "EN 16931-1 BR-CO-11",
  check(e: DocEntry, out: Findings) {
    const inv = asInvoice(e.doc);
    const sum = sumAmounts(inv.allowances);
    const stated = inv.totals.allowanceTotal;
    if (stated === undefined) {
      if (sum !== ZERO)
        out.add(
          e,
          "/totals/allowanceTotal",
          `Allowance total is missing; the allowances add up to ${show(sum)}`,
        );
    } else if (!withinHalfUnit(fx(stated), sum, minorUnits(inv.currency))) {
      mismatch(e, out, "/totals/allowanceTotal", stated, sum, "Allowance total does not add up");
    }
  },
};

export const chargeTotal: DocumentRule = {
  id: "SWG-INV-004",
  scope: "document",
  types: INVOICE,
  severity: "error",
  category: "arithmetic",
  message: "Sum of charges on document level (BT-108) must equal the sum of the document charges (BT-99)",
  fields: ["commercial-invoice#/totals/chargeTotal", "commercial-invoice#/charges/*/amount"],
  article: "EN 16931-1 BR-CO-12",
  check(e: DocEntry, out: Findings) {
    const inv = asInvoice(e.doc);
    const sum = sumAmounts(inv.charges);
    const stated = inv.totals.chargeTotal;
    if (stated === undefined) {
      if (sum !== ZERO)
        out.add(e, "/totals/chargeTotal", `Charge total is missing; the charges add up to ${show(sum)}`);
    } else if (!withinHalfUnit(fx(stated), sum, minorUnits(inv.currency))) {
      mismatch(e, out, "/totals/chargeTotal", stated, sum, "Charge total does not add up");
    }
  },
};

export const taxExclusive: DocumentRule = {
  id: "SWG-INV-005",
  scope: "document",
  types: INVOICE,
  severity: "error",
  category: "arithmetic",
  message:
    "Invoice total without VAT (BT-109) must equal line total (BT-106) − allowance total (BT-107) + charge total (BT-108)",
  fields: [
    "commercial-invoice#/totals/taxExclusive",
    "commercial-invoice#/totals/lineTotal",
    "commercial-invoice#/totals/allowanceTotal",
    "commercial-invoice#/totals/chargeTotal",
  ],
  article: "EN 16931-1 BR-CO-13",
  check(e: DocEntry, out: Findings) {
    const inv = asInvoice(e.doc);
    const t = inv.totals;
    const expected = fx(t.lineTotal) - opt(t.allowanceTotal) + opt(t.chargeTotal);
    if (!withinHalfUnit(fx(t.taxExclusive), expected, minorUnits(inv.currency))) {
      mismatch(e, out, "/totals/taxExclusive", t.taxExclusive, expected, "Total without VAT does not add up");
    }
  },
};

export const taxTotal: DocumentRule = {
  id: "SWG-INV-006",
  scope: "document",
  types: INVOICE,
  severity: "error",
  category: "arithmetic",
  message: "Invoice total VAT amount (BT-110) must equal the sum of the VAT category tax amounts (BT-117)",
  fields: ["commercial-invoice#/totals/taxTotal", "commercial-invoice#/taxes/*/taxAmount"],
  article: "EN 16931-1 BR-CO-14",
  check(e: DocEntry, out: Findings) {
    const inv = asInvoice(e.doc);
    if (!inv.taxes) return;
    let sum = ZERO;
    for (const t of inv.taxes) sum += fx(t.taxAmount);
    const stated = inv.totals.taxTotal;
    if (stated === undefined) {
      if (sum !== ZERO)
        out.add(e, "/totals/taxTotal", `Total VAT is missing; the VAT breakdown adds up to ${show(sum)}`);
    } else if (!withinHalfUnit(fx(stated), sum, minorUnits(inv.currency))) {
      mismatch(e, out, "/totals/taxTotal", stated, sum, "Total VAT does not add up to the VAT breakdown");
    }
  },
};

export const taxInclusive: DocumentRule = {
  id: "SWG-INV-007",
  scope: "document",
  types: INVOICE,
  severity: "error",
  category: "arithmetic",
  message: "Invoice total with VAT (BT-112) must equal total without VAT (BT-109) + total VAT (BT-110)",
  fields: [
    "commercial-invoice#/totals/taxInclusive",
    "commercial-invoice#/totals/taxExclusive",
    "commercial-invoice#/totals/taxTotal",
  ],
  article: "EN 16931-1 BR-CO-15",
  check(e: DocEntry, out: Findings) {
    const inv = asInvoice(e.doc);
    const t = inv.totals;
    if (t.taxInclusive === undefined) return;
    const expected = fx(t.taxExclusive) + opt(t.taxTotal);
    if (!withinHalfUnit(fx(t.taxInclusive), expected, minorUnits(inv.currency))) {
      mismatch(e, out, "/totals/taxInclusive", t.taxInclusive, expected, "Total with VAT does not add up");
    }
  },
};

export const payable: DocumentRule = {
  id: "SWG-INV-008",
  scope: "document",
  types: INVOICE,
  severity: "error",
  category: "arithmetic",
  message:
    "Amount due for payment (BT-115) must equal total with VAT (BT-112) − paid amount (BT-113) + rounding amount (BT-114)",
  fields: [
    "commercial-invoice#/totals/payable",
    "commercial-invoice#/totals/taxInclusive",
    "commercial-invoice#/totals/prepaid",
    "commercial-invoice#/totals/rounding",
  ],
  article: "EN 16931-1 BR-CO-16",
  check(e: DocEntry, out: Findings) {
    const inv = asInvoice(e.doc);
    const t = inv.totals;
    const inclusive =
      t.taxInclusive !== undefined ? fx(t.taxInclusive) : fx(t.taxExclusive) + opt(t.taxTotal);
    const expected = inclusive - opt(t.prepaid) + opt(t.rounding);
    if (!withinHalfUnit(fx(t.payable), expected, minorUnits(inv.currency))) {
      mismatch(e, out, "/totals/payable", t.payable, expected, "Amount due does not add up");
    }
  },
};
