/**
 * The CPU profile of an end-to-end run: the gateway process(es) under `node --cpu-prof` during one
 * e2e scenario at its maximum rate, read back as time per pipeline stage and top frames by self
 * time, in µs per submission (only the samples of the measured load and its drain count).
 *   npm run build && npx tsx bench/profile.ts ["embedded json-declaration"] [--seconds N]
 * Writes bench/results/profile-<scenario>.json and keeps the .cpuprofile files in
 * bench/results/cpuprofiles/ (open them in Chrome DevTools or speedscope).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SCENARIOS, expressBaseline, runScenario } from "./e2e.js";
import { analyseProfile, type ProfileReport } from "./lib/cpuprofile.js";
import { RESULTS, ROOT } from "./lib/paths.js";
import { Progress } from "./lib/progress.js";

const args = process.argv.slice(2);
const si = args.indexOf("--seconds");
const seconds = si >= 0 ? Number(args[si + 1]) : 30;
const key =
  args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--seconds") ?? "embedded json-declaration";
const spec = SCENARIOS.find((s) => s.key.includes(key));
if (!spec) throw new Error(`no scenario matches ${key}: ${SCENARIOS.map((s) => s.key).join(", ")}`);

const slug = spec.key.replace(/[^a-z0-9]+/gi, "-");
const dir = join(RESULTS, "cpuprofiles", slug);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const progress = new Progress(1);
progress.begin(`profile: ${spec.key}`);
const express = await expressBaseline(spec.doc, 5, 32);
const r = await runScenario(
  spec,
  { seconds, warmupSeconds: 3, connections: 32, at70: false, progress, cpuProfDir: dir, drainTimeoutS: 120 },
  express,
);
progress.end();

const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
const out: Record<string, ProfileReport & { role: string; us_per_doc_busy: number }> = {};
for (const p of r.processes) {
  const f = files.find((x) => x.includes(`.${p.pid}.`));
  if (!f) continue;
  const report = analyseProfile(join(dir, f), ROOT, r.window[0] - p.spawnedAt, r.window[1] - p.spawnedAt);
  const busy = report.stages.filter((s) => s.stage !== "idle").reduce((a, s) => a + s.ms, 0);
  out[`${p.role} (pid ${p.pid})`] = {
    role: p.role,
    us_per_doc_busy: Math.round((busy * 1000) / r.accepted),
    ...report,
  };
}

const perDoc = (ms: number) => ((ms * 1000) / r.accepted).toFixed(0).padStart(6);
console.log(
  `\n${spec.key}: ${r.docs_per_s} docs/s for ${seconds} s (${r.accepted} accepted), 202 p99 ${r.p99_ms} ms, ` +
    `delivered p99 ${r.delivered_p99_ms} ms; load average before ${r.load_avg_before}`,
);
for (const [name, rep] of Object.entries(out)) {
  console.log(
    `\n${name}: ${rep.sampledMs} ms sampled in a ${rep.windowMs} ms window; ${rep.us_per_doc_busy} µs CPU per submission`,
  );
  console.log("  stage                                      µs/doc   share");
  for (const s of rep.stages)
    console.log(
      `  ${s.stage.padEnd(40)} ${perDoc(s.ms)}   ${Number.isNaN(s.share) ? "" : `${(s.share * 100).toFixed(1)}%`}`,
    );
  console.log(
    "  top frames by self time                                                  µs/doc   share  stage",
  );
  for (const t of rep.top.slice(0, 25))
    console.log(
      `  ${t.frame.slice(0, 72).padEnd(72)} ${perDoc(t.ms)}  ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.stage}`,
    );
}
mkdirSync(RESULTS, { recursive: true });
writeFileSync(
  join(RESULTS, `profile-${slug}.json`),
  JSON.stringify(
    { scenario: spec.key, measuredAt: new Date().toISOString(), e2e: r, profiles: out },
    null,
    2,
  ),
);
