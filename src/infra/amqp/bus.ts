import type { Channel, ChannelModel, ConsumeMessage } from "amqplib";
import type { Logger } from "pino";
import type { Bus, BusMessage, Handler, InboundMessage, Outcome, Subscription } from "../../ports/bus.js";
import { AmqpConnection } from "./connection.js";
import { Publisher, type Outgoing } from "./publisher.js";
import {
  deadQueueOptions,
  delayFor,
  delayQueueOptions,
  partnerInboxOptions,
  sourceQueueOptions,
  Topology,
} from "./topology.js";

export interface AmqpBusOptions {
  readonly url: string;
  readonly prefix: string;
  /** Delay before the try after the n-th failure; one delay queue per distinct value. */
  readonly retryDelaysMs: readonly number[];
  readonly log: Logger;
  /** Names this process: in the connection name, and as the app-id of everything it publishes. */
  readonly instanceId: string;
  /** How long a publish may wait for the broker (reconnect included) before it fails. */
  readonly publishTimeoutMs?: number;
  /** Redeliveries (a worker crashing on the message) before the broker dead-letters it. */
  readonly deliveryLimit?: number;
  readonly startTimeoutMs?: number;
}

/** Headers the bus adds to the copies it parks in delay queues and the dead letters. */
export const AMQP_HEADER = {
  routingKey: "x-swg-routing-key",
  attempt: "x-attempt",
  lastError: "x-last-error",
  handlerErrors: "x-handler-errors",
  deadFrom: "x-dead-from",
  deadAt: "x-dead-at",
} as const;

/** What a consumer needs from its bus. */
interface ConsumerContext {
  readonly topology: Topology;
  readonly delays: readonly number[];
  readonly log: Logger;
  send(items: readonly Outgoing[]): Promise<void>;
  /** The bus is shutting down: a channel closing is expected. */
  closing(): boolean;
  reset(reason: string): void;
}

/** Broker bookkeeping that must not be copied onto a republished message. */
const BROKER_HEADERS = /^x-(death|first-death-|last-death-|delivery-count)/;

/**
 * The bus of the distributed mode, on RabbitMQ. Publishes are persistent, mandatory and confirmed,
 * in pipelined batches; a publish during an outage waits for the reconnect (bounded), resends what
 * was not confirmed, and fails loudly past its deadline: nothing is dropped silently, and the
 * outbox relay keeps any row whose publish failed. Consumers apply the handler's outcome: ack;
 * retry, by parking a copy in the delay queue of that attempt; dead, by parking it in the dead
 * letters with the last error. A handler that throws (the store is down) is retried through the
 * delay queues too, without counting as an attempt. A message is acknowledged only after its copy
 * is confirmed, so a crash in between duplicates it rather than losing it.
 */
export class AmqpBus implements Bus {
  readonly durable = true;
  readonly topology: Topology;
  readonly instanceId: string;
  private readonly conn: AmqpConnection;
  private readonly log: Logger;
  private readonly publishTimeoutMs: number;
  private readonly deliveryLimit: number;
  private publisher: Publisher | undefined;
  private readonly consumers = new Map<string, Consumer>();
  /** Partner queues declared (or being declared) on the current connection. */
  private declared = new Map<string, Promise<void>>();
  private closing = false;
  private readonly ctx: ConsumerContext;

  constructor(private readonly o: AmqpBusOptions) {
    this.topology = new Topology(o.prefix);
    this.instanceId = o.instanceId;
    this.log = o.log.child({ component: "amqp" });
    this.publishTimeoutMs = o.publishTimeoutMs ?? 15_000;
    this.deliveryLimit = o.deliveryLimit ?? 20;
    this.conn = new AmqpConnection({
      url: o.url,
      name: `swg ${o.instanceId}`,
      log: this.log,
      setup: (m) => this.setup(m),
      ...(o.startTimeoutMs !== undefined ? { startTimeoutMs: o.startTimeoutMs } : {}),
    });
    this.ctx = {
      topology: this.topology,
      delays: o.retryDelaysMs,
      log: this.log,
      send: (items) => this.send(items),
      closing: () => this.closing,
      reset: (reason) => this.conn.reset(reason),
    };
  }

  start(): Promise<void> {
    return this.conn.start();
  }

  publish(messages: readonly BusMessage[]): Promise<void> {
    return this.send(
      messages.map((m) => ({
        exchange: this.topology.exchange,
        routingKey: m.routingKey,
        content: m.body,
        options: { messageId: m.messageId, headers: { ...m.headers }, appId: this.instanceId },
      })),
    );
  }

