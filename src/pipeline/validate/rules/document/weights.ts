import type { Findings } from "../findings.js";
import type { DocEntry, DocumentRule } from "../types.js";
import type { Weight } from "../views/common.js";
import { asDeclaration } from "../views/export-declaration.js";
import { asPackingList } from "../views/packing-list.js";
import { kg } from "../weights.js";

function netAboveGross(net: Weight | undefined, gross: Weight | undefined): boolean {
  return net !== undefined && gross !== undefined && kg(net) > kg(gross);
}

export const packingNetNotAboveGross: DocumentRule = {
  id: "SWG-PKL-004",
  scope: "document",
  types: ["packing-list"],
  severity: "error",
  category: "document",
  message: "Net weight cannot exceed gross weight, on a package line or in the totals",
  fields: ["packing-list#/packages/*/netWeight", "packing-list#/totals/netWeight"],
  check(e: DocEntry, out: Findings) {
    const pl = asPackingList(e.doc);
    for (let i = 0; i < pl.packages.length; i++) {
      const p = pl.packages[i]!;
      if (netAboveGross(p.netWeight, p.grossWeight))
        out.add(e, `/packages/${i}/netWeight`, `Package line ${p.sequence}: net weight exceeds gross weight`);
    }
    if (netAboveGross(pl.totals.netWeight, pl.totals.grossWeight))
      out.add(e, "/totals/netWeight", "Total net weight exceeds total gross weight");
  },
};

export const declarationNetNotAboveGross: DocumentRule = {
  id: "SWG-DEC-003",
  scope: "document",
  types: ["export-declaration"],
  severity: "error",
  category: "document",
  message: "A goods item's net mass cannot exceed its gross mass",
  fields: ["export-declaration#/goodsItems/*/netWeight", "export-declaration#/goodsItems/*/grossWeight"],
  article: "WCO Data Model 128 (net mass) ≤ 126 (gross mass)",
  check(e: DocEntry, out: Findings) {
    const d = asDeclaration(e.doc);
    for (let i = 0; i < d.goodsItems.length; i++) {
      const g = d.goodsItems[i]!;
      if (netAboveGross(g.netWeight, g.grossWeight))
        out.add(e, `/goodsItems/${i}/netWeight`, `Goods item ${g.sequence}: net mass exceeds gross mass`);
    }
  },
};
