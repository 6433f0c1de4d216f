import { currencyMinorUnits } from "../codes.js";
import { type Fixed, fx, ZERO } from "../decimal.js";

/**
 * Minor units of a currency for rounding tolerances: 2 (the EN 16931 default) when the code is unknown
 * (SWG-CL-002 reports it) or has none ("N.A." in ISO 4217, e.g. gold).
 */
export function minorUnits(currency: string): number {
  return currencyMinorUnits(currency) ?? 2;
}

export function sumAmounts(list: readonly { readonly amount: number }[] | undefined): Fixed {
  let s = ZERO;
  if (list) for (const x of list) s += fx(x.amount);
  return s;
}

/** An optional amount, 0 when absent (EN 16931 treats an absent BT-107/108/113/114 as zero). */
export function opt(n: number | undefined): Fixed {
  return n === undefined ? ZERO : fx(n);
}