  partnerInbox(partnerId: string): string {
    return this.topology.partnerInbox(partnerId);
  }

  async sendToQueue(
    queue: string,
    m: {
      messageId: string;
      contentType: string;
      headers: Readonly<Record<string, string | number>>;
      body: Buffer;
    },
  ): Promise<void> {
    let declared = this.declared.get(queue);
    if (!declared) {
      // Concurrent deliveries to a partner not seen yet share one declaration.
      declared = this.conn
        .ready(this.publishTimeoutMs)
        .then((model) => this.onChannel(model, (ch) => ch.assertQueue(queue, partnerInboxOptions())))
        .then(() => undefined);
      this.declared.set(queue, declared);
    }
    try {
      await declared;
      await this.send([
        {
          exchange: "",
          routingKey: queue,
          content: m.body,
          options: {
            messageId: m.messageId,
            contentType: m.contentType,
            headers: { ...m.headers },
            appId: this.instanceId,
          },
        },
      ]);
    } catch (e) {
      // The queue may have been deleted under us: declare it again next time.
      this.declared.delete(queue);
      throw e;
    }
  }

  async subscribe(
    queue: string,
    bindings: readonly string[],
    handler: Handler,
    opts: { prefetch: number },
  ): Promise<Subscription> {
    if (this.consumers.has(queue)) throw new Error(`queue ${queue} already has a consumer`);
    const c = new Consumer(this.ctx, queue, bindings, handler, opts.prefetch);
    this.consumers.set(queue, c);
    try {
      for (;;) {
        const model = await this.conn.ready(this.publishTimeoutMs);
        const generation = this.conn.generation;
        if (c.generation === generation) break; // a reconnect's setup attached it already
        try {
          await this.onChannel(model, (ch) => this.declareSource(ch, queue, bindings));
          await c.attach(model, generation);
          break;
        } catch (e) {
          // Only a connection lost meanwhile is worth another try; anything else is a real error.
          if (this.conn.connected && this.conn.generation === generation) throw e;
        }
      }
    } catch (e) {
      this.consumers.delete(queue);
      throw e;
    }
    return {
      queue,
      close: async () => {
        // Forgotten first, so that a reconnect meanwhile does not attach it again.
        this.consumers.delete(queue);
        await c.close();
      },
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.consumers.values()].map((c) => c.close()));
    await this.conn.close();
  }

  /** Declares everything on a fresh connection, then re-attaches the consumers. */
  private async setup(model: ChannelModel): Promise<void> {
    await this.onChannel(model, async (ch) => {
      await ch.assertExchange(this.topology.exchange, "topic", { durable: true });
      await ch.assertQueue(this.topology.dead, deadQueueOptions());
      for (const c of this.consumers.values()) await this.declareSource(ch, c.queue, c.bindings);
    });
    const channel = await model.createConfirmChannel();
    const publisher = new Publisher(channel, this.log);
    channel.on("close", () => {
      if (this.publisher === publisher && !this.closing) this.conn.reset("the publisher channel closed");
    });
    this.publisher = publisher;
    this.declared = new Map();
    for (const c of this.consumers.values()) await c.attach(model, this.conn.generation);
  }

  private async declareSource(ch: Channel, queue: string, bindings: readonly string[]): Promise<void> {
    // The dead-letter queue is declared with the base topology and dead-letters nowhere.
    if (queue !== this.topology.dead)
      await ch.assertQueue(queue, sourceQueueOptions(this.topology.dead, this.deliveryLimit));
    for (const d of new Set(this.o.retryDelaysMs))
      await ch.assertQueue(this.topology.delayQueue(queue, d), delayQueueOptions(queue, d));
    for (const b of bindings) await ch.bindQueue(queue, this.topology.exchange, b);
  }

  /**
   * Runs declarations on a channel of their own: a refused declaration (PRECONDITION_FAILED)
   * closes only that channel, not the publisher's.
   */
  private async onChannel<T>(model: ChannelModel, fn: (ch: Channel) => Promise<T>): Promise<T> {
    const ch = await model.createChannel();
    ch.on("error", (e: Error) => this.log.warn({ err: e.message }, "amqp: declaration refused"));
    try {
      return await fn(ch);
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  /** Publishes with confirms; what a lost channel left unconfirmed is sent again after the reconnect. */
  private async send(items: readonly Outgoing[]): Promise<void> {
    if (items.length === 0) return;
    const deadline = Date.now() + this.publishTimeoutMs;
    const timeout = () =>
      new Error(
        `RabbitMQ did not confirm ${pending.length} of ${items.length} message(s) within ${this.publishTimeoutMs} ms`,
      );
    let pending = items;
    for (;;) {
      if (this.closing && !this.conn.connected) throw new Error("the AMQP bus is closed");
      const left = deadline - Date.now();
      if (left <= 0) throw timeout();
      await this.conn.ready(left);
      const pub = this.publisher;
      if (!pub || pub.isClosed) {
        // The channel died and the connection has not noticed yet.
        await sleep(Math.min(50, left));
        continue;
      }
      const results = await withDeadline(pub.publish(pending), deadline, timeout);
      const fatal = results.find((r) => !r.ok && !r.retryable);
      if (fatal && !fatal.ok) throw new Error(fatal.error);
      const before = pending.length;
      pending = pending.filter((_, i) => !results[i]!.ok);
      if (pending.length === 0) return;
      this.log.warn(
        { unconfirmed: pending.length, of: before },
        "amqp: channel lost before the confirms; sending again after the reconnect",
      );
    }
  }
}

class Consumer {
  private channel: Channel | undefined;
  private channelOpen = false;
  private tag: string | undefined;
  private inflight = 0;
  private idle: (() => void)[] = [];
  private closing = false;
  /** The connection generation this consumer is attached on. */
  generation = -1;

  constructor(
    private readonly bus: ConsumerContext,
    readonly queue: string,
    readonly bindings: readonly string[],
    private readonly handler: Handler,
    private readonly prefetch: number,
  ) {}

  async attach(model: ChannelModel, generation: number): Promise<void> {
    if (this.closing) return;
    const ch = await model.createChannel();
    ch.on("error", (e: Error) =>
      this.bus.log.warn({ err: e.message, queue: this.queue }, "amqp: consumer channel error"),
    );
    ch.on("close", () => {
      if (this.channel !== ch) return;
      this.channelOpen = false;
      if (!this.closing && !this.bus.closing()) this.bus.reset(`consumer channel of ${this.queue} closed`);
    });
    await ch.prefetch(this.prefetch);
    this.channel = ch;
    this.channelOpen = true;
    const { consumerTag } = await ch.consume(this.queue, (m) => {
      if (m === null) {
        // The broker cancelled us (queue deleted, leader moved): set everything up again.
        if (!this.closing) this.bus.reset(`consumer of ${this.queue} cancelled by the broker`);
        return;
      }
      this.onMessage(ch, m).catch((e: unknown) =>
        this.bus.log.error({ err: e, queue: this.queue }, "amqp: message handling failed"),
      );
    });
    this.tag = consumerTag;
    this.generation = generation;
  }

  async close(): Promise<void> {
    this.closing = true;
    const ch = this.channel;
    if (ch && this.channelOpen && this.tag) await ch.cancel(this.tag).catch(() => undefined);
    if (this.inflight > 0) await new Promise<void>((r) => this.idle.push(r));
    if (ch && this.channelOpen) await ch.close().catch(() => undefined);
  }

  private async onMessage(ch: Channel, m: ConsumeMessage): Promise<void> {
    this.inflight++;
    try {
      const msg = toInbound(m);
      let outcome: Outcome | undefined;
      let thrown: unknown;
      try {
        outcome = await this.handler(msg);
      } catch (e) {
        thrown = e;
      }
      // The channel it came on is gone, and with it our chance to ack: the broker redelivers it.
      if (ch !== this.channel || !this.channelOpen) return;
      try {
        await this.settle(ch, m, msg, outcome, thrown);
      } catch (e) {
        // It could not be parked for a retry or in the dead letters: hand it back to the queue.
        this.bus.log.error(
          { err: (e as Error).message, queue: this.queue, messageId: msg.messageId },
          "amqp: could not settle a message; returning it to its queue",
        );
        if (ch === this.channel && this.channelOpen) {
          try {
            ch.nack(m, false, true);
          } catch {
            // The channel closed meanwhile: the broker hands the message back by itself.
          }
        }
      }
    } finally {
      this.inflight--;
      if (this.inflight === 0) for (const r of this.idle.splice(0)) r();
    }
  }

  private async settle(
    ch: Channel,
    m: ConsumeMessage,
    msg: InboundMessage,
    outcome: Outcome | undefined,
    thrown: unknown,
  ): Promise<void> {
    const t = this.bus.topology;
    if (!outcome) {
      const errors = Number(m.properties.headers?.[AMQP_HEADER.handlerErrors] ?? 0) + 1;
      const error = thrown instanceof Error ? thrown.message : String(thrown);
      this.bus.log.error(
        { err: error, queue: this.queue, messageId: msg.messageId, errors },
        "amqp: handler failed; trying the message again later",
      );
      await this.bus.send([
        copyTo(m, msg, t.delayQueue(this.queue, delayFor(this.bus.delays, errors)), {
          [AMQP_HEADER.handlerErrors]: errors,
          [AMQP_HEADER.lastError]: clip(error),
        }),
      ]);
    } else if (outcome.kind === "retry") {
      const wait = waitFor(this.bus.delays, msg.attempt, outcome.retryAt);
      await this.bus.send([
        copyTo(
          m,
          msg,
          t.delayQueue(this.queue, wait.queueDelay),
          { [AMQP_HEADER.attempt]: msg.attempt + 1, [AMQP_HEADER.lastError]: clip(outcome.error) },
          wait.expirationMs,
        ),
      ]);
    } else if (outcome.kind === "dead" && this.queue !== t.dead) {
      await this.bus.send([
        copyTo(m, msg, t.dead, {
          [AMQP_HEADER.lastError]: clip(outcome.error),
          [AMQP_HEADER.deadFrom]: this.queue,
          [AMQP_HEADER.deadAt]: new Date().toISOString(),
        }),
      ]);
    }
    ch.ack(m);
  }
}

function toInbound(m: ConsumeMessage): InboundMessage {
  const raw = (m.properties.headers ?? {}) as Record<string, unknown>;
  const headers: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === "string" || typeof v === "number") headers[k] = v;
    else if (Buffer.isBuffer(v)) headers[k] = v.toString("utf8");
  }
  const original = headers[AMQP_HEADER.routingKey];
  return {
    routingKey: typeof original === "string" ? original : m.fields.routingKey,
    messageId: String(m.properties.messageId ?? ""),
    headers,
    body: m.content,
    attempt: Math.max(1, Number(headers[AMQP_HEADER.attempt] ?? 1) || 1),
    redelivered: m.fields.redelivered,
  };
}

