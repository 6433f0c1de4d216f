import type { Bus, BusMessage, Handler, InboundMessage, Subscription } from "../../ports/bus.js";
import { topicMatches } from "./topic.js";

interface Queue {
  readonly name: string;
  readonly bindings: readonly string[];
  readonly handler: Handler;
  readonly prefetch: number;
  readonly buffer: InboundMessage[];
  active: number;
  closed: boolean;
  idle: (() => void)[];
}

/**
 * The in-process bus of the embedded mode. It routes like a topic exchange and bounds
 * concurrency per queue like prefetch. It is not durable: the outbox is. A message that no
 * queue is bound for is refused (like a mandatory publish), so the relay keeps it pending;
 * retries and dead letters are driven from the store by the relay (durable = false).
 */
export class EmbeddedBus implements Bus {
  readonly durable = false;
  private readonly queues = new Map<string, Queue>();

  start(): Promise<void> {
    return Promise.resolve();
  }

  publish(messages: readonly BusMessage[]): Promise<void> {
    const targets = messages.map((m) =>
      [...this.queues.values()].filter(
        (q) => !q.closed && q.bindings.some((b) => topicMatches(b, m.routingKey)),
      ),
    );
    const unroutable = messages.filter((_, i) => targets[i]!.length === 0);
    if (unroutable.length > 0) {
      return Promise.reject(
        new Error(`no queue is bound for ${unroutable.map((m) => m.routingKey).join(", ")}`),
      );
    }
    messages.forEach((m, i) => {
      for (const q of targets[i]!) {
        q.buffer.push({ ...m, attempt: Number(m.headers["x-attempt"] ?? 1), redelivered: false });
        this.pump(q);
      }
    });
    return Promise.resolve();
  }

  subscribe(
    queue: string,
    bindings: readonly string[],
    handler: Handler,
    opts: { prefetch: number },
  ): Promise<Subscription> {
    if (this.queues.has(queue)) return Promise.reject(new Error(`queue ${queue} already has a consumer`));
    const q: Queue = {
      name: queue,
      bindings,
      handler,
      prefetch: opts.prefetch,
      buffer: [],
      active: 0,
      closed: false,
      idle: [],
    };
    this.queues.set(queue, q);
    return Promise.resolve({
      queue,
      close: async () => {
        q.closed = true;
        this.queues.delete(queue);
        if (q.active > 0) await new Promise<void>((r) => q.idle.push(r));
      },
    });
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.queues.values()].map(async (q) => {
        q.closed = true;
        if (q.active > 0) await new Promise<void>((r) => q.idle.push(r));
      }),
    );
    this.queues.clear();
  }

  private pump(q: Queue): void {
    while (!q.closed && q.active < q.prefetch && q.buffer.length > 0) {
      const m = q.buffer.shift()!;
      q.active++;
      // Asynchronous, as a broker would be: the publisher's own bookkeeping runs first.
      setImmediate(() => {
        q.handler(m)
          .catch(() => undefined)
          .finally(() => {
            q.active--;
            if (q.active === 0) for (const r of q.idle.splice(0)) r();
            this.pump(q);
          });
      });
    }
  }
}
