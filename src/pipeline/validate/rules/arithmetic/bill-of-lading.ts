import { show, within } from "../decimal.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DocumentRule } from "../types.js";
import { asBillOfLading } from "../views/transport-document.js";
import { kg, roundingToleranceKg, sumKg } from "../weights.js";

const BL = ["bill-of-lading"] as const;

export const billPackages: DocumentRule = {
  id: "SWG-BL-001",
  scope: "document",
  types: BL,
  severity: "error",
  category: "arithmetic",
  message: "The bill of lading's total number of packages must equal the sum over its goods items",
  fields: ["bill-of-lading#/totals/packageCount", "bill-of-lading#/goodsItems/*/packages/count"],
  check(e: DocEntry, out: Findings) {
    const bl = asBillOfLading(e.doc);
    const stated = bl.totals?.packageCount;
    if (stated === undefined) return;
    let sum = 0;
    for (const g of bl.goodsItems) {
      if (g.packages === undefined) return;
      sum += g.packages.count;
    }
    if (sum !== stated)
      out.add(e, "/totals/packageCount", `Total packages ${stated} ≠ ${sum}, the sum of the goods items`);
  },
};

export const billGrossWeight: DocumentRule = {
  id: "SWG-BL-002",
  scope: "document",
  types: BL,
  severity: "error",
  category: "arithmetic",
  message:
    "The bill of lading's total gross weight must equal the sum over its goods items (within the rounding of the total)",
  fields: ["bill-of-lading#/totals/grossWeight", "bill-of-lading#/goodsItems/*/grossWeight"],
  check(e: DocEntry, out: Findings) {
    const bl = asBillOfLading(e.doc);
    const total = bl.totals?.grossWeight;
    if (total === undefined) return;
    const sum = sumKg(bl.goodsItems.map((g) => g.grossWeight));
    if (sum !== undefined && !within(kg(total), sum, roundingToleranceKg(total))) {
      out.add(
        e,
        "/totals/grossWeight",
        `Total gross weight ${total.value} ${total.unit} ≠ ${show(sum)} KGM, the sum of the goods items`,
      );
    }
  },
};
