import type { DocumentType } from "../../../../model/canonical.js";
import { abs, type Fixed, fx, percentOf } from "../decimal.js";
import type { Dossier } from "../dossier.js";
import type { DocEntry, RulesConfig } from "../types.js";

/**
 * Calls `fn` for each document of `fromType` with the document of `toType` it belongs with, skipping
 * pairs where both are stored context (nothing would be reported on them).
 */
export function forPairs(
  d: Dossier,
  fromType: DocumentType,
  toType: DocumentType,
  fn: (from: DocEntry, to: DocEntry) => void,
): void {
  for (const from of d.of(fromType)) {
    const to = d.counterpart(from, toType);
    if (to && (from.index !== undefined || to.index !== undefined)) fn(from, to);
  }
}

/** Whether two weights (kg) from different documents conflict, given the configured tolerance. */
export function weightsConflict(a: Fixed, b: Fixed, cfg: RulesConfig): boolean {
  const larger = a > b ? a : b;
  const absTol = fx(cfg.weightToleranceKg);
  const relTol = percentOf(larger, fx(cfg.weightTolerancePercent));
  return abs(a - b) > (absTol > relTol ? absTol : relTol);
}

/** The first 6 digits: the HS subheading, the part every country's tariff shares. */
export function hs6(code: string): string {
  return code.slice(0, 6);
}
