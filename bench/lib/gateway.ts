/**
 * The compiled gateway (`npm run build` first) as child processes: embedded (one process, SQLite),
 * or distributed (PostgreSQL schema and AMQP prefix of its own, `swg serve --role api|worker`).
 * Every partner of config/partners.json is configured as a webhook to one partner stub, and the
 * demo routing is kept, so every route a document takes ends at the stub.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "amqplib";
import pg from "pg";
import { KyselyStore } from "../../src/infra/db/store.js";
import { FileKeyStore } from "../../src/pki/file-keystore.js";
import { AMQP_URL, PG_URL, ROOT } from "./paths.js";

const BIN = join(ROOT, "dist", "src", "cli", "swg.js");
export const WEBHOOK_SECRET_ENV = "SWG_BENCH_SECRET";

export type Mode = "embedded" | "distributed";
export type Role = "api" | "worker" | "all";

export interface GatewayProcess {
  readonly role: Role;
  readonly pid: number;
  /** The HTTP base URL (absent for a worker). */
  readonly url: string | undefined;
  readonly child: ChildProcess;
  /** Date.now() when it was spawned (a --cpu-prof profile starts about then). */
  readonly spawnedAt: number;
  output(): string;
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

export interface DeploymentOptions {
  readonly mode: Mode;
  /** The partner stub's webhook URL. */
  readonly stubUrl: string;
  /** More SWG_* variables (retry delays, relay idle, ...). */
  readonly env?: Record<string, string>;
  readonly tag?: string;
}

interface PartnerEntry {
  transport: Record<string, unknown>;
  [k: string]: unknown;
}

/** A deployment's files, database and broker names; its processes are started one by one. */
export class Deployment {
  readonly processes: GatewayProcess[] = [];
  /** Processes that exited (killed, stopped or crashed), with their exit and last output. */
  readonly exited: { role: Role; pid: number; exit: string; output: string }[] = [];
  private exporter: string | undefined;

  private constructor(
    readonly mode: Mode,
    readonly dir: string,
    readonly env: Record<string, string>,
    readonly schema: string | undefined,
    readonly prefix: string | undefined,
  ) {}

