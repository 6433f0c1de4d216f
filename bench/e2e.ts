/**
 * End to end: HTTP submissions (autocannon in this process) → 202 → delivered at a webhook partner
 * (bench/lib/partner.ts, its own process), against the compiled gateway in child processes:
 * embedded (one process, SQLite), or distributed (PostgreSQL + RabbitMQ, `--role api` and 1 or 2
 * `--role worker` processes). Beside each run: a bare express process answering 202 to the same
 * bodies, measured in the same run; then the same deployment at 70% of the rate it reached.
 *   npm run build && npx tsx bench/e2e.ts [scenario ...] [--seconds N] [--quick]
 */
import { pathToFileURL } from "node:url";
import { CpuMeter, loadAvg, peakRssMb, pidsOf } from "./lib/cpu.js";
import { factory, type ScenarioDoc } from "./lib/documents.js";
import { Deployment, type Mode } from "./lib/gateway.js";
import { load, startBareExpress, type LoadResult } from "./lib/load.js";
import { Progress } from "./lib/progress.js";
import { summary, type Summary } from "./lib/stats.js";
import { startStub, type Stub } from "./lib/stub.js";

export interface ScenarioSpec {
  readonly key: string;
  readonly doc: ScenarioDoc;
  readonly mode: Mode;
  /** Worker processes beside the api process(es) (distributed). */
  readonly workers?: number;
  /** api processes (distributed; default 1): the load is split evenly among them. */
  readonly apis?: number;
}

export const SCENARIOS: readonly ScenarioSpec[] = [
  { key: "embedded json-declaration", doc: "json-declaration", mode: "embedded" },
  { key: "embedded ubl-invoice", doc: "ubl-invoice", mode: "embedded" },
  { key: "embedded dossier-4", doc: "dossier-4", mode: "embedded" },
  { key: "distributed json-declaration, 1 worker", doc: "json-declaration", mode: "distributed", workers: 1 },
  {
    key: "distributed json-declaration, 2 workers",
    doc: "json-declaration",
    mode: "distributed",
    workers: 2,
  },
  {
    key: "distributed json-declaration, 2 api + 2 workers",
    doc: "json-declaration",
    mode: "distributed",
    workers: 2,
    apis: 2,
  },
  { key: "distributed ubl-invoice, 2 workers", doc: "ubl-invoice", mode: "distributed", workers: 2 },
];

/** Deliveries one submission makes with the demo routing (checked against the 202s' answers in probes). */
const DELIVERIES: Record<ScenarioDoc, number> = { "json-declaration": 1, "ubl-invoice": 1, "dossier-4": 3 };
/** Documents sealed and stored per submission: the UBL invoice derives its export declaration. */
const STORED: Record<ScenarioDoc, number> = { "json-declaration": 1, "ubl-invoice": 2, "dossier-4": 4 };

export interface Phase {
  readonly rate_limit: number | null;
  readonly seconds: number;
  readonly docs_per_s: number;
  readonly p50_ms: number;
  readonly p95_ms: number;
  readonly p99_ms: number;
  readonly autocannon_p99_ms: number;
  readonly delivered_p50_ms: number;
  readonly delivered_p95_ms: number;
  readonly delivered_p99_ms: number;
  readonly delivered_per_s_during_load: number;
  readonly accepted: number;
  readonly refused: number;
  readonly errors: number;
  readonly deliveries_expected: number;
  readonly delivered: number;
  readonly raw_duplicates: number;
  /** Seconds after the load until the last expected delivery arrived. */
  readonly drain_s: number;
  /** CPU ms per submission, by process group. */
  readonly cpu_ms_per_doc: Record<string, number>;
  /** Share of the machine's 2 cores used by each group during the phase. */
  readonly cpu_share: Record<string, number>;
  readonly load_avg_before: number;
  /** Epoch ms: the load's start and the last delivery (for reading a profile of this phase). */
  readonly window: [number, number];
  readonly refusals?: string[];
}

