import type { Logger } from "pino";
import type { Bus } from "../ports/bus.js";
import type { Clock } from "../ports/clock.js";
import type { DeliveryState } from "../ports/records.js";
import type { Store } from "../ports/store.js";
import { toBusMessage } from "./messages.js";
import { PollLoop } from "./poll-loop.js";

export interface RelayOptions {
  readonly batchSize: number;
  readonly idleMs: number;
  readonly leaseMs: number;
  /** Identifies this relay in row leases. */
  readonly owner: string;
}

/**
 * The outbox relay: claims due deliveries in batches, publishes them with confirms, and only
 * then marks them published. A crash between publish and mark republishes with the same
 * message id, which consumers deduplicate: at-least-once transport, effectively-once effect.
 * Concurrent relays claim disjoint rows (FOR UPDATE SKIP LOCKED, or SQLite's single writer).
 */
export class Relay {
  private readonly loop: PollLoop;

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
    log: Logger,
    private readonly opts: RelayOptions,
  ) {
    this.loop = new PollLoop(() => this.tick(), log, { ...opts, name: "relay" });
  }

  start(): void {
    this.loop.start();
  }

  /** Called after a commit that added deliveries, so they go out without waiting for the idle tick. */
  wake(): void {
    this.loop.wake();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Publishes one batch; returns how many rows it published. */
  async tick(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.store.transaction((tx) =>
      tx.deliveries.claimDue({
        now: now.toISOString(),
        limit: this.opts.batchSize,
        leaseUntil: new Date(now.getTime() + this.opts.leaseMs).toISOString(),
        owner: this.opts.owner,
        // With a durable bus, retries wait in the broker's delay queues, not in the table.
        includeRetrying: !this.bus.durable,
      }),
    );
    if (claimed.length === 0) return 0;
    await this.bus.publish(claimed.map((d) => toBusMessage(d)));
    const at = this.clock.now().toISOString();
    const byState = new Map<DeliveryState, string[]>();
    for (const d of claimed) byState.set(d.state, [...(byState.get(d.state) ?? []), d.id]);
    await this.store.unit(async (tx) => {
      // Only from the state it was claimed in: a consumer may already have failed it (retrying)
      // or delivered it, and that newer state must stand.
      for (const [state, ids] of byState) await tx.deliveries.markPublished(ids, state, at);
    });
    return claimed.length;
  }
}
