/**
 * Throughput measures with a baseline in the same run: the baseline and its subject run in
 * alternating rounds, so that a change of load on a shared machine hits both alike; the ratio is
 * the median of the per-round ratios.
 */

export interface Paired {
  /** Operations per second, medians of the rounds. */
  readonly subject: number;
  readonly baseline: number;
  /** Median of subject/baseline per round. */
  readonly ratio: number;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor(s.length / 2)]!;
};

/** Calls a synchronous (or quickly settling) fn for `ms` and returns calls per second. */
async function round(fn: () => unknown, ms: number): Promise<number> {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 8; i++) {
      const r = fn();
      if (r instanceof Promise) await r;
    }
    n += 8;
    elapsed = performance.now() - start;
  }
  return (n * 1000) / elapsed;
}

export interface RoundOptions {
  readonly roundMs: number;
  readonly rounds: number;
  /** Calls of each before measuring (JIT, caches). */
  readonly warmup?: number;
}

/** One fn at a time: CPU-bound stages. */
export async function pair(
  baseline: () => unknown,
  subject: () => unknown,
  o: RoundOptions,
): Promise<Paired> {
  for (let i = 0; i < (o.warmup ?? 50); i++) {
    const a = baseline();
    if (a instanceof Promise) await a;
    const b = subject();
    if (b instanceof Promise) await b;
  }
  return rounds(
    () => round(baseline, o.roundMs),
    () => round(subject, o.roundMs),
    o.rounds,
  );
}

/** `workers` loops calling fn(seq, worker) until the deadline; returns calls (× perCall) per second. */
export async function concurrent(
  fn: (i: number, worker: number) => Promise<unknown>,
  workers: number,
  ms: number,
  perCall = 1,
): Promise<number> {
  let seq = 0;
  let done = 0;
  const started = performance.now();
  const until = started + ms;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < until) {
        await fn(seq++, w);
        done += perCall;
      }
    }),
  );
  return (done * 1000) / (performance.now() - started);
}

/** Two measures that return a rate, alternated for `n` rounds. */
export async function rounds(
  baseline: () => Promise<number>,
  subject: () => Promise<number>,
  n: number,
): Promise<Paired> {
  const b: number[] = [];
  const s: number[] = [];
  for (let r = 0; r < n; r++) {
    b.push(await baseline());
    s.push(await subject());
  }
  return { subject: median(s), baseline: median(b), ratio: median(s.map((x, i) => x / b[i]!)) };
}
