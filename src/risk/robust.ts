/**
 * Robust statistics over a logarithmic histogram. Prices spread over orders of magnitude and their
 * ratios, not their differences, are what is comparable, so each observation x > 0 falls in bin
 * floor(ln x / W) with W = ln 1.02 (2 % wide). A bin count is an integer that concurrent writers
 * can increment in the store without reading it first, which is what keeps the statistics
 * incremental. Median and MAD are then read off the bins to within one bin width.
 */
export const BIN_WIDTH = Math.log(1.02);
/** A MAD narrower than this (near-identical prices) would make every small change an outlier. */
export const MIN_MAD = 2 * BIN_WIDTH;
/** Iglewicz and Hoaglin's constant: 0.6745 · (x − median) / MAD is comparable to a z-score. */
const K = 0.6745;

export function binOf(x: number): number {
  return Math.floor(Math.log(x) / BIN_WIDTH);
}

const centre = (bin: number): number => (bin + 0.5) * BIN_WIDTH;

export interface Bin {
  readonly bin: number;
  readonly n: number;
}

export interface Robust {
  readonly n: number;
  /** In natural-log space. */
  readonly medianLog: number;
  readonly madLog: number;
}

/** The weighted median of (value, count) pairs, lower median on ties. */
function weightedMedian(pairs: readonly { v: number; n: number }[], total: number): number {
  const sorted = [...pairs].sort((a, b) => a.v - b.v);
  const half = (total + 1) / 2;
  let seen = 0;
  for (const p of sorted) {
    seen += p.n;
    if (seen >= half) return p.v;
  }
  return sorted.at(-1)?.v ?? 0;
}

export function robustOf(bins: readonly Bin[]): Robust | undefined {
  const n = bins.reduce((s, b) => s + b.n, 0);
  if (n === 0) return undefined;
  const medianLog = weightedMedian(
    bins.map((b) => ({ v: centre(b.bin), n: b.n })),
    n,
  );
  const madLog = weightedMedian(
    bins.map((b) => ({ v: Math.abs(centre(b.bin) - medianLog), n: b.n })),
    n,
  );
  return { n, medianLog, madLog: Math.max(madLog, MIN_MAD) };
}

/** The modified z-score of x against the series: positive above the median, negative below. */
export function modifiedZ(x: number, r: Robust): number {
  return (K * (Math.log(x) - r.medianLog)) / r.madLog;
}
