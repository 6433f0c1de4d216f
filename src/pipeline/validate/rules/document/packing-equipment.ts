import { normalizeContainerNumber } from "../../identifiers/index.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DocumentRule } from "../types.js";
import { asPackingList } from "../views/packing-list.js";

export const packageContainerListed: DocumentRule = {
  id: "SWG-PKL-006",
  scope: "document",
  types: ["packing-list"],
  severity: "error",
  category: "document",
  message: "A package line's container must be one of the packing list's containers",
  fields: ["packing-list#/packages/*/equipmentId", "packing-list#/equipment/*/id"],
  check(e: DocEntry, out: Findings) {
    const pl = asPackingList(e.doc);
    if (!pl.equipment) return;
    const ids = new Set(pl.equipment.map((q) => normalizeContainerNumber(q.id)));
    for (let i = 0; i < pl.packages.length; i++) {
      const id = pl.packages[i]!.equipmentId;
      if (id !== undefined && !ids.has(normalizeContainerNumber(id))) {
        out.add(
          e,
          `/packages/${i}/equipmentId`,
          `Package line ${pl.packages[i]!.sequence}: container ${id} is not among the packing list's containers`,
        );
      }
    }
  },
};
