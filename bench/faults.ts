/**
 * `npm run faults`: bounded fault runs on loopback, each under a stream of submissions (JSON
 * declarations and dossiers, so one submission has one or three routes), each ending with a
 * reconciliation against what the partner (bench/lib/partner.ts, its own process, logging every
 * arrival to a file before answering) received:
 *
 *   embedded kill -9          the gateway is killed twice mid-load and restarted
 *   distributed kill -9       the api process, then the worker, killed mid-load and restarted
 *   RabbitMQ restart          rabbitmqctl stop_app / start_app mid-load (distributed)
 *   PostgreSQL restart        pg_ctlcluster restart mid-load (distributed)
 *   partner down 60 s         the partner's process stopped for 60 s mid-load (embedded and distributed)
 *
 * A client that gets no answer, or a 5xx, sends the same body again with the same Idempotency-Key
 * until it is answered, as a real client would. Reconciliation: every delivery named in a 202 must
 * reach the partner (lost otherwise), under its one message id (a delivery seen under two message
 * ids, or a message id the gateway never committed, is a duplicate after dedup); raw duplicates
 * (the same message id twice) are counted and allowed; nothing is half-stored; every audit chain
 * verifies (verifyAudit). Writes bench/results/faults.json; exits 1 if anything is lost or
 * duplicated after dedup, 2 if a run was skipped.
 *
 * Restarting RabbitMQ or PostgreSQL breaks any test running at that moment on this machine, so
 * those runs first wait (bounded) until no vitest or bench process of anyone else is running.
 *
 *   npm run build && npm run faults [-- run-name ...] [--load-seconds N]
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, release } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { verifyAudit } from "../src/trace/verify.js";
import { dossier4, jsonDeclaration, ucrFor, type DocumentFactory } from "./lib/documents.js";
import { loadAvg } from "./lib/cpu.js";
import { Deployment, type GatewayProcess, type Mode } from "./lib/gateway.js";
import { RESULTS, ROOT } from "./lib/paths.js";
import { Progress } from "./lib/progress.js";
import { startStub, type Stub } from "./lib/stub.js";

const args = process.argv.slice(2);
const li = args.indexOf("--load-seconds");
const LOAD_S = li >= 0 ? Number(args[li + 1]) : 25;
const CLIENTS = 6;
/** Retries: 0.5 s doubling to 20 s, 10 attempts (about 90 s), so a 60 s outage is outlived. */
const RETRY_DELAYS = "500,1000,2000,4000,8000,15000,20000,20000,20000";

interface FaultContext {
  readonly dep: Deployment;
  readonly stub: Stub;
  /** The stub restarted on the same port and log (partner down). */
  restartStub(): Promise<void>;
  stopStub(): Promise<void>;
  note(s: string): void;
  progress: Progress;
}

