import { show } from "../decimal.js";
import type { Dossier } from "../dossier.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DossierRule, RuleContext } from "../types.js";
import { asPackingList } from "../views/packing-list.js";
import { asBillOfLading, type BillOfLading } from "../views/transport-document.js";
import { kg, sumKg } from "../weights.js";
import { containerDifference } from "./declaration-packing.js";
import { forPairs, weightsConflict } from "./pairing.js";

/** The packages a bill of lading shows: its total, else the sum over its goods items. */
function blPackages(bl: BillOfLading): { count: number; pointer: string } | undefined {
  if (bl.totals?.packageCount !== undefined)
    return { count: bl.totals.packageCount, pointer: "/totals/packageCount" };
  let n = 0;
  for (const g of bl.goodsItems) {
    if (g.packages === undefined) return undefined;
    n += g.packages.count;
  }
  return { count: n, pointer: "/goodsItems" };
}

function forBills(d: Dossier, fn: (ble: DocEntry, bl: BillOfLading, ple: DocEntry) => void): void {
  forPairs(d, "bill-of-lading", "packing-list", (ble, ple) => fn(ble, asBillOfLading(ble.doc), ple));
}

export const billPackingPackages: DossierRule = {
  id: "SWG-X-014",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message: "The number of packages on the bill of lading must equal the packing list's",
  fields: [
    "bill-of-lading#/totals/packageCount",
    "bill-of-lading#/goodsItems/*/packages/count",
    "packing-list#/totals/packageCount",
  ],
  article: "UCP 600 art. 14(d) (data not conflicting)",
  check(d: Dossier, out: Findings) {
    forBills(d, (ble, bl, ple) => {
      const onBill = blPackages(bl);
      const packed = asPackingList(ple.doc).totals.packageCount;
      if (onBill && onBill.count !== packed) {
        out.addEither(
          ble,
          onBill.pointer,
          ple,
          "/totals/packageCount",
          `${onBill.count} packages on the bill of lading, ${packed} on the packing list`,
        );
      }
    });
  },
};

export const billPackingGrossWeight: DossierRule = {
  id: "SWG-X-015",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message: "The gross weight on the bill of lading must agree with the packing list's",
  fields: [
    "bill-of-lading#/totals/grossWeight",
    "bill-of-lading#/goodsItems/*/grossWeight",
    "packing-list#/totals/grossWeight",
  ],
  article: "UCP 600 art. 14(d) (data not conflicting)",
  check(d: Dossier, out: Findings, ctx: RuleContext) {
    forBills(d, (ble, bl, ple) => {
      const total = bl.totals?.grossWeight;
      const onBill = total !== undefined ? kg(total) : sumKg(bl.goodsItems.map((g) => g.grossWeight));
      const plTotal = asPackingList(ple.doc).totals.grossWeight;
      if (onBill === undefined || plTotal === undefined) return;
      const packed = kg(plTotal);
      if (weightsConflict(onBill, packed, ctx.config)) {
        out.addEither(
          ble,
          total !== undefined ? "/totals/grossWeight" : "/goodsItems",
          ple,
          "/totals/grossWeight",
          `Gross weight ${show(onBill)} kg on the bill of lading, ${show(packed)} kg on the packing list`,
        );
      }
    });
  },
};

export const billPackingContainers: DossierRule = {
  id: "SWG-X-016",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message: "The containers on the bill of lading must be the packing list's containers",
  fields: ["bill-of-lading#/equipment/*/id", "packing-list#/equipment/*/id"],
  article: "UCP 600 art. 14(d) (data not conflicting)",
  check(d: Dossier, out: Findings) {
    forBills(d, (ble, bl, ple) => {
      const packed = asPackingList(ple.doc).equipment;
      if (!bl.equipment || !packed) return;
      const { onlyA, onlyB } = containerDifference(bl.equipment, packed);
      if (onlyA.length > 0 || onlyB.length > 0) {
        out.addEither(
          ble,
          "/equipment",
          ple,
          "/equipment",
          `Containers differ: bill of lading only ${onlyA.join(", ") || "none"}; packing list only ${onlyB.join(", ") || "none"}`,
        );
      }
    });
  },
};
