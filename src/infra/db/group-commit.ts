/**
 * Group commit: units of work that arrive while a transaction is running wait, then share the
 * next transaction and its one fsync. Each caller's promise settles only after the commit that
 * holds its unit, so "accepted means durable" holds per caller.
 */
export interface BatchRunner<C> {
  /** Runs every fn in one transaction; fails the whole batch if any fn throws (rolled back). */
  run(fns: readonly ((ctx: C) => Promise<unknown>)[]): Promise<BatchOutcome>;
}

export type BatchOutcome =
  | { readonly ok: true; readonly results: readonly unknown[] }
  | { readonly ok: false; readonly failedIndex: number; readonly error: unknown };

interface Job<C> {
  readonly fn: (ctx: C) => Promise<unknown>;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
}

export class GroupCommitter<C> {
  private queue: Job<C>[] = [];
  private draining = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly runner: BatchRunner<C>,
    private readonly maxBatch: number,
    private readonly isTransient: (e: unknown) => boolean,
  ) {}

  submit<T>(fn: (ctx: C) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Resolves once everything submitted so far has settled. */
  flushed(): Promise<void> {
    if (!this.draining) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.commit(batch);
        // Let the I/O phase run so that requests arriving meanwhile join the next batch.
        if (this.queue.length > 0) await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.draining = false;
      for (const r of this.idle.splice(0)) r();
    }
  }

  /**
   * Commits a batch. A unit that throws is rejected with its own error and the batch is run again
   * without it (units are rerunnable by contract); transient database errors retry the batch.
   */
  private async commit(batch: Job<C>[]): Promise<void> {
    let live = batch;
    let transientTries = 0;
    while (live.length > 0) {
      let outcome: BatchOutcome;
      try {
        outcome = await this.runner.run(live.map((j) => j.fn));
      } catch (e) {
        // The commit itself failed: nothing in the batch is durable.
        if (this.isTransient(e) && transientTries++ < 5) {
          await new Promise((r) => setTimeout(r, 5 * 2 ** transientTries));
          continue;
        }
        for (const j of live) j.reject(e);
        return;
      }
      if (outcome.ok) {
        live.forEach((j, i) => j.resolve(outcome.results[i]));
        return;
      }
      if (this.isTransient(outcome.error) && transientTries++ < 5) {
        await new Promise((r) => setTimeout(r, 5 * 2 ** transientTries));
        continue;
      }
      const failed = live[outcome.failedIndex]!;
      failed.reject(outcome.error);
      live = live.filter((_, i) => i !== outcome.failedIndex);
    }
  }
}
