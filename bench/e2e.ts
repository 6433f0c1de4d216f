/**
 * End to end, embedded: canonical JSON declarations → 202 → delivered to a webhook partner.
 * The load comes from autocannon in this process; the gateway runs compiled in its own process.
 *   npm run build && npx tsx bench/e2e.ts [seconds=30] [connections=32]
 * Prints docs/s, 202 latency p50/p95/p99, submit→delivered p50/p95/p99 and the gateway's peak RSS,
 * beside a bare express handler answering 202 to the same body, measured in the same run.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import express from "express";
import { startEmbedded, ROOT } from "./lib/gateway.js";
import { BenchStub } from "./lib/partner-stub.js";
import { peakRssMb, summary } from "./lib/stats.js";

const SECONDS = Number(process.argv[2] ?? 30);
const CONNECTIONS = Number(process.argv[3] ?? 32);

const template = JSON.parse(
  readFileSync(join(ROOT, "docs/examples/export-declaration.json"), "utf8"),
) as Record<string, unknown>;
let seq = 0;
/** A unique declaration whose number carries its send time (the stub measures delivery latency from it). */
function body(): string {
  const n = `BENCH-${Date.now()}-${seq++}`;
  return JSON.stringify({ ...template, number: n, lrn: n, ucr: `UCR-${n}` });
}

/** Runs autocannon and keeps every response time (autocannon's own summary has no p95). */
async function load(url: string, headers: Record<string, string>, seconds: number) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url: `${url}/v1/submissions`,
        method: "POST",
        connections: CONNECTIONS,
        duration: seconds,
        headers: { "content-type": "application/json", ...headers },
        requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
      },
      (err: unknown, res) =>
        err ? reject(err instanceof Error ? err : new Error(JSON.stringify(err))) : resolve(res),
    );
    inst.on("response", (_client, status: number, _bytes, responseTime: number) => {
      if (status === 202) times.push(responseTime);
    });
  });
  return { result, latency: summary(times) };
}

async function bareExpress(seconds: number): Promise<number> {
  const app = express();
  app.post("/v1/submissions", express.raw({ type: () => true, limit: "10mb" }), (_req, res) => {
    res.status(202).json({ status: "accepted" });
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  const r = await load(`http://127.0.0.1:${port}`, {}, seconds);
  server.close();
  return r.result["2xx"] / seconds;
}

const stub = new BenchStub();
const stubUrl = await stub.start();
const gw = await startEmbedded(stubUrl, { SWG_RELAY_IDLE_MS: "5" });
process.stderr.write(`bench: embedded gateway ${gw.url}; ${SECONDS}s at ${CONNECTIONS} connections...\n`);
await load(gw.url, { authorization: `Bearer ${gw.exporterKey}` }, 3); // warm-up (JIT, SQLite cache)
const warm = stub.count;
const started = Date.now();
const { result: r, latency } = await load(gw.url, { authorization: `Bearer ${gw.exporterKey}` }, SECONDS);
const accepted = r["2xx"];
const until = Date.now() + 60_000;
while (stub.count - warm < accepted && Date.now() < until) await new Promise((x) => setTimeout(x, 100));
const elapsed = (Date.now() - started) / 1000;
const rss = await peakRssMb(gw.pid);
await gw.stop();
await stub.stop();
const express202 = await bareExpress(Math.min(10, SECONDS));

const delivered = summary(stub.delivered.slice(warm));
const result = {
  mode: "embedded",
  docs_per_s: accepted / SECONDS,
  p50_ms: latency.p50,
  p95_ms: latency.p95,
  p99_ms: latency.p99,
  delivered_p50_ms: delivered.p50,
  delivered_p95_ms: delivered.p95,
  delivered_p99_ms: delivered.p99,
  delivered: stub.count - warm,
  accepted,
  non2xx: r.non2xx,
  errors: r.errors,
  duplicates_at_partner: stub.duplicates,
  drain_s: elapsed - SECONDS,
  rss_mb: rss,
  baseline_express_202_per_s: express202,
  ratio_to_express: accepted / SECONDS / express202,
};
console.log(JSON.stringify(result, null, 2));
