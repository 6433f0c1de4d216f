/** Percentile of a sorted sample (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface Summary {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly n: number;
}

export function summary(values: readonly number[]): Summary {
  const s = Float64Array.from(values).sort();
  const a = Array.from(s);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    p50: r(percentile(a, 50)),
    p95: r(percentile(a, 95)),
    p99: r(percentile(a, 99)),
    max: r(a.at(-1) ?? Number.NaN),
    n: a.length,
  };
}