interface FaultRun {
  readonly name: string;
  readonly mode: Mode;
  readonly description: string;
  /** Restarts a shared service: wait until nobody else's tests run. */
  readonly sharedService?: boolean;
  /** Load seconds (the fault happens inside). */
  readonly loadSeconds?: number;
  /** Runs mid-load; resolves when the fault is over (the service is back). */
  fault(ctx: FaultContext): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function killAndRestart(ctx: FaultContext, role: "all" | "api" | "worker"): Promise<void> {
  const p: GatewayProcess | undefined = ctx.dep.processes.find((x) => x.role === role);
  if (!p) throw new Error(`no ${role} process`);
  await p.stop("SIGKILL");
  ctx.note(`kill -9 ${role} (pid ${p.pid})`);
  await sleep(500);
  const q = await ctx.dep.start(role);
  ctx.note(`restarted ${role} (pid ${q.pid})`);
}

function sh(file: string, a: string[], timeout = 120_000): string {
  return execFileSync(file, a, { encoding: "utf8", timeout, stdio: ["ignore", "pipe", "pipe"] });
}

const RUNS: readonly FaultRun[] = [
  {
    name: "embedded kill -9",
    mode: "embedded",
    description: "the embedded gateway killed with SIGKILL twice mid-load, restarted each time",
    async fault(ctx) {
      await killAndRestart(ctx, "all");
      await sleep(6000);
      await killAndRestart(ctx, "all");
    },
  },
  {
    name: "distributed kill -9",
    mode: "distributed",
    description: "the api process killed with SIGKILL mid-load and restarted, then the worker",
    async fault(ctx) {
      await killAndRestart(ctx, "api");
      await sleep(6000);
      await killAndRestart(ctx, "worker");
    },
  },
  {
    name: "RabbitMQ restart",
    mode: "distributed",
    sharedService: true,
    description: "rabbitmqctl stop_app, then start_app, mid-load",
    async fault(ctx) {
      const t = Date.now();
      sh("rabbitmqctl", ["-q", "stop_app"]);
      ctx.note(`RabbitMQ stopped (${Date.now() - t} ms)`);
      await sleep(2000);
      sh("rabbitmqctl", ["-q", "start_app"]);
      sh("rabbitmqctl", ["-q", "await_startup", "--timeout", "90"]);
      ctx.note(`RabbitMQ back after ${Date.now() - t} ms`);
    },
  },
  {
    name: "PostgreSQL restart",
    mode: "distributed",
    sharedService: true,
    description: "pg_ctlcluster restart (fast shutdown: every connection cut) mid-load",
    fault(ctx) {
      const version = sh("ls", ["/etc/postgresql"]).split("\n")[0]!.trim();
      const t = Date.now();
      sh("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "restart"]);
      ctx.note(`PostgreSQL restarted in ${Date.now() - t} ms`);
      return Promise.resolve();
    },
  },
  {
    name: "partner down 60 s (embedded)",
    mode: "embedded",
    loadSeconds: 30,
    description:
      "the partner's webhook process stopped for 60 s mid-load (connection refused), then started again",
    async fault(ctx) {
      await ctx.stopStub();
      ctx.note("partner down");
      await sleep(60_000);
      await ctx.restartStub();
      ctx.note("partner back");
    },
  },
  {
    name: "partner down 60 s (distributed)",
    mode: "distributed",
    loadSeconds: 30,
    description: "the same in the distributed mode: retries wait in RabbitMQ's delay queues",
    async fault(ctx) {
      await ctx.stopStub();
      ctx.note("partner down");
      await sleep(60_000);
      await ctx.restartStub();
      ctx.note("partner back");
    },
  },
];

/** Other people's tests or benches running now (vitest, bench, faults), not this process's children. */
function othersRunning(): string[] {
  let out = "";
  try {
    out = execFileSync(
      "pgrep",
      ["-af", "vitest|bench/run.ts|bench/e2e.ts|bench/faults.ts|bench/profile.ts"],
      {
        encoding: "utf8",
      },
    );
  } catch {
    return [];
  }
  // This process and its ancestors (npm, sh, tsx) match too.
  const mine = new Set<number>();
  for (let pid = process.pid; pid > 1;) {
    mine.add(pid);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      break;
    }
  }
  return out
    .split("\n")
    .filter(Boolean)
    .filter((l) => !mine.has(Number(l.split(" ")[0])) && !l.includes("pgrep"));
}

async function waitForQuietMachine(progress: Progress, maxWaitS: number): Promise<boolean> {
  const until = Date.now() + maxWaitS * 1000;
  for (;;) {
    const others = othersRunning();
    if (others.length === 0) return true;
    if (Date.now() > until) {
      progress.note(`still busy after ${maxWaitS} s: ${others.slice(0, 3).join(" | ").slice(0, 300)}`);
      return false;
    }
    progress.update(`waiting for other tests to finish (${others.length} processes)`);
    await sleep(5000);
  }
}

/** The submission stream: fresh bodies, alternating a declaration and a dossier; retried until answered. */
class Stream {
  readonly accepted = new Map<string, string[]>();
  readonly refused: string[] = [];
  readonly gaveUp: string[] = [];
  sent = 0;
  retries = 0;
  private running = true;

  constructor(
    private readonly dep: Deployment,
    private readonly factories: readonly DocumentFactory[],
  ) {}

  stop(): void {
    this.running = false;
  }

  async client(id: number): Promise<void> {
    let n = 0;
    while (this.running) {
      const f = this.factories[n % this.factories.length]!;
      const idem = `fault-${id}-${n++}`;
      const { ucr, seq } = ucrFor();
      const b = f.make(ucr, seq);
      this.sent++;
      const deadline = Date.now() + 120_000;
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) this.retries++;
        let status = 0;
        let text = "";
        try {
          const res = await fetch(`${this.dep.url}/v1/submissions`, {
            method: "POST",
            headers: {
              ...b.headers,
              authorization: `Bearer ${this.dep.exporterKey}`,
              "idempotency-key": idem,
            },
            body: b.body,
            signal: AbortSignal.timeout(20_000),
          });
          status = res.status;
          text = await res.text();
        } catch {
          status = 0; // no answer: the process is down, or the connection was cut
        }
        if (status === 202) {
          const body = JSON.parse(text) as { deliveries?: { id: string }[] };
          this.accepted.set(
            idem,
            (body.deliveries ?? []).map((d) => d.id),
          );
          break;
        }
        if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
          this.refused.push(`${idem}: ${status} ${text.slice(0, 300)}`);
          break;
        }
        if (Date.now() > deadline) {
          this.gaveUp.push(idem);
          break;
        }
        await sleep(Math.min(250 * 2 ** Math.min(attempt, 3), 2000));
      }
    }
  }
}

