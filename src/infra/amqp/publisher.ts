import type { ConfirmChannel, Message, Options } from "amqplib";
import type { Logger } from "pino";

export interface Outgoing {
  readonly exchange: string;
  readonly routingKey: string;
  readonly content: Buffer;
  readonly options: Options.Publish & { readonly messageId: string };
}

export type PublishResult =
  | { readonly ok: true }
  /** `retryable`: the channel went away before the confirm; sending again on a new one may succeed. */
  | { readonly ok: false; readonly retryable: boolean; readonly error: string };

/**
 * Publishes on one confirm channel, pipelined: a batch goes out back to back (pausing only when
 * the socket buffer is full), then the confirms are awaited together. Every publish is persistent
 * and mandatory; a message the broker returns (no queue bound for it) counts as failed even
 * though its confirm is positive, since RabbitMQ acks an unroutable message after returning it.
 */
export class Publisher {
  private closed = false;
  /** Returned messages whose confirm has not arrived yet, by exchange, key and message id. */
  private readonly returned = new Map<string, number>();
  private drainWaiters: (() => void)[] = [];

  constructor(
    readonly channel: ConfirmChannel,
    log: Logger,
  ) {
    channel.on("return", (m: Message) => {
      const key = keyOf(m.fields.exchange, m.fields.routingKey, String(m.properties.messageId));
      this.returned.set(key, (this.returned.get(key) ?? 0) + 1);
    });
    channel.on("drain", () => this.wake());
    channel.on("error", (e: Error) => log.warn({ err: e.message }, "amqp: publisher channel error"));
    channel.on("close", () => {
      this.closed = true;
      this.wake();
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async publish(items: readonly Outgoing[]): Promise<PublishResult[]> {
    const confirms: Promise<PublishResult>[] = [];
    for (const it of items) {
      let full = false;
      confirms.push(
        new Promise<PublishResult>((resolve) => {
          if (this.closed) {
            resolve({ ok: false, retryable: true, error: "channel closed" });
            return;
          }
          const key = keyOf(it.exchange, it.routingKey, it.options.messageId);
          try {
            full = !this.channel.publish(
              it.exchange,
              it.routingKey,
              it.content,
              { ...it.options, persistent: true, mandatory: true },
              (err: unknown) => {
                const wasReturned = this.takeReturn(key);
                if (err)
                  resolve({
                    ok: false,
                    retryable: this.closed || String((err as Error).message).includes("closed"),
                    error: `not confirmed: ${(err as Error).message}`,
                  });
                else if (wasReturned)
                  resolve({
                    ok: false,
                    retryable: false,
                    error: `unroutable: no queue is bound for ${it.exchange || "(default exchange)"} ${it.routingKey}`,
                  });
                else resolve({ ok: true });
              },
            );
          } catch (e) {
            // amqplib throws synchronously once the channel is closed.
            resolve({ ok: false, retryable: true, error: (e as Error).message });
          }
        }),
      );
      if (full && !this.closed) await new Promise<void>((r) => this.drainWaiters.push(r));
    }
    return Promise.all(confirms);
  }

  private takeReturn(key: string): boolean {
    const n = this.returned.get(key);
    if (!n) return false;
    if (n === 1) this.returned.delete(key);
    else this.returned.set(key, n - 1);
    return true;
  }

  private wake(): void {
    for (const w of this.drainWaiters.splice(0)) w();
  }
}

function keyOf(exchange: string, routingKey: string, messageId: string): string {
  return `${exchange}\u0000${routingKey}\u0000${messageId}`;
}
