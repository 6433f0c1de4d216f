import { normalizeContainerNumber } from "../../identifiers/index.js";
import { show } from "../decimal.js";
import type { Dossier } from "../dossier.js";
import type { Findings } from "../findings.js";
import type { DossierRule, RuleContext } from "../types.js";
import type { Equipment } from "../views/common.js";
import { asDeclaration } from "../views/export-declaration.js";
import { asPackingList } from "../views/packing-list.js";
import { kg } from "../weights.js";
import { forPairs, weightsConflict } from "./pairing.js";

export const declarationPackingPackages: DossierRule = {
  id: "SWG-X-011",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message: "The declared number of packages must equal the packing list's",
  fields: ["export-declaration#/totals/packageCount", "packing-list#/totals/packageCount"],
  check(d: Dossier, out: Findings) {
    forPairs(d, "export-declaration", "packing-list", (dec, ple) => {
      const declared = asDeclaration(dec.doc).totals?.packageCount;
      const packed = asPackingList(ple.doc).totals.packageCount;
      if (declared !== undefined && declared !== packed) {
        out.addEither(
          dec,
          "/totals/packageCount",
          ple,
          "/totals/packageCount",
          `${declared} packages declared, ${packed} on the packing list`,
        );
      }
    });
  },
};

export const declarationPackingGrossWeight: DossierRule = {
  id: "SWG-X-012",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message: "The declared gross mass must agree with the packing list's",
  fields: ["export-declaration#/totals/grossWeight", "packing-list#/totals/grossWeight"],
  article: "WCO Data Model 131 (total gross mass)",
  check(d: Dossier, out: Findings, ctx: RuleContext) {
    forPairs(d, "export-declaration", "packing-list", (dec, ple) => {
      const declared = asDeclaration(dec.doc).totals?.grossWeight;
      const packed = asPackingList(ple.doc).totals.grossWeight;
      if (declared === undefined || packed === undefined) return;
      const a = kg(declared);
      const b = kg(packed);
      if (weightsConflict(a, b, ctx.config)) {
        out.addEither(
          dec,
          "/totals/grossWeight",
          ple,
          "/totals/grossWeight",
          `Gross mass ${show(a)} kg declared, ${show(b)} kg on the packing list`,
        );
      }
    });
  },
};

/** The container numbers one list has and the other lacks, by normalised number. */
export function containerDifference(
  a: readonly Equipment[],
  b: readonly Equipment[],
): { onlyA: string[]; onlyB: string[] } {
  const sa = new Set(a.map((q) => normalizeContainerNumber(q.id)));
  const sb = new Set(b.map((q) => normalizeContainerNumber(q.id)));
  return { onlyA: [...sa].filter((x) => !sb.has(x)), onlyB: [...sb].filter((x) => !sa.has(x)) };
}

export const declarationPackingContainers: DossierRule = {
  id: "SWG-X-013",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message: "The declared containers must be the packing list's containers",
  fields: ["export-declaration#/transport/equipment/*/id", "packing-list#/equipment/*/id"],
  article: "WCO Data Model 159 (transport equipment identification)",
  check(d: Dossier, out: Findings) {
    forPairs(d, "export-declaration", "packing-list", (dec, ple) => {
      const declared = asDeclaration(dec.doc).transport?.equipment;
      const packed = asPackingList(ple.doc).equipment;
      if (!declared || !packed) return;
      const { onlyA, onlyB } = containerDifference(declared, packed);
      if (onlyA.length > 0 || onlyB.length > 0) {
        out.addEither(
          dec,
          "/transport/equipment",
          ple,
          "/equipment",
          `Containers differ: declared only ${onlyA.join(", ") || "none"}; packing list only ${onlyB.join(", ") || "none"}`,
        );
      }
    });
  },
};
