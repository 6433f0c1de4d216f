import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { connect } from "amqplib";
import type { Logger } from "pino";
import { pino } from "pino";
import { loadConfig } from "../../../src/config/load.js";
import type { Config } from "../../../src/config/schema.js";
import { startGateway, type Gateway } from "../../../src/main.js";
import { issueKey } from "../../../src/parties/credentials.js";
import { registerParty } from "../../../src/parties/register.js";
import type { DeliveryRecord } from "../../../src/ports/records.js";
import { uuidv7 } from "../../../src/util/ids.js";
import { PG_URL, dropSchema, freshSchemaName } from "../../helpers/stores.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const FIXTURES = join(ROOT, "test", "fixtures", "distributed");
const DECLARATION = JSON.parse(
  readFileSync(join(ROOT, "test/fixtures/documents/export-declaration/valid-self-declared.json"), "utf8"),
) as Record<string, unknown>;
export const WEBHOOK_SECRET = "test-webhook-secret-0123456789abcdef";

export interface HarnessOptions {
  readonly mode: "embedded" | "distributed";
  readonly role: Config["role"];
  readonly routing: "queue" | "webhook";
  readonly retryDelaysMs: readonly number[];
  readonly webhookUrl?: string;
  readonly amqpUrl?: string;
  readonly amqpPrefix?: string;
  readonly log?: Logger;
}

/** A gateway on a fresh PostgreSQL schema (or SQLite file), with an exporter and an operator key. */
export class Harness {
  private constructor(
    readonly gateway: Gateway,
    readonly config: Config,
    readonly env: Record<string, string>,
    readonly exporterKey: string,
    readonly operatorKey: string,
    private readonly dir: string,
  ) {}