  static create(o: DeploymentOptions): Deployment {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first`);
    const dir = mkdtempSync(join(tmpdir(), `swg-bench-${o.tag ?? o.mode}-`));
    const partners = JSON.parse(readFileSync(join(ROOT, "config/partners.json"), "utf8")) as {
      partners: PartnerEntry[];
    };
    for (const p of partners.partners)
      p.transport = { type: "webhook", url: o.stubUrl, secretEnv: WEBHOOK_SECRET_ENV, timeoutMs: 5000 };
    writeFileSync(join(dir, "partners.json"), JSON.stringify(partners));
    const unique = `${process.pid}_${Date.now().toString(36)}`;
    const schema = o.mode === "distributed" ? `bench_${unique}` : undefined;
    const prefix = o.mode === "distributed" ? `swgb-${unique}` : undefined;
    const env: Record<string, string> = {
      SWG_MODE: o.mode,
      SWG_DATA_DIR: dir,
      SWG_PORT: "0",
      SWG_LOG_LEVEL: "warn",
      SWG_PARTNERS_FILE: join(dir, "partners.json"),
      SWG_ROUTING_FILE: join(ROOT, "config/routing.json"),
      [WEBHOOK_SECRET_ENV]: "bench-webhook-secret",
      ...(schema && prefix
        ? {
            SWG_DATABASE_URL: PG_URL,
            SWG_DATABASE_SCHEMA: schema,
            SWG_AMQP_URL: AMQP_URL,
            SWG_AMQP_PREFIX: prefix,
          }
        : {}),
      ...o.env,
    };
    return new Deployment(o.mode, dir, env, schema, prefix);
  }

  /**
   * Starts `swg serve` with a role; the first start should pass demo (it seeds the exporter and
   * writes its key to <dir>/demo.env). `cpuProfDir` runs it under `node --cpu-prof`.
   */
  async start(role: Role, opts: { demo?: boolean; cpuProfDir?: string; timeoutMs?: number } = {}) {
    const args = [
      ...(opts.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProfDir}`] : []),
      BIN,
      "serve",
      "--role",
      role,
      ...(opts.demo ? ["--demo"] : []),
    ];
    const spawnedAt = Date.now();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { PATH: process.env["PATH"], ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const keep = (d: Buffer) => {
      out += d.toString();
      if (out.length > 200_000) out = out.slice(-100_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const url = await new Promise<string | undefined>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`swg serve --role ${role} did not start:\n${out}`)),
        opts.timeoutMs ?? 60_000,
      );
      const check = () => {
        const m = /role (api|worker|all)(?:, listening on (http:\/\/\S+))?/.exec(out);
        if (m) {
          clearTimeout(timer);
          child.stdout.off("data", check);
          resolve(m[2]?.replace(/,$/, ""));
        }
      };
      child.stdout.on("data", check);
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`swg serve --role ${role} exited ${code ?? signal}:\n${out}`));
      });
    });
    const p: GatewayProcess = {
      role,
      pid: child.pid!,
      url,
      child,
      spawnedAt,
      output: () => out,
      stop: (signal = "SIGTERM", timeoutMs = 30_000) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
          const t = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
          child.once("exit", (code) => {
            clearTimeout(t);
            resolve(code);
          });
          child.kill(signal);
        }),
    };
    child.once("exit", (code, signal) => {
      const i = this.processes.indexOf(p);
      if (i >= 0) this.processes.splice(i, 1);
      this.exited.push({ role, pid: p.pid, exit: String(code ?? signal), output: out.slice(-4000) });
    });
    this.processes.push(p);
    return p;
  }

  /** The demo exporter's key (after a start with demo). */
  get exporterKey(): string {
    this.exporter ??= /SWG_DEMO_EXPORTER_KEY=(\S+)/.exec(
      readFileSync(join(this.dir, "demo.env"), "utf8"),
    )?.[1];
    if (!this.exporter) throw new Error("no demo exporter key: start the first process with demo");
    return this.exporter;
  }

  /** The URL of the first process that serves HTTP. */
  get url(): string {
    const u = this.processes.find((p) => p.url)?.url;
    if (!u) throw new Error("no api process is running");
    return u;
  }

  /** The URLs of every process that serves HTTP. */
  get urls(): string[] {
    return this.processes.flatMap((p) => (p.url ? [p.url] : []));
  }

  /** Opens the deployment's store (for reconciliation); close it when done. */
  openStore(): Promise<KyselyStore> {
    return KyselyStore.open(
      this.schema
        ? { dialect: "postgres", url: PG_URL, schema: this.schema, poolSize: 2 }
        : { dialect: "sqlite", file: join(this.dir, "swg.db") },
      { groupCommitMax: 1 },
    );
  }

  sealKeys(): FileKeyStore {
    return new FileKeyStore({
      keyFile: join(ROOT, "certs-sample/gateway-seal.key.pem"),
      chainFile: join(ROOT, "certs-sample/gateway-seal.chain.pem"),
    });
  }

  /** Stops every process, then drops the schema, the queues and exchanges, and the files. */
  async destroy(): Promise<void> {
    await Promise.all([...this.processes].map((p) => p.stop()));
    if (this.schema) await dropSchema(this.schema).catch(() => undefined);
    if (this.prefix) await deleteTopology(this.prefix).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await c.end();
  }
}

/** Deletes the queues and exchanges named `<prefix>.*` (listed by rabbitmqctl). */
export async function deleteTopology(prefix: string): Promise<void> {
  const { execFileSync } = await import("node:child_process");
  const names = (kind: string) =>
    execFileSync("rabbitmqctl", [`list_${kind}`, "-q", "-s", "name"], { encoding: "utf8", timeout: 60_000 })
      .split("\n")
      .map((l) => l.trim())
      .filter((n) => n.startsWith(`${prefix}.`));
  const queues = names("queues");
  const exchanges = names("exchanges");
  const c = await connect(AMQP_URL);
  try {
    const ch = await c.createChannel();
    for (const q of queues) await ch.deleteQueue(q);
    for (const x of exchanges) await ch.deleteExchange(x);
    await ch.close();
  } finally {
    await c.close();
  }
}
