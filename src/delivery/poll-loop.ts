import type { Logger } from "pino";

export interface PollLoopOptions {
  /** A tick that handled fewer than this many rows lets the loop rest. */
  readonly batchSize: number;
  /** Rest after an empty tick; doubles up to 5 s while ticks fail. */
  readonly idleMs: number;
  /** Names the loop in the warning a failed tick logs. */
  readonly name: string;
}

/**
 * Runs `tick` until stopped: again at once while batches come back full, after `idleMs` when one
 * comes back empty, with a doubling back-off while it throws (store or bus down: leased rows come
 * back when their lease lapses). `wake()` cuts a rest short, e.g. after a commit added rows.
 */
export class PollLoop {
  private running = false;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly tick: () => Promise<number>,
    private readonly log: Logger,
    private readonly opts: PollLoopOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    let backoff = this.opts.idleMs;
    while (this.running) {
      let n = 0;
      try {
        n = await this.tick();
        backoff = this.opts.idleMs;
      } catch (e) {
        this.log.warn({ err: e }, `${this.opts.name}: tick failed; will retry`);
        backoff = Math.min(backoff * 2, 5000);
      }
      if (n < this.opts.batchSize && this.running) {
        await new Promise<void>((r) => {
          const t = setTimeout(r, n === 0 ? backoff : 0);
          this.wakeUp = () => {
            clearTimeout(t);
            r();
          };
        });
        this.wakeUp = undefined;
      }
    }
  }
}
