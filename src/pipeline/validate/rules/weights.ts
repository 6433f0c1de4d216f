import { type Fixed, fx, halfUnitOf, mul, ZERO } from "./decimal.js";
import type { MassUnit, Weight } from "./views/common.js";

/** Kilograms per unit of each Rec 20 mass unit the model allows (the pound is exactly 0.45359237 kg). */
const KG_PER_UNIT: Readonly<Record<MassUnit, Fixed>> = {
  KGM: fx(1),
  GRM: fx(0.001),
  TNE: fx(1000),
  LBR: fx(0.45359237),
};

export function kg(w: Weight): Fixed {
  return mul(fx(w.value), KG_PER_UNIT[w.unit]);
}

/**
 * Half a unit of the last decimal the weight is written with, in kg: a total written "1250" may be
 * the sum 1249.6 rounded, one written "1249.60" may not.
 */
export function roundingToleranceKg(w: Weight): Fixed {
  return mul(halfUnitOf(w.value), KG_PER_UNIT[w.unit]);
}

/** Σ of the weights in kg; undefined when any is missing (a partial sum proves nothing). */
export function sumKg(weights: Iterable<Weight | undefined>): Fixed | undefined {
  let s = ZERO;
  let any = false;
  for (const w of weights) {
    if (w === undefined) return undefined;
    s += kg(w);
    any = true;
  }
  return any ? s : undefined;
}
