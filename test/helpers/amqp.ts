import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { connect, type ChannelModel, type ConsumeMessage } from "amqplib";
import { pino, type Logger } from "pino";

const run = promisify(execFile);

export const AMQP_URL = process.env["SWG_TEST_AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5672";

/** A prefix no other run uses, so that concurrent runs never share queues. */
export function uniquePrefix(tag: string): string {
  return `swgt-${tag}-${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export async function rabbitmqctl(...args: string[]): Promise<string> {
  const { stdout } = await run("rabbitmqctl", args, { timeout: 60_000 });
  return stdout;
}

async function namesOf(kind: "queues" | "exchanges", vhost: string, prefix: string): Promise<string[]> {
  const out = await rabbitmqctl(`list_${kind}`, "-q", "-s", "-p", vhost, "name");
  return out
    .split("\n")
    .map((l) => l.trim())
    .filter((n) => n.startsWith(`${prefix}.`));
}

/** Deletes every queue and exchange named `<prefix>.*` in `vhost`. */
export async function deleteTopology(prefix: string, url = AMQP_URL, vhost = "/"): Promise<void> {
  const queues = await namesOf("queues", vhost, prefix);
  const exchanges = await namesOf("exchanges", vhost, prefix);
  const c = await connect(url);
  try {
    const ch = await c.createChannel();
    for (const q of queues) await ch.deleteQueue(q);
    for (const x of exchanges) await ch.deleteExchange(x);
    await ch.close();
  } finally {
    await c.close();
  }
}

/** A virtual host of its own, for tests that close every connection in it; deleted by `drop`. */
export async function scratchVhost(
  tag: string,
): Promise<{ url: string; vhost: string; drop(): Promise<void> }> {
  const vhost = uniquePrefix(tag);
  await rabbitmqctl("add_vhost", vhost);
  await rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
  const u = new URL(AMQP_URL);
  u.pathname = `/${encodeURIComponent(vhost)}`;
  return {
    url: u.toString(),
    vhost,
    drop: async () => {
      await rabbitmqctl("delete_vhost", vhost);
    },
  };
}

export interface Received {
  readonly messageId: string;
  readonly appId: string | undefined;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly body: Buffer;
}

/**
 * A partner consuming its queue: records every message (raw, duplicates included) and keeps
 * consuming across connection losses, as a real partner would.
 */
export class PartnerConsumer {
  readonly received: Received[] = [];
  private model: ChannelModel | undefined;
  private stopped = false;
  private reconnecting: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly queue: string,
  ) {}

  async start(): Promise<void> {
    const c = await connect(this.url);
    this.model = c;
    c.on("error", () => undefined);
    c.on("close", () => {
      if (!this.stopped) this.reconnecting = this.retry();
    });
    const ch = await c.createChannel();
    await ch.assertQueue(this.queue, { durable: true, arguments: { "x-queue-type": "quorum" } });
    await ch.prefetch(200);
    await ch.consume(this.queue, (m: ConsumeMessage | null) => {
      if (!m) return;
      this.received.push({
        messageId: String(m.properties.messageId),
        appId: m.properties.appId ? String(m.properties.appId) : undefined,
        headers: m.properties.headers ?? {},
        body: m.content,
      });
      ch.ack(m);
    });
  }

  uniqueIds(): Set<string> {
    return new Set(this.received.map((r) => r.messageId));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.reconnecting;
    await this.model?.close().catch(() => undefined);
  }

  private async retry(): Promise<void> {
    for (let i = 0; i < 100 && !this.stopped; i++) {
      await new Promise((r) => setTimeout(r, 200));
      try {
        await this.start();
        return;
      } catch {
        // the broker is still closing connections; try again
      }
    }
  }
}

export async function until(
  what: string,
  cond: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 50,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** A logger that keeps every message, so a test can see what the code reported (a reconnect). */
export function captureLog(): { log: Logger; messages: () => string[] } {
  const lines: string[] = [];
  const log = pino({ level: "info" }, { write: (s: string) => void lines.push(s) });
  return { log, messages: () => lines.map((l) => String((JSON.parse(l) as { msg?: unknown }).msg)) };
}
