import { type Fixed, fx, halfUnitOf, show, within, ZERO } from "../decimal.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DocumentRule } from "../types.js";
import type { Weight } from "../views/common.js";
import { asPackingList, type PackageLine } from "../views/packing-list.js";
import { kg, roundingToleranceKg, sumKg } from "../weights.js";

const PKL = ["packing-list"] as const;

export const packageCount: DocumentRule = {
  id: "SWG-PKL-001",
  scope: "document",
  types: PKL,
  severity: "error",
  category: "arithmetic",
  message: "Total number of packages must equal the sum of the package lines' counts",
  fields: ["packing-list#/totals/packageCount", "packing-list#/packages/*/count"],
  check(e: DocEntry, out: Findings) {
    const pl = asPackingList(e.doc);
    let sum = 0;
    for (const p of pl.packages) sum += p.count;
    if (sum !== pl.totals.packageCount) {
      out.add(
        e,
        "/totals/packageCount",
        `Total packages ${pl.totals.packageCount} ≠ ${sum}, the sum of the package lines`,
      );
    }
  },
};

function weightTotalRule(id: string, field: "grossWeight" | "netWeight", what: string): DocumentRule {
  return {
    id,
    scope: "document",
    types: PKL,
    severity: "error",
    category: "arithmetic",
    message: `Total ${what} weight must equal the sum of the package lines' ${what} weights (within the rounding of the total)`,
    fields: [`packing-list#/totals/${field}`, `packing-list#/packages/*/${field}`],
    check(e: DocEntry, out: Findings) {
      const pl = asPackingList(e.doc);
      const total: Weight | undefined = pl.totals[field];
      if (total === undefined) return;
      const sum = sumKg(pl.packages.map((p: PackageLine) => p[field]));
      if (sum === undefined) return;
      if (!within(kg(total), sum, roundingToleranceKg(total))) {
        out.add(
          e,
          `/totals/${field}`,
          `Total ${what} weight ${total.value} ${total.unit} ≠ ${show(sum)} KGM, the sum of the package lines`,
        );
      }
    },
  };
}

export const grossWeightTotal = weightTotalRule("SWG-PKL-002", "grossWeight", "gross");
export const netWeightTotal = weightTotalRule("SWG-PKL-003", "netWeight", "net");

export const volumeTotal: DocumentRule = {
  id: "SWG-PKL-005",
  scope: "document",
  types: PKL,
  severity: "error",
  category: "arithmetic",
  message: "Total volume must equal the sum of the package lines' volumes",
  fields: ["packing-list#/totals/volume", "packing-list#/packages/*/volume"],
  check(e: DocEntry, out: Findings) {
    const pl = asPackingList(e.doc);
    const total = pl.totals.volume;
    if (total === undefined) return;
    let sum: Fixed = ZERO;
    for (const p of pl.packages) {
      // Lines in another unit, or without a volume, leave nothing exact to compare.
      if (p.volume?.unit !== total.unit) return;
      sum += fx(p.volume.value);
    }
    if (!within(fx(total.value), sum, halfUnitOf(total.value))) {
      out.add(
        e,
        "/totals/volume/value",
        `Total volume ${total.value} ${total.unit} ≠ ${show(sum)}, the sum of the package lines`,
      );
    }
  },
};