export interface E2EResult extends Phase {
  readonly mode: Mode;
  readonly document: ScenarioDoc;
  readonly body_bytes: number;
  readonly workers: number | null;
  readonly apis: number | null;
  readonly connections: number;
  readonly documents_stored_per_s: number;
  readonly rss_mb: number;
  readonly rss_mb_by_process: Record<string, number>;
  readonly baseline_express_202_per_s: number;
  readonly ratio_to_express: number;
  readonly at_70_percent?: Phase;
  /** The gateway processes: role, pid and spawn time (to find and cut their profiles). */
  readonly processes: { role: string; pid: number; spawnedAt: number }[];
}

export interface E2EOptions {
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly at70: boolean;
  readonly progress?: Progress;
  /** Run the gateway process(es) under `node --cpu-prof`, profiles written here. */
  readonly cpuProfDir?: string;
  readonly drainTimeoutS: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Bare express answering 202 to the same bodies, same connections, its own process. */
export async function expressBaseline(
  doc: ScenarioDoc,
  seconds: number,
  connections: number,
): Promise<number> {
  const ex = await startBareExpress();
  try {
    const f = factory(doc);
    await load({ url: ex.url, factory: f, seconds: 1, connections });
    const r = await load({ url: ex.url, factory: f, seconds, connections });
    return r.accepted / seconds;
  } finally {
    await ex.stop();
  }
}

async function phase(
  dep: Deployment,
  stub: Stub,
  spec: ScenarioSpec,
  o: E2EOptions,
  rate: number | undefined,
  label: string,
): Promise<Phase> {
  const f = factory(spec.doc);
  const mark = await stub.stats();
  const groups = {
    gateway: () => dep.processes.map((p) => p.pid),
    postgres: () => (spec.mode === "distributed" ? pidsOf("postgres") : []),
    rabbitmq: () => (spec.mode === "distributed" ? pidsOf("beam.smp") : []),
    "load generator": () => [process.pid],
    "partner stub": () => [stub.pid],
  };
  const load0 = loadAvg();
  const meter = new CpuMeter(groups);
  const startLoad = Date.now();
  const r: LoadResult = await load({
    url: dep.urls,
    key: dep.exporterKey,
    factory: f,
    seconds: o.seconds,
    connections: o.connections,
    ...(rate ? { rate } : {}),
    onTick: (n, s) =>
      o.progress?.update(
        `${label} ${s.toFixed(0)}/${o.seconds} s, ${(n / Math.max(s, 0.001)).toFixed(0)} docs/s`,
      ),
  });
  const endLoad = Date.now();
  const atEnd = await stub.stats(mark.raw);
  const expected = r.accepted * DELIVERIES[spec.doc];
  const until = Date.now() + o.drainTimeoutS * 1000;
  let s = atEnd;
  while (s.unique - mark.unique < expected && Date.now() < until) {
    o.progress?.update(`${label} draining: ${s.unique - mark.unique}/${expected} delivered`);
    await new Promise((x) => setTimeout(x, 200));
    s = await stub.stats(mark.raw);
  }
  const cpu = meter.since();
  const delivered: Summary = summary(s.latencies);
  const lat = r.latency;
  const perDoc: Record<string, number> = {};
  const share: Record<string, number> = {};
  for (const [k, v] of Object.entries(cpu.cpuMs)) {
    perDoc[k] = r.accepted > 0 ? Math.round((v / r.accepted) * 1000) / 1000 : Number.NaN;
    share[k] = Math.round((v / cpu.wallMs / 2) * 1000) / 1000;
  }
  return {
    rate_limit: rate ?? null,
    seconds: o.seconds,
    docs_per_s: round1(r.accepted / o.seconds),
    p50_ms: lat.p50,
    p95_ms: lat.p95,
    p99_ms: lat.p99,
    autocannon_p99_ms: r.autocannonP99,
    delivered_p50_ms: delivered.p50,
    delivered_p95_ms: delivered.p95,
    delivered_p99_ms: delivered.p99,
    delivered_per_s_during_load: round1((atEnd.unique - mark.unique) / o.seconds),
    accepted: r.accepted,
    refused: r.non2xx,
    errors: r.errors,
    deliveries_expected: expected,
    delivered: s.unique - mark.unique,
    raw_duplicates: s.rawSince - (s.unique - mark.unique),
    drain_s: round1(Math.max(0, (s.lastAt - endLoad) / 1000)),
    cpu_ms_per_doc: perDoc,
    cpu_share: share,
    load_avg_before: load0,
    window: [startLoad, Math.max(endLoad, s.lastAt)],
    ...(r.refusals.length > 0 ? { refusals: r.refusals } : {}),
  };
}

export async function runScenario(spec: ScenarioSpec, o: E2EOptions, express202: number): Promise<E2EResult> {
  const stub = await startStub();
  const dep = Deployment.create({ mode: spec.mode, stubUrl: stub.url, tag: spec.doc });
  try {
    o.progress?.update(`starting ${spec.mode} gateway`);
    if (spec.mode === "embedded") {
      await dep.start("all", { demo: true, ...(o.cpuProfDir ? { cpuProfDir: o.cpuProfDir } : {}) });
    } else {
      await dep.start("api", { demo: true, ...(o.cpuProfDir ? { cpuProfDir: o.cpuProfDir } : {}) });
      for (let i = 1; i < (spec.apis ?? 1); i++)
        await dep.start("api", o.cpuProfDir ? { cpuProfDir: o.cpuProfDir } : {});
      for (let i = 0; i < (spec.workers ?? 1); i++)
        await dep.start("worker", o.cpuProfDir ? { cpuProfDir: o.cpuProfDir } : {});
    }
    const f = factory(spec.doc);
    // Warm-up: JIT, caches, connections; its deliveries drain before the measure starts.
    await load({
      url: dep.urls,
      key: dep.exporterKey,
      factory: f,
      seconds: o.warmupSeconds,
      connections: o.connections,
      onTick: (_n, s) => o.progress?.update(`warm-up ${s.toFixed(0)}/${o.warmupSeconds} s`),
    });
    await new Promise((x) => setTimeout(x, 1000));
    const max = await phase(dep, stub, spec, o, undefined, "max rate");
    let at70: Phase | undefined;
    if (o.at70 && max.docs_per_s > 0) {
      at70 = await phase(dep, stub, spec, o, Math.max(1, Math.round(max.docs_per_s * 0.7)), "at 70%");
    }
    const rss: Record<string, number> = {};
    for (const [i, p] of dep.processes.entries())
      rss[`${p.role}${dep.processes.length > 1 ? `#${i}` : ""}`] = peakRssMb(p.pid);
    return {
      mode: spec.mode,
      document: spec.doc,
      body_bytes: f.bytes,
      workers: spec.mode === "distributed" ? (spec.workers ?? 1) : null,
      apis: spec.mode === "distributed" ? (spec.apis ?? 1) : null,
      connections: o.connections,
      ...max,
      documents_stored_per_s: round1(max.docs_per_s * STORED[spec.doc]),
      rss_mb: round1(Object.values(rss).reduce((a, b) => a + b, 0)),
      rss_mb_by_process: rss,
      baseline_express_202_per_s: round1(express202),
      ratio_to_express: Math.round((max.docs_per_s / express202) * 1000) / 1000,
      ...(at70 ? { at_70_percent: at70 } : {}),
      processes: dep.processes.map((p) => ({ role: p.role, pid: p.pid, spawnedAt: p.spawnedAt })),
    };
  } finally {
    await dep.destroy();
    await stub.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const si = args.indexOf("--seconds");
  const seconds = si >= 0 ? Number(args[si + 1]) : quick ? 5 : 30;
  const keys = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--seconds");
  const specs = keys.length > 0 ? SCENARIOS.filter((s) => keys.some((k) => s.key.includes(k))) : SCENARIOS;
  const progress = new Progress(specs.length);
  const out: Record<string, E2EResult> = {};
  const express = new Map<ScenarioDoc, number>();
  for (const s of specs) {
    progress.begin(s.key);
    if (!express.has(s.doc)) express.set(s.doc, await expressBaseline(s.doc, Math.min(10, seconds), 32));
    out[s.key] = await runScenario(
      s,
      { seconds, warmupSeconds: quick ? 1 : 3, connections: 32, at70: !quick, progress, drainTimeoutS: 120 },
      express.get(s.doc)!,
    );
  }
  progress.end();
  console.log(JSON.stringify(out, null, 2));
}