/** A copy for the default exchange (straight to `queue`), keeping the message id and our headers. */
function copyTo(
  m: ConsumeMessage,
  msg: InboundMessage,
  queue: string,
  extra: Record<string, string | number>,
  expirationMs?: number,
): Outgoing {
  const headers: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m.properties.headers ?? {}))
    if (!BROKER_HEADERS.test(k)) headers[k] = v;
  const p = m.properties;
  return {
    exchange: "",
    routingKey: queue,
    content: m.content,
    options: {
      messageId: msg.messageId,
      headers: { ...headers, [AMQP_HEADER.routingKey]: msg.routingKey, ...extra },
      ...(p.contentType ? { contentType: String(p.contentType) } : {}),
      ...(p.appId ? { appId: String(p.appId) } : {}),
      ...(expirationMs !== undefined ? { expiration: String(expirationMs) } : {}),
    },
  };
}

/**
 * Where a retry waits and for how long. The handler scheduled it (`retryAt`) when the attempt
 * failed; by now it has spent a little time recording that. The copy waits in the shortest delay
 * queue that covers what remains, with its own expiration set to exactly that (the broker applies
 * the lower of the queue's TTL and the message's), so it comes back on the recorded schedule.
 */
export function waitFor(
  delays: readonly number[],
  attempt: number,
  retryAt: string | undefined,
): { queueDelay: number; expirationMs?: number } {
  const remaining = retryAt === undefined ? NaN : Date.parse(retryAt) - Date.now();
  if (!Number.isFinite(remaining)) return { queueDelay: delayFor(delays, attempt) };
  const longest = Math.max(...delays);
  const ms = Math.max(0, Math.min(longest, Math.round(remaining)));
  const queueDelay = [...new Set(delays)].sort((a, b) => a - b).find((d) => d >= ms) ?? longest;
  return { queueDelay, expirationMs: ms };
}

function clip(s: string): string {
  return s.length > 1000 ? `${s.slice(0, 1000)}…` : s;
}

function withDeadline<T>(p: Promise<T>, deadline: number, error: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(error()), Math.max(0, deadline - Date.now()));
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: Error) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