  static async start(o: HarnessOptions): Promise<Harness> {
    const dir = mkdtempSync(join(tmpdir(), "swg-dist-"));
    const partners = JSON.parse(readFileSync(join(FIXTURES, "partners.json"), "utf8")) as {
      partners: { transport: { type: string; url?: string } }[];
    };
    // Only the partner the routing names: the embedded mode refuses a queue partner.
    partners.partners = partners.partners.filter((p) => p.transport.type === o.routing);
    for (const p of partners.partners) if (o.webhookUrl) p.transport.url = o.webhookUrl;
    const partnersFile = join(dir, "partners.json");
    writeFileSync(partnersFile, JSON.stringify(partners));
    const schema = freshSchemaName();
    const env: Record<string, string> = {
      SWG_MODE: o.mode,
      SWG_DATA_DIR: dir,
      SWG_PARTNERS_FILE: partnersFile,
      SWG_ROUTING_FILE: join(FIXTURES, `routing-${o.routing}.json`),
      SWG_RETRY_DELAYS_MS: o.retryDelaysMs.join(","),
      SWG_LOG_LEVEL: "warn",
      SWG_PORT: "0",
      SWG_TEST_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ...(o.mode === "distributed"
        ? {
            SWG_DATABASE_URL: PG_URL,
            SWG_DATABASE_SCHEMA: schema,
            SWG_AMQP_URL: o.amqpUrl!,
            SWG_AMQP_PREFIX: o.amqpPrefix!,
          }
        : // The embedded bus retries from the table: the relay's poll interval bounds how late a retry starts.
          { SWG_RELAY_IDLE_MS: "20" }),
    };
    const config = loadConfig({ ...env, SWG_ROLE: o.role });
    let gateway: Gateway;
    try {
      gateway = await startGateway(config, {
        env: { ...process.env, ...env },
        log: o.log ?? pino({ level: "error" }),
      });
    } catch (e) {
      // A migrated schema left behind would confuse later migrations in this database.
      if (o.mode === "distributed") await dropSchema(schema);
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    const now = new Date();
    const actor = { partyId: null, role: "system" as const };
    const exporter = await registerParty(
      gateway.store,
      {
        name: "Ningbo Sunrise Houseware Co., Ltd.",
        kind: "enterprise",
        identifiers: [{ scheme: "USCI", value: "91330200MA2H4KXL3L" }],
        country: "CN",
        verification: "verified",
      },
      actor,
      now,
    );
    const ops = await registerParty(
      gateway.store,
      { name: "Gateway operations", kind: "gateway" },
      actor,
      now,
    );
    const exporterKey = (
      await issueKey(gateway.store, { partyId: exporter.id, role: "exporter", actor, now })
    ).key;
    const operatorKey = (await issueKey(gateway.store, { partyId: ops.id, role: "operator", actor, now }))
      .key;
    return new Harness(gateway, config, env, exporterKey, operatorKey, dir);
  }

  get url(): string {
    return this.gateway.url!;
  }

  /** Submits `n` distinct export declarations (each its own consignment); returns their delivery ids. */
  async submit(n: number, concurrency = 16, tag = Math.random().toString(36).slice(2, 6)): Promise<string[]> {
    const ids: string[] = [];
    let next = 0;
    const one = async (i: number) => {
      const ref = `${tag}${i.toString(36).padStart(5, "0")}`.toUpperCase();
      const doc = {
        ...DECLARATION,
        id: uuidv7(),
        number: `T${ref}`,
        lrn: `T${ref}`,
        ucr: `5CN91330200MA2H4KXL3L-${ref}`,
      };
      const res = await fetch(`${this.url}/v1/submissions`, {
        method: "POST",
        headers: { authorization: `Bearer ${this.exporterKey}`, "content-type": "application/json" },
        body: JSON.stringify(doc),
      });
      const body = (await res.json()) as { deliveries?: { id: string }[] };
      if (res.status !== 202) throw new Error(`submission ${i}: ${res.status} ${JSON.stringify(body)}`);
      ids.push(...(body.deliveries ?? []).map((d) => d.id));
    };
    await Promise.all(
      Array.from({ length: Math.min(concurrency, n) }, async () => {
        while (next < n) await one(next++);
      }),
    );
    return ids;
  }

  async operator(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.operatorKey}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: await res.json() };
  }

  async deliveries(ids: readonly string[]): Promise<DeliveryRecord[]> {
    const out: DeliveryRecord[] = [];
    for (const id of ids) {
      const d = await this.gateway.store.read.deliveries.get(id);
      if (d) out.push(d);
    }
    return out;
  }

  /** Environment for `swg serve` child processes sharing this database and broker. */
  childEnv(): NodeJS.ProcessEnv {
    return { ...process.env, ...this.env };
  }

  async close(): Promise<void> {
    try {
      await this.gateway.close();
    } finally {
      if (this.config.mode === "distributed") await dropSchema(this.config.databaseSchema);
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** `swg serve --role worker` from source (tsx), as a child process. */
export function spawnWorker(env: NodeJS.ProcessEnv, name: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/swg.ts", "serve", "--role", "worker"], {
    cwd: ROOT,
    env: { ...env, SWG_ROLE: "worker" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tail: string[] = [];
  const keep = (b: Buffer) => {
    tail.push(b.toString());
    if (tail.length > 50) tail.shift();
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  child.on("exit", (code, signal) => {
    if (code !== 0 && signal !== "SIGTERM")
      console.error(`worker ${name} exited ${code ?? signal}:\n${tail.join("")}`);
  });
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(t);
}

/** How many consumers a queue has (0 when it does not exist yet). */
export async function consumerCount(url: string, queue: string): Promise<number> {
  const c = await connect(url);
  try {
    c.on("error", () => undefined);
    const ch = await c.createChannel();
    ch.on("error", () => undefined);
    return (await ch.checkQueue(queue)).consumerCount;
  } catch {
    return 0;
  } finally {
    await c.close().catch(() => undefined);
  }
}

export interface HookRequest {
  readonly at: number;
  readonly messageId: string;
  readonly deliveryId: string;
  readonly attempt: number;
  readonly status: number;
}

/** A partner's webhook on 127.0.0.1: answers what `answer` says, and records every request. */
export class WebhookStub {
  readonly requests: HookRequest[] = [];
  answer: (deliveryId: string) => number = () => 200;
  private readonly server: Server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on("end", () => {
      const deliveryId = String(req.headers["x-swg-delivery-id"]);
      const status = this.answer(deliveryId);
      this.requests.push({
        at: Date.now(),
        messageId: String(req.headers["x-swg-message-id"]),
        deliveryId,
        attempt: Number(req.headers["x-swg-attempt"]),
        status,
      });
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "down");
    });
  });

  static async start(): Promise<WebhookStub> {
    const stub = new WebhookStub();
    await new Promise<void>((r) => stub.server.listen(0, "127.0.0.1", () => r()));
    return stub;
  }

  get url(): string {
    const a = this.server.address();
    if (!a || typeof a !== "object") throw new Error("not listening");
    return `http://127.0.0.1:${a.port}/deliveries`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}
