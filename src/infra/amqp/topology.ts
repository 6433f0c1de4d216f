import type { Options } from "amqplib";

/**
 * The broker topology, declared from code (every declaration is idempotent, and runs again
 * after each reconnect):
 *
 * - `<prefix>.route`: topic exchange the outbox relay publishes to (key `<kind>.<partnerId>.<docType>`).
 * - `<prefix>.adapter.<adapterId>` (one per subscribed queue): quorum queue bound to `<kind>.<partnerId>.*`
 *   for each partner of that adapter. A message redelivered more than `deliveryLimit` times (a worker
 *   crashing on it) is dead-lettered by the broker to `<prefix>.dead`.
 * - `<queue>.retry.<ms>`: one delay queue per configured delay; a message waits there for its TTL, then is
 *   dead-lettered through the default exchange to the one queue it came from, never through the topic
 *   exchange, which would fan it out to every bound queue again.
 * - `<prefix>.dead`: the dead letters; the worker's recorder moves them into the store, where operators
 *   list and replay them.
 * - `<prefix>.partner.<partnerId>.inbox`: the queue transport's per-partner queue.
 *
 * Quorum queues dead-letter at most once unless told otherwise; `at-least-once` needs `reject-publish`.
 */
export class Topology {
  constructor(readonly prefix: string) {}

  get exchange(): string {
    return `${this.prefix}.route`;
  }

  get dead(): string {
    return `${this.prefix}.dead`;
  }

  delayQueue(source: string, delayMs: number): string {
    return `${source}.retry.${delayMs}`;
  }

  partnerInbox(partnerId: string): string {
    return `${this.prefix}.partner.${partnerId}.inbox`;
  }
}

const QUORUM = { "x-queue-type": "quorum" } as const;
const AT_LEAST_ONCE = { "x-dead-letter-strategy": "at-least-once", "x-overflow": "reject-publish" } as const;

export function deadQueueOptions(): Options.AssertQueue {
  return { durable: true, arguments: { ...QUORUM } };
}

export function sourceQueueOptions(dead: string, deliveryLimit: number): Options.AssertQueue {
  return {
    durable: true,
    arguments: {
      ...QUORUM,
      ...AT_LEAST_ONCE,
      "x-dead-letter-exchange": "",
      "x-dead-letter-routing-key": dead,
      "x-delivery-limit": deliveryLimit,
    },
  };
}

export function delayQueueOptions(source: string, delayMs: number): Options.AssertQueue {
  return {
    durable: true,
    arguments: {
      ...QUORUM,
      ...AT_LEAST_ONCE,
      "x-message-ttl": delayMs,
      "x-dead-letter-exchange": "",
      "x-dead-letter-routing-key": source,
    },
  };
}

export function partnerInboxOptions(): Options.AssertQueue {
  return { durable: true, arguments: { ...QUORUM } };
}

/** The delay before the next try after `n` failures (1-based); past the schedule, the longest delay. */
export function delayFor(delaysMs: readonly number[], n: number): number {
  return delaysMs[Math.min(Math.max(n, 1), delaysMs.length) - 1]!;
}
