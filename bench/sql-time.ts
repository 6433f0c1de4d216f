/**
 * Time per SQL statement on the embedded path: the gateway runs in this process (SQLite, HTTP on
 * loopback), better-sqlite3's Statement methods are wrapped to time every execution by SQL text,
 * and an e2e load (bench/lib/load.ts) runs against it. Prints the statements by total time, with
 * calls and µs per submission. The CPU profile cannot say this: a query's caller is lost across the
 * await that precedes it.
 *   npx tsx bench/sql-time.ts [json-declaration|ubl-invoice|dossier-4] [--seconds N] [--full-sql]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { pino } from "pino";
import { loadConfig } from "../src/config/load.js";
import { startGateway } from "../src/main.js";
import { factory, type ScenarioDoc } from "./lib/documents.js";
import { load } from "./lib/load.js";
import { ROOT } from "./lib/paths.js";
import { startStub } from "./lib/stub.js";

const args = process.argv.slice(2);
const si = args.indexOf("--seconds");
const seconds = si >= 0 ? Number(args[si + 1]) : 20;
const long = args.includes("--full-sql");
const doc = (args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--seconds") ??
  "json-declaration") as ScenarioDoc;

interface Timing {
  calls: number;
  ns: bigint;
}
const timings = new Map<string, Timing>();
let recording = false;
type Method = (this: { source: string }, ...a: unknown[]) => unknown;
{
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("select 1")) as Record<string, Method>;
  for (const m of ["run", "get", "all", "iterate"]) {
    const orig = proto[m]!;
    proto[m] = function (this: { source: string }, ...a: unknown[]) {
      if (!recording) return orig.apply(this, a);
      const t = process.hrtime.bigint();
      try {
        return orig.apply(this, a);
      } finally {
        const e = timings.get(this.source) ?? { calls: 0, ns: 0n };
        e.calls++;
        e.ns += process.hrtime.bigint() - t;
        timings.set(this.source, e);
      }
    };
  }
  probe.close();
}

const stub = await startStub();
const dir = mkdtempSync(join(tmpdir(), "swg-sqltime-"));
const partners = JSON.parse(readFileSync(join(ROOT, "config/partners.json"), "utf8")) as {
  partners: { transport: unknown }[];
};
for (const p of partners.partners)
  p.transport = { type: "webhook", url: stub.url, secretEnv: "SWG_BENCH_SECRET" };
writeFileSync(join(dir, "partners.json"), JSON.stringify(partners));
const env = {
  SWG_MODE: "embedded",
  SWG_DATA_DIR: dir,
  SWG_PORT: "0",
  SWG_PARTNERS_FILE: join(dir, "partners.json"),
  SWG_ROUTING_FILE: join(ROOT, "config/routing.json"),
  SWG_LOG_LEVEL: "silent",
  SWG_BENCH_SECRET: "bench-webhook-secret",
};
const gw = await startGateway(loadConfig(env), {
  demo: true,
  log: pino({ level: "silent" }),
  env: { ...process.env, ...env },
});
try {
  const f = factory(doc);
  const key = gw.demoKeys?.["SWG_DEMO_EXPORTER_KEY"];
  if (!gw.url || !key) throw new Error("gateway not listening or no demo key");
  await load({ url: gw.url, key, factory: f, seconds: 2, connections: 32 });
  recording = true;
  const r = await load({ url: gw.url, key, factory: f, seconds, connections: 32 });
  recording = false;
  const total = [...timings.values()].reduce((a, t) => a + t.ns, 0n);
  console.log(
    `${doc}: ${r.accepted} accepted in ${seconds} s (${(r.accepted / seconds).toFixed(0)}/s, in-process); ` +
      `SQL time ${(Number(total) / 1e6).toFixed(0)} ms = ${(Number(total) / 1e3 / r.accepted).toFixed(0)} µs per submission`,
  );
  console.log("  µs/sub   calls/sub   µs/call  statement");
  for (const [sql, t] of [...timings].sort((a, b) => Number(b[1].ns - a[1].ns)).slice(0, 25))
    console.log(
      `  ${(Number(t.ns) / 1e3 / r.accepted).toFixed(0).padStart(6)}  ${(t.calls / r.accepted).toFixed(2).padStart(10)}  ${(Number(t.ns) / 1e3 / t.calls).toFixed(1).padStart(8)}  ${sql.replace(/\s+/g, " ").slice(0, long ? 2000 : 160)}`,
    );
} finally {
  await gw.close();
  await stub.stop();
  rmSync(dir, { recursive: true, force: true });
}
