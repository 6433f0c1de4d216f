import { decimalsOf } from "../decimal.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DocumentRule } from "../types.js";
import { asInvoice, type AllowanceCharge, type InvoiceTotals } from "../views/invoice.js";
import { currencyMinorUnits } from "../codes.js";

const TOTALS: readonly (keyof InvoiceTotals)[] = [
  "lineTotal",
  "allowanceTotal",
  "chargeTotal",
  "taxExclusive",
  "taxTotal",
  "taxInclusive",
  "prepaid",
  "rounding",
  "payable",
];

function checkList(
  list: readonly AllowanceCharge[] | undefined,
  base: string,
  minor: number,
  e: DocEntry,
  out: Findings,
): void {
  if (!list) return;
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!.amount;
    if (decimalsOf(a) > minor)
      out.add(e, `${base}/${i}/amount`, `Amount ${a} has more than ${minor} decimals`);
  }
}

export const amountDecimals: DocumentRule = {
  id: "SWG-INV-012",
  scope: "document",
  types: ["commercial-invoice"],
  severity: "error",
  category: "arithmetic",
  message: "Amounts must not have more decimals than the currency's minor unit (ISO 4217)",
  fields: [
    "commercial-invoice#/lines/*/lineAmount",
    "commercial-invoice#/totals/*",
    "commercial-invoice#/taxes/*/taxAmount",
    "commercial-invoice#/taxes/*/taxableAmount",
    "commercial-invoice#/allowances/*/amount",
    "commercial-invoice#/charges/*/amount",
  ],
  article: "EN 16931-1 BR-DEC rules (at most two decimals), generalised to the ISO 4217 minor unit",
  check(e: DocEntry, out: Findings) {
    const inv = asInvoice(e.doc);
    const minor = currencyMinorUnits(inv.currency);
    // Unknown codes (SWG-CL-002) and codes without minor units ("N.A.") set no precision.
    if (minor === undefined || minor === null) return;
    for (let i = 0; i < inv.lines.length; i++) {
      const a = inv.lines[i]!.lineAmount;
      if (decimalsOf(a) > minor)
        out.add(e, `/lines/${i}/lineAmount`, `Line amount ${a} has more than ${minor} decimals`);
    }
    for (const k of TOTALS) {
      const a = inv.totals[k];
      if (a !== undefined && decimalsOf(a) > minor)
        out.add(e, `/totals/${k}`, `Total ${k} ${a} has more than ${minor} decimals`);
    }
    if (inv.taxes) {
      for (let i = 0; i < inv.taxes.length; i++) {
        const t = inv.taxes[i]!;
        if (decimalsOf(t.taxAmount) > minor)
          out.add(e, `/taxes/${i}/taxAmount`, `Tax amount ${t.taxAmount} has more than ${minor} decimals`);
        if (decimalsOf(t.taxableAmount) > minor) {
          out.add(
            e,
            `/taxes/${i}/taxableAmount`,
            `Taxable amount ${t.taxableAmount} has more than ${minor} decimals`,
          );
        }
      }
    }
    checkList(inv.allowances, "/allowances", minor, e, out);
    checkList(inv.charges, "/charges", minor, e, out);
  },
};
