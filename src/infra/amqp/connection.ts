import { connect, type ChannelModel } from "amqplib";
import type { Logger } from "pino";

export interface ConnectionOptions {
  readonly url: string;
  /** Shown by `rabbitmqctl list_connections client_properties`, so an operator can tell processes apart. */
  readonly name: string;
  readonly log: Logger;
  /** Runs on every new connection before it counts as ready: topology, channels, consumers. */
  readonly setup: (model: ChannelModel) => Promise<void>;
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** How long start() keeps trying before it gives up (a wrong URL should fail the boot). */
  readonly startTimeoutMs?: number;
  readonly heartbeatS?: number;
}

interface Waiter {
  readonly resolve: (m: ChannelModel) => void;
  readonly reject: (e: Error) => void;
}

/**
 * One AMQP connection per process, kept up: when it drops, it is opened again with exponential
 * back-off (with jitter, so that many processes do not reconnect in lockstep), and `setup`
 * declares the topology and re-attaches consumers before anyone may use it.
 */
export class AmqpConnection {
  private model: ChannelModel | undefined;
  private waiters: Waiter[] = [];
  private connecting = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  /** Counts connections made, so stale callbacks from an older one can be recognized. */
  generation = 0;

  constructor(private readonly o: ConnectionOptions) {}

  async start(): Promise<void> {
    const deadline = Date.now() + (this.o.startTimeoutMs ?? 30_000);
    let delay = this.o.initialDelayMs ?? 100;
    for (;;) {
      try {
        await this.open();
        return;
      } catch (e) {
        if (this.stopped) throw new Error("AMQP connection closed while starting");
        if (Date.now() + delay > deadline)
          throw new Error(`cannot connect to RabbitMQ: ${(e as Error).message}`);
        this.o.log.warn({ err: (e as Error).message, retryInMs: delay }, "amqp: connect failed");
        await sleep(delay);
        delay = this.nextDelay(delay);
      }
    }
  }

  /** The current connection; waits for a reconnect in progress, up to `timeoutMs`. */
  ready(timeoutMs: number): Promise<ChannelModel> {
    if (this.model) return Promise.resolve(this.model);
    if (this.stopped) return Promise.reject(new Error("AMQP connection is closed"));
    return new Promise<ChannelModel>((resolve, reject) => {
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`RabbitMQ is unreachable (no connection within ${timeoutMs} ms)`));
      }, timeoutMs);
      const waiter: Waiter = {
        resolve: (m) => {
          clearTimeout(t);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(t);
          reject(e);
        },
      };
      this.waiters.push(waiter);
    });
  }

  get connected(): boolean {
    return this.model !== undefined;
  }

  /**
   * Drops the connection so that everything is set up afresh. Used when a channel dies on its own
   * (a channel error, a consumer cancelled by the broker): one recovery path for every fault.
   */
  reset(reason: string): void {
    const m = this.model;
    if (!m) return;
    this.o.log.warn({ reason }, "amqp: resetting the connection");
    this.lost(m);
    m.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const w of this.waiters.splice(0)) w.reject(new Error("AMQP connection is closed"));
    const m = this.model;
    this.model = undefined;
    if (m) await m.close().catch(() => undefined);
  }

  private async open(): Promise<void> {
    const model = await connect(withHeartbeat(this.o.url, this.o.heartbeatS ?? 15), {
      // Nagle's algorithm holds small frames back; with it, a confirm round trip costs ~40 ms.
      noDelay: true,
      clientProperties: { connection_name: this.o.name },
    });
    model.on("error", (e: Error) => this.o.log.warn({ err: e.message }, "amqp: connection error"));
    let closed = false;
    model.on("close", () => {
      closed = true;
      this.lost(model);
    });
    model.on("blocked", (reason: string) => this.o.log.warn({ reason }, "amqp: broker blocked publishing"));
    model.on("unblocked", () => this.o.log.info("amqp: broker unblocked publishing"));
    try {
      this.generation++;
      await this.o.setup(model);
    } catch (e) {
      await model.close().catch(() => undefined);
      throw e;
    }
    if (closed) throw new Error("the connection closed during setup");
    if (this.stopped) {
      await model.close().catch(() => undefined);
      throw new Error("AMQP connection closed while starting");
    }
    this.model = model;
    for (const w of this.waiters.splice(0)) w.resolve(model);
  }

  private lost(model: ChannelModel): void {
    if (this.model !== model || this.stopped) return;
    this.model = undefined;
    this.o.log.warn("amqp: connection lost; reconnecting");
    this.reconnect(this.o.initialDelayMs ?? 100);
  }

  private reconnect(delay: number): void {
    if (this.connecting || this.stopped) return;
    this.connecting = true;
    this.timer = setTimeout(() => {
      this.open().then(
        () => {
          this.connecting = false;
          this.o.log.info({ generation: this.generation }, "amqp: reconnected");
        },
        (e: unknown) => {
          this.connecting = false;
          this.o.log.warn({ err: (e as Error).message, retryInMs: delay }, "amqp: reconnect failed");
          this.reconnect(this.nextDelay(delay));
        },
      );
    }, jitter(delay));
  }

  private nextDelay(delay: number): number {
    return Math.min(delay * 2, this.o.maxDelayMs ?? 5_000);
  }
}

/** A dead peer is noticed within two heartbeats; the URL may set its own. */
function withHeartbeat(url: string, seconds: number): string {
  const u = new URL(url);
  if (!u.searchParams.has("heartbeat")) u.searchParams.set("heartbeat", String(seconds));
  return u.toString();
}

function jitter(ms: number): number {
  return Math.round(ms * (0.8 + Math.random() * 0.4));
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