interface Reconciliation {
  readonly run: string;
  readonly mode: Mode;
  readonly description: string;
  readonly skipped?: string;
  readonly submissions_sent: number;
  readonly submissions_202: number;
  readonly client_retries: number;
  readonly refused: number;
  readonly unanswered: number;
  readonly deliveries_expected: number;
  readonly delivered_unique: number;
  readonly lost: number;
  readonly duplicated_after_dedup: number;
  readonly raw_duplicates: number;
  readonly unexpected_at_partner: number;
  readonly committed_without_202: number;
  readonly half_stored: number;
  readonly dead_letters: number;
  /** Gateway processes that exited by themselves during the run. */
  readonly crashed: number;
  readonly audit_ok: boolean;
  readonly audit_chains: number;
  readonly audit_events: number;
  readonly audit_first_break?: string;
  readonly settle_s: number;
  readonly duration_s: number;
  readonly notes: string[];
  readonly samples?: Record<string, string[]>;
}

async function runOne(run: FaultRun, progress: Progress): Promise<Reconciliation> {
  const t0 = Date.now();
  const notes: string[] = [];
  const note = (s: string) => {
    notes.push(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${s}`);
    progress.update(s);
  };
  if (run.sharedService && !(await waitForQuietMachine(progress, 600))) {
    return {
      run: run.name,
      mode: run.mode,
      description: run.description,
      skipped: "other tests kept running for 10 minutes; a shared service was not restarted under them",
      submissions_sent: 0,
      submissions_202: 0,
      client_retries: 0,
      refused: 0,
      unanswered: 0,
      deliveries_expected: 0,
      delivered_unique: 0,
      lost: 0,
      duplicated_after_dedup: 0,
      raw_duplicates: 0,
      unexpected_at_partner: 0,
      committed_without_202: 0,
      half_stored: 0,
      dead_letters: 0,
      crashed: 0,
      audit_ok: false,
      audit_chains: 0,
      audit_events: 0,
      settle_s: 0,
      duration_s: 0,
      notes,
    };
  }
  const logDir = join(RESULTS, "faults");
  mkdirSync(logDir, { recursive: true });
  const log = join(logDir, `${run.name.replace(/[^a-z0-9]+/gi, "-")}.partner.log`);
  writeFileSync(log, "");
  let stub = await startStub({ log });
  const port = stub.port;
  const dep = Deployment.create({
    mode: run.mode,
    stubUrl: stub.url,
    tag: "faults",
    env: { SWG_RETRY_DELAYS_MS: RETRY_DELAYS, SWG_RELAY_IDLE_MS: "50" },
  });
  let stubDown = false;
  try {
    if (run.mode === "embedded") await dep.start("all", { demo: true });
    else {
      await dep.start("api", { demo: true });
      await dep.start("worker");
    }
    const stream = new Stream(dep, [jsonDeclaration(), dossier4()]);
    const loadS = run.loadSeconds ?? LOAD_S;
    const clients = Array.from({ length: CLIENTS }, (_, i) => stream.client(i));
    const tick = setInterval(
      () =>
        progress.update(
          `${((Date.now() - t0) / 1000).toFixed(0)} s: ${stream.accepted.size} accepted, ${stream.retries} retries`,
        ),
      1000,
    );
    try {
      await sleep(6000);
      const ctx: FaultContext = {
        dep,
        stub,
        note,
        progress,
        stopStub: async () => {
          stubDown = true;
          await stub.stop();
        },
        restartStub: async () => {
          stub = await startStub({ port, log });
          stubDown = false;
        },
      };
      const faultDone = run.fault(ctx);
      await Promise.race([sleep(loadS * 1000 - 6000), faultDone.then(() => sleep(0))]);
      // The load runs at least loadS; the fault may outlast it (partner down), the stream stops at loadS.
      const remaining = t0 + loadS * 1000 + 4000 - Date.now();
      if (remaining > 0) await sleep(remaining);
      stream.stop();
      note(`load stopped; ${stream.accepted.size} accepted`);
      await Promise.all(clients);
      await faultDone;
    } finally {
      clearInterval(tick);
    }
    note("every request answered; waiting for deliveries to settle");

    // Settle: every delivery in the store delivered (or dead), bounded.
    const settleStart = Date.now();
    const store = await dep.openStore();
    let reconciliation: Reconciliation;
    try {
      const count = async (q: string) =>
        Number((await sql<{ n: number | string }>`${sql.raw(q)}`.execute(store.db)).rows[0]?.n ?? 0);
      const until = Date.now() + 240_000;
      for (;;) {
        const open = await count(
          "select count(*) as n from deliveries where state not in ('delivered', 'dead', 'cancelled')",
        );
        if (open === 0) break;
        if (Date.now() > until) {
          note(`${open} deliveries still open after 240 s`);
          break;
        }
        progress.update(`settling: ${open} deliveries open`);
        await sleep(1000);
      }
      const settleS = (Date.now() - settleStart) / 1000;
      // A process that exited by itself (not our kill -9, not our SIGTERM) crashed.
      const crashed = dep.exited.filter((e) => e.exit !== "SIGKILL");
      for (const c of crashed) note(`${c.role} (pid ${c.pid}) exited by itself: ${c.exit}`);
      // Stop the gateway cleanly before reading everything (its last checkpoint included).
      await Promise.all([...dep.processes].map((p) => p.stop()));

      const rows = (
        await sql<{
          // The store's CamelCasePlugin names the columns in camelCase.
          id: string;
          messageId: string;
          state: string;
        }>`select id, message_id, state from deliveries`.execute(store.db)
      ).rows;
      const byId = new Map(rows.map((r) => [r.id, r]));
      const committedMessages = new Set(rows.map((r) => r.messageId));
      const arrivals = readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { messageId: string; deliveryId: string });
      const idsByDelivery = new Map<string, Set<string>>();
      const seenMessages = new Set<string>();
      for (const a of arrivals) {
        seenMessages.add(a.messageId);
        idsByDelivery.set(a.deliveryId, (idsByDelivery.get(a.deliveryId) ?? new Set()).add(a.messageId));
      }
      const expected = [...stream.accepted.values()].flat();
      const expectedSet = new Set(expected);
      const lost = expected.filter((id) => {
        const r = byId.get(id);
        return !r || !seenMessages.has(r.messageId);
      });
      const twice = [...idsByDelivery.values()].filter((s) => s.size > 1);
      const unexpected = [...seenMessages].filter((m) => !committedMessages.has(m));
      const withoutAccept = rows.filter((r) => !expectedSet.has(r.id));
      const halfStored =
        (await count(
          "select count(*) as n from documents d where not exists (select 1 from submissions s where s.id = d.submission_id)",
        )) +
        (await count(
          "select count(*) as n from deliveries x where not exists (select 1 from documents d where d.id = x.document_id)",
        )) +
        (await count(
          "select count(*) as n from submissions s where not exists (select 1 from documents d where d.submission_id = s.id)",
        )) +
        (await count(
          "select count(*) as n from submissions s where not exists (select 1 from events e where e.chain = s.ucr and e.type = 'submission.accepted')",
        ));
      progress.update("verifying the audit chains");
      const verdict = await verifyAudit(store, dep.sealKeys());
      reconciliation = {
        run: run.name,
        mode: run.mode,
        description: run.description,
        submissions_sent: stream.sent,
        submissions_202: stream.accepted.size,
        client_retries: stream.retries,
        refused: stream.refused.length,
        unanswered: stream.gaveUp.length,
        deliveries_expected: expected.length,
        delivered_unique: expected.length - lost.length,
        lost: lost.length,
        duplicated_after_dedup: twice.length + unexpected.length,
        raw_duplicates: arrivals.length - seenMessages.size,
        unexpected_at_partner: unexpected.length,
        committed_without_202: withoutAccept.length,
        half_stored: halfStored,
        dead_letters: rows.filter((r) => r.state === "dead").length,
        crashed: crashed.length,
        audit_ok: verdict.ok,
        audit_chains: verdict.chainsChecked,
        audit_events: verdict.eventsChecked,
        ...(verdict.firstBreak ? { audit_first_break: verdict.firstBreak } : {}),
        settle_s: Math.round(settleS * 10) / 10,
        duration_s: Math.round((Date.now() - t0) / 100) / 10,
        notes,
        ...(lost.length +
          twice.length +
          unexpected.length +
          stream.refused.length +
          stream.gaveUp.length +
          crashed.length >
        0
          ? {
              samples: {
                lost: lost.slice(0, 5).map((id) => `${id} ${byId.get(id)?.state ?? "not committed"}`),
                refused: stream.refused.slice(0, 5),
                unanswered: stream.gaveUp.slice(0, 5),
                unexpected: unexpected.slice(0, 5),
                process_output: [
                  ...crashed.map((c) => `${c.role} exited ${c.exit}: ${c.output.slice(-1500)}`),
                  ...dep.processes.map((p) => p.output().slice(-1500)),
                ],
              },
            }
          : {}),
      };
    } finally {
      await store.close();
    }
    return reconciliation;
  } finally {
    await dep.destroy();
    if (!stubDown) await stub.stop();
  }
}

const selected = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--load-seconds");
const runs = selected.length > 0 ? RUNS.filter((r) => selected.some((s) => r.name.includes(s))) : RUNS;
if (!existsSync(join(ROOT, "dist/src/cli/swg.js"))) throw new Error("run `npm run build` first");
const progress = new Progress(runs.length);
const started = new Date();
process.stderr.write(`faults: ${runs.length} runs, load average ${loadAvg()}\n`);
const results: Record<string, Reconciliation> = {};
for (const run of runs) {
  progress.begin(`fault: ${run.name}`);
  try {
    results[run.name] = await runOne(run, progress);
  } catch (e) {
    progress.note(`${run.name} failed: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 1;
  }
  const r = results[run.name];
  if (r)
    progress.note(
      `${run.name}: ${r.skipped ? `SKIPPED (${r.skipped})` : `${r.submissions_202} accepted, ${r.lost} lost, ${r.duplicated_after_dedup} duplicated after dedup, audit ${r.audit_ok ? "ok" : "BROKEN"}`}`,
    );
}
progress.end();

const head = [
  "run",
  "202s",
  "retries",
  "deliveries",
  "delivered",
  "lost",
  "dup after dedup",
  "raw dup",
  "half-stored",
  "dead",
  "crashed",
  "audit",
  "settle s",
];
const rows = Object.values(results).map((r) =>
  r.skipped
    ? [r.run, "skipped", "", "", "", "", "", "", "", "", "", "", ""]
    : [
        r.run,
        String(r.submissions_202),
        String(r.client_retries),
        String(r.deliveries_expected),
        String(r.delivered_unique),
        String(r.lost),
        String(r.duplicated_after_dedup),
        String(r.raw_duplicates),
        String(r.half_stored),
        String(r.dead_letters),
        String(r.crashed),
        r.audit_ok
          ? `ok (${r.audit_chains} chains, ${r.audit_events} events)`
          : `BROKEN: ${r.audit_first_break ?? "?"}`,
        String(r.settle_s),
      ],
);
const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) =>
  r.map((c, i) => (i === 0 || i === 11 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ");
console.log(`\nFault runs (${started.toISOString()}; load average ${loadAvg()})`);
console.log([line(head), w.map((x) => "-".repeat(x)).join("  "), ...rows.map(line)].join("\n"));
for (const r of Object.values(results)) {
  console.log(`\n${r.run}: ${r.description}`);
  for (const n of r.notes) console.log(`  ${n}`);
  if (r.refused || r.unanswered) console.log(`  refused ${r.refused}, unanswered ${r.unanswered}`);
  if (r.committed_without_202)
    console.log(`  committed without a 202 seen by the client: ${r.committed_without_202}`);
  if (r.samples) console.log(`  samples: ${JSON.stringify(r.samples).slice(0, 3000)}`);
}

mkdirSync(RESULTS, { recursive: true });
writeFileSync(
  join(RESULTS, "faults.json"),
  JSON.stringify(
    {
      machine: {
        cpus: cpus().length,
        node: process.version,
        kernel: release(),
        started: started.toISOString(),
        finished: new Date().toISOString(),
      },
      runs: results,
    },
    null,
    2,
  ),
);
const bad = Object.values(results).filter(
  (r) =>
    !r.skipped &&
    (r.lost > 0 || r.duplicated_after_dedup > 0 || !r.audit_ok || r.half_stored > 0 || r.unanswered > 0),
);
const skipped = Object.values(results).filter((r) => r.skipped);
console.log(`\nwrote ${join(RESULTS, "faults.json")}`);
if (bad.length > 0 || Object.keys(results).length < runs.length) {
  console.error(`FAILED: ${bad.map((r) => r.run).join(", ") || "a run did not complete"}`);
  process.exitCode = 1;
} else if (skipped.length > 0) {
  console.error(`skipped: ${skipped.map((r) => r.run).join(", ")}`);
  process.exitCode = 2;
}
