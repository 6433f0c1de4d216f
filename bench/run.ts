/**
 * `npm run bench`: stage benchmarks (bench/stages.ts) and end-to-end runs (bench/e2e.ts), each
 * beside a baseline measured in the same run; prints tables and writes bench/results/latest.json.
 * It asserts nothing about speed: figures are reported, targets are read against them.
 *
 *   npm run build && npm run bench                     full (about 10 minutes)
 *   npm run bench -- --quick                           CI check that the bench works (≤ 60 s)
 *   npm run bench -- --only stages|e2e                 one half
 *   npm run bench -- --scenario "embedded" --seconds 30 e2e scenarios whose name contains the text
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem, release } from "node:os";
import { join } from "node:path";
import { SCENARIOS, expressBaseline, runScenario, type E2EResult, type ScenarioSpec } from "./e2e.js";
import type { ScenarioDoc } from "./lib/documents.js";
import { loadAvg } from "./lib/cpu.js";
import { RESULTS, ROOT } from "./lib/paths.js";
import { Progress } from "./lib/progress.js";
import { STAGE_STEPS, benchStages, type StageResult } from "./stages.js";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag("--quick");
const only = value("--only");
const seconds = Number(value("--seconds") ?? (quick ? 5 : 30));
const scenarioFilter = args.filter((a, i) => args[i - 1] === "--scenario");
const specs: readonly ScenarioSpec[] =
  only === "stages"
    ? []
    : scenarioFilter.length > 0
      ? SCENARIOS.filter((s) => scenarioFilter.some((f) => s.key.includes(f)))
      : quick
        ? SCENARIOS.filter((s) => s.key === "embedded json-declaration")
        : SCENARIOS;

function cmd(file: string, a: string[]): string {
  try {
    return execFileSync(file, a, {
      encoding: "utf8",
      timeout: 20_000,
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "unavailable";
  }
}

const started = new Date();
const machine = {
  cpus: cpus().length,
  cpu_model: cpus()[0]?.model ?? "unknown",
  memory_gb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  kernel: release(),
  postgres: cmd("psql", ["-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-Atc", "show server_version"]),
  rabbitmq: cmd("rabbitmqctl", ["-q", "version"]),
  commit: cmd("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"]),
  dirty: cmd("git", ["-C", ROOT, "status", "--porcelain", "--", "src", "adapters"]) !== "",
  load_avg_start: loadAvg(),
  load_avg_end: Number.NaN,
  started: started.toISOString(),
  finished: "",
  quick,
};

const progress = new Progress((only === "e2e" ? 0 : STAGE_STEPS) + specs.length);
process.stderr.write(
  `bench${quick ? " --quick" : ""}: ${machine.cpus} CPUs, load average ${machine.load_avg_start}, node ${machine.node}\n`,
);
let stages: Record<string, StageResult> = {};
if (only !== "e2e") stages = await benchStages({ quick, progress });

const e2e: Record<string, E2EResult> = {};
const express = new Map<ScenarioDoc, number>();
for (const s of specs) {
  progress.begin(`e2e: ${s.key}`);
  if (!express.has(s.doc)) {
    progress.update("bare express baseline");
    express.set(s.doc, await expressBaseline(s.doc, quick ? 2 : 10, 32));
  }
  try {
    e2e[s.key] = await runScenario(
      s,
      {
        seconds,
        warmupSeconds: quick ? 1 : 3,
        connections: 32,
        at70: !quick,
        progress,
        drainTimeoutS: quick ? 20 : 120,
      },
      express.get(s.doc)!,
    );
  } catch (e) {
    progress.note(`e2e ${s.key} failed: ${(e as Error).message.slice(0, 2000)}`);
    process.exitCode = 1;
  }
}
progress.end();
machine.load_avg_end = loadAvg();
machine.finished = new Date().toISOString();

// ---- tables ------------------------------------------------------------------------------------
const n0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "—");
const n1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "—");
const ratio = (x: number) => (Number.isFinite(x) ? `×${x.toFixed(2)}` : "—");
function table(head: string[], rows: string[][], align: ("l" | "r")[]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (align[i] === "r" ? c.padStart(w[i]!) : c.padEnd(w[i]!)))
      .join("  ")
      .trimEnd();
  return [line(head), w.map((x) => "-".repeat(x)).join("  "), ...rows.map(line)].join("\n");
}

const out: string[] = [];
out.push(
  `\nMachine: ${machine.cpus} × ${machine.cpu_model}, ${machine.memory_gb} GB, node ${machine.node}, ` +
    `PostgreSQL ${machine.postgres}, RabbitMQ ${machine.rabbitmq}; commit ${machine.commit}${machine.dirty ? " (+ uncommitted changes)" : ""}; ` +
    `load average ${machine.load_avg_start} → ${machine.load_avg_end}${quick ? "; QUICK run: short rounds, figures are rough" : ""}`,
);
if (Object.keys(stages).length > 0) {
  out.push("\nStages (same input, same run; the ratio is stage / baseline, median of alternating rounds)");
  out.push(
    table(
      ["stage", "docs/s", "µs/doc", "baseline/s", "ratio", "baseline"],
      Object.entries(stages).map(([k, s]) => [
        k,
        n0(s.docs_per_s),
        n1(s.us_per_doc),
        n0(s.baseline_per_s),
        ratio(s.ratio),
        s.baseline +
          (s.extra?.["raw_1_per_txn_per_s"] !== undefined
            ? `; raw 1/txn ${n0(Number(s.extra["raw_1_per_txn_per_s"]))}/s (stage ${ratio(Number(s.extra["ratio_to_raw_1_per_txn"]))})`
            : "") +
          (s.extra?.["raw_each_confirm_awaited_per_s"] !== undefined
            ? `; each confirm awaited ${n0(Number(s.extra["raw_each_confirm_awaited_per_s"]))}/s (stage ${ratio(Number(s.extra["ratio_to_awaited"]))})`
            : ""),
      ]),
      ["l", "r", "r", "r", "r", "l"],
    ),
  );
}
if (Object.keys(e2e).length > 0) {
  out.push(
    `\nEnd to end (${seconds} s at 32 connections; docs/s = accepted submissions per second; express = bare express 202 to the same bodies, same run)`,
  );
  const rows: string[][] = [];
  for (const [k, r] of Object.entries(e2e)) {
    const cpu = (c: Record<string, number>) =>
      ["gateway", "postgres", "rabbitmq", "load generator"]
        .filter((g) => (c[g] ?? 0) > 0.005)
        .map((g) => `${g.split(" ")[0]} ${((c[g] ?? 0) * 100).toFixed(0)}%`)
        .join(" ");
    rows.push([
      k,
      n0(r.docs_per_s),
      `${n0(r.baseline_express_202_per_s)} ${ratio(r.ratio_to_express)}`,
      `${n1(r.p50_ms)}/${n1(r.p95_ms)}/${n1(r.p99_ms)}`,
      `${n0(r.delivered_p50_ms)}/${n0(r.delivered_p95_ms)}/${n0(r.delivered_p99_ms)}`,
      `${r.delivered}/${r.deliveries_expected}${r.raw_duplicates ? ` (+${r.raw_duplicates} dup)` : ""}`,
      n1(r.drain_s),
      n0(r.rss_mb),
      cpu(r.cpu_share),
    ]);
    const a = r.at_70_percent;
    if (a)
      rows.push([
        `  at 70% (${n0(a.rate_limit ?? 0)}/s)`,
        n0(a.docs_per_s),
        "",
        `${n1(a.p50_ms)}/${n1(a.p95_ms)}/${n1(a.p99_ms)}`,
        `${n0(a.delivered_p50_ms)}/${n0(a.delivered_p95_ms)}/${n0(a.delivered_p99_ms)}`,
        `${a.delivered}/${a.deliveries_expected}${a.raw_duplicates ? ` (+${a.raw_duplicates} dup)` : ""}`,
        n1(a.drain_s),
        "",
        cpu(a.cpu_share),
      ]);
  }
  out.push(
    table(
      [
        "scenario",
        "docs/s",
        "express/s ratio",
        "202 p50/p95/p99 ms",
        "delivered p50/p95/p99 ms",
        "delivered",
        "drain s",
        "RSS MB",
        "CPU share of 2 cores",
      ],
      rows,
      ["l", "r", "r", "r", "r", "r", "r", "r", "l"],
    ),
  );
}

// ---- targets (issue 4): read, never asserted ----------------------------------------------------
const targets: { target: string; figure: string; reached: boolean | null }[] = [];
const ej = e2e["embedded json-declaration"];
if (ej) {
  targets.push({
    target: "embedded: ≥ 1,500 canonical JSON docs/s",
    figure: `${n0(ej.docs_per_s)}/s`,
    reached: ej.docs_per_s >= 1500,
  });
  targets.push({
    target: "embedded: ≥ 45% of bare express 202 rate",
    figure: `${(ej.ratio_to_express * 100).toFixed(1)}%`,
    reached: ej.ratio_to_express >= 0.45,
  });
  if (ej.at_70_percent) {
    targets.push({
      target: "at 70% of max: 202 p99 ≤ 50 ms",
      figure: `${n1(ej.at_70_percent.p99_ms)} ms at ${n0(ej.at_70_percent.docs_per_s)}/s`,
      reached: ej.at_70_percent.p99_ms <= 50,
    });
    targets.push({
      target: "at 70% of max: submit → delivered p99 ≤ 250 ms",
      figure: `${n0(ej.at_70_percent.delivered_p99_ms)} ms`,
      reached: ej.at_70_percent.delivered_p99_ms <= 250,
    });
  }
}
const eu = e2e["embedded ubl-invoice"];
if (eu)
  targets.push({
    target: "embedded: ≥ 1,000 UBL invoices/s",
    figure: `${n0(eu.docs_per_s)}/s`,
    reached: eu.docs_per_s >= 1000,
  });
const dist = Object.entries(e2e).filter(
  ([, r]) => r.mode === "distributed" && r.document === "json-declaration",
);
if (dist.length > 0) {
  const best = dist.reduce((a, b) => (b[1].docs_per_s > a[1].docs_per_s ? b : a));
  targets.push({
    target: "distributed: ≥ 900 docs/s",
    figure: `${n0(best[1].docs_per_s)}/s (${best[0]})`,
    reached: best[1].docs_per_s >= 900,
  });
}
if (stages["seal"])
  targets.push({
    target: "seal ≥ 80% of raw canonicalize + sign",
    figure: `${(stages["seal"].ratio * 100).toFixed(0)}%`,
    reached: stages["seal"].ratio >= 0.8,
  });
if (targets.length > 0) {
  out.push("\nTargets (issue 4; read, not asserted; fault runs: npm run faults)");
  out.push(
    table(
      ["target", "measured", "reached"],
      targets.map((t) => [t.target, t.figure, t.reached === null ? "—" : t.reached ? "yes" : "NO"]),
      ["l", "r", "l"],
    ),
  );
}
console.log(out.join("\n"));

mkdirSync(RESULTS, { recursive: true });
const file = join(RESULTS, "latest.json");
writeFileSync(
  file,
  JSON.stringify(
    {
      machine,
      stages: Object.fromEntries(
        Object.entries(stages).map(([k, s]) => [
          k,
          {
            docs_per_s: s.docs_per_s,
            baseline_per_s: s.baseline_per_s,
            ratio: s.ratio,
            us_per_doc: s.us_per_doc,
            subject: s.subject,
            baseline: s.baseline,
            ...(s.extra ? { extra: s.extra } : {}),
          },
        ]),
      ),
      e2e,
      targets,
    },
    null,
    2,
  ),
);
console.log(`\nwrote ${file}`);
