/**
 * Exact decimal arithmetic for amounts, quantities and weights. JSON numbers arrive as binary doubles;
 * each is read back through its shortest decimal form (what the sender wrote) into a bigint count of
 * 10^-SCALE units, so sums and products compare exactly instead of by float equality.
 */
export type Fixed = bigint;

export const SCALE = 10;
const ONE = 10n ** BigInt(SCALE);
const POW10: readonly bigint[] = Array.from({ length: 2 * SCALE + 1 }, (_, i) => 10n ** BigInt(i));

export const ZERO: Fixed = 0n;

/** A JSON number as a fixed-point value; digits past SCALE are rounded half away from zero. */
export function fx(n: number): Fixed {
  if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return BigInt(n) * ONE;
  // Below 2^16, n × 10^SCALE lands within 0.15 of the exact scaled integer (representation plus product
  // rounding), so rounding it is exact and skips the string round trip, the hot path of the rules.
  if (Math.abs(n) < FAST_LIMIT) return BigInt(Math.round(n * ONE_NUMBER));
  return parse(n);
}

const FAST_LIMIT = 65_536;
const ONE_NUMBER = 10 ** SCALE;

/** The exact route: the number's shortest decimal form, read digit by digit. */
export function parse(n: number): Fixed {
  let s = String(n);
  // Exponent forms come from very small or very large numbers; toFixed spells small ones out.
  if (s.includes("e")) {
    if (Math.abs(n) >= 1e21) return BigInt(Math.round(n)) * ONE;
    s = n.toFixed(SCALE);
  }
  const neg = s.startsWith("-");
  if (neg) s = s.slice(1);
  const dot = s.indexOf(".");
  const intPart = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? "" : s.slice(dot + 1);
  let roundUp = false;
  if (frac.length > SCALE) {
    roundUp = frac.charCodeAt(SCALE) >= 53; // '5'
    frac = frac.slice(0, SCALE);
  }
  let v = BigInt(intPart) * ONE + BigInt(frac.padEnd(SCALE, "0"));
  if (roundUp) v += 1n;
  return neg ? -v : v;
}

export function mul(a: Fixed, b: Fixed): Fixed {
  return roundDiv(a * b, ONE);
}

export function div(a: Fixed, b: Fixed): Fixed {
  return roundDiv(a * ONE, b);
}

/** a × pct ÷ 100, for percentages and rates. */
export function percentOf(a: Fixed, pct: Fixed): Fixed {
  return roundDiv(a * pct, ONE * 100n);
}

function roundDiv(n: bigint, d: bigint): bigint {
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an + ad / 2n) / ad;
  return neg ? -q : q;
}

export function abs(a: Fixed): Fixed {
  return a < 0n ? -a : a;
}

/**
 * True when a and b differ by at most half a unit of the given number of decimals: the tolerance
 * EN 16931 rounding leaves (half a minor unit for amounts).
 */
export function withinHalfUnit(a: Fixed, b: Fixed, decimals: number): boolean {
  const d = Math.max(0, Math.min(SCALE, decimals));
  return abs(a - b) * 2n <= POW10[SCALE - d]!;
}

/** True when |a − b| ≤ tol. */
export function within(a: Fixed, b: Fixed, tol: Fixed): boolean {
  return abs(a - b) <= tol;
}

/** Number of decimals a JSON number was written with (0 for integers). */
export function decimalsOf(n: number): number {
  if (Number.isInteger(n)) return 0;
  const s = String(n);
  const e = s.indexOf("e-");
  if (e >= 0) {
    const dot = s.indexOf(".");
    const mant = dot < 0 ? 0 : e - dot - 1;
    return mant + Number(s.slice(e + 2));
  }
  return s.length - s.indexOf(".") - 1;
}

/** Half a unit of the last decimal n is written with: the rounding a stated total may carry. */
export function halfUnitOf(n: number): Fixed {
  const d = Math.min(SCALE, decimalsOf(n));
  return POW10[SCALE - d]! / 2n;
}

/** For messages: the value with trailing zeros trimmed. */
export function show(a: Fixed): string {
  const neg = a < 0n;
  const s = (neg ? -a : a).toString().padStart(SCALE + 1, "0");
  const i = s.slice(0, s.length - SCALE);
  const f = s.slice(s.length - SCALE).replace(/0+$/, "");
  return `${neg ? "-" : ""}${i}${f ? `.${f}` : ""}`;
}
