import { fx, show, within, withinHalfUnit, ZERO } from "../decimal.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DocumentRule } from "../types.js";
import { asDeclaration } from "../views/export-declaration.js";
import { kg, roundingToleranceKg, sumKg } from "../weights.js";
import { minorUnits } from "./money.js";

const DEC = ["export-declaration"] as const;

export const declarationPackages: DocumentRule = {
  id: "SWG-DEC-001",
  scope: "document",
  types: DEC,
  severity: "error",
  category: "arithmetic",
  message: "Declared total number of packages must equal the sum of the goods items' packages",
  fields: ["export-declaration#/totals/packageCount", "export-declaration#/goodsItems/*/packages/count"],
  check(e: DocEntry, out: Findings) {
    const d = asDeclaration(e.doc);
    const stated = d.totals?.packageCount;
    if (stated === undefined) return;
    let sum = 0;
    for (const g of d.goodsItems) {
      if (g.packages === undefined) return;
      sum += g.packages.count;
    }
    if (sum !== stated)
      out.add(e, "/totals/packageCount", `Total packages ${stated} ≠ ${sum}, the sum of the goods items`);
  },
};

export const declarationGrossWeight: DocumentRule = {
  id: "SWG-DEC-002",
  scope: "document",
  types: DEC,
  severity: "error",
  category: "arithmetic",
  message:
    "Declared total gross weight must equal the sum of the goods items' gross weights (within the rounding of the total)",
  fields: ["export-declaration#/totals/grossWeight", "export-declaration#/goodsItems/*/grossWeight"],
  check(e: DocEntry, out: Findings) {
    const d = asDeclaration(e.doc);
    const total = d.totals?.grossWeight;
    if (total === undefined) return;
    const sum = sumKg(d.goodsItems.map((g) => g.grossWeight));
    if (sum !== undefined && !within(kg(total), sum, roundingToleranceKg(total))) {
      out.add(
        e,
        "/totals/grossWeight",
        `Total gross weight ${total.value} ${total.unit} ≠ ${show(sum)} KGM, the sum of the goods items`,
      );
    }
  },
};

export const declarationItemValues: DocumentRule = {
  id: "SWG-DEC-004",
  scope: "document",
  types: DEC,
  severity: "warning",
  category: "arithmetic",
  message: "The goods items' values should add up to the invoiced amount the declaration rests on",
  fields: ["export-declaration#/goodsItems/*/value", "export-declaration#/invoice/amount"],
  check(e: DocEntry, out: Findings) {
    const d = asDeclaration(e.doc);
    let sum = ZERO;
    for (const g of d.goodsItems) {
      // Item values are optional; a partial sum says nothing.
      if (g.value === undefined) return;
      sum += fx(g.value);
    }
    if (!withinHalfUnit(fx(d.invoice.amount), sum, minorUnits(d.invoice.currency))) {
      out.add(
        e,
        "/invoice/amount",
        `Invoiced amount ${d.invoice.amount} ≠ ${show(sum)}, the sum of the goods items' values`,
      );
    }
  },
};
