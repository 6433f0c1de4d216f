/**
 * Reads a V8 .cpuprofile (node --cpu-prof): self time per frame, and time per pipeline stage, each
 * sample given to the innermost frame of the stack that belongs to a known stage (so JSON.stringify
 * called by the seal counts as seal, and by the audit append as store).
 */
import { readFileSync } from "node:fs";

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** [stage, test on the frame's url or function name]; the first match of the innermost frame wins. */
const STAGES: readonly [string, (f: CallFrame) => boolean][] = [
  ["GC", (f) => f.functionName === "(garbage collector)"],
  ["idle", (f) => f.functionName === "(idle)"],
  ["XML parse (scan)", (f) => /\/src\/formats\/xml\//.test(f.url)],
  [
    "render (adapters, writers)",
    (f) => /\/adapters\/|\/src\/formats\/[^/]+\/write|\/src\/formats\/\w+\/writer/.test(f.url),
  ],
  ["normalize (readers)", (f) => /\/src\/formats\/|\/src\/pipeline\/ingest\//.test(f.url)],
  ["rules", (f) => /\/src\/pipeline\/validate\/rules\/|\/src\/codelists\//.test(f.url)],
  ["validate (ajv)", (f) => /\/src\/pipeline\/validate\/|\/node_modules\/ajv/.test(f.url)],
  ["derive", (f) => /\/src\/pipeline\/derive\//.test(f.url)],
  ["seal + receipt (JAdES)", (f) => /\/src\/pipeline\/seal\/|\/src\/pki\//.test(f.url)],
  ["audit chain (hashing)", (f) => /\/src\/trace\//.test(f.url)],
  ["register + risk", (f) => /\/src\/parties\/|\/src\/risk\//.test(f.url)],
  ["route", (f) => /\/src\/pipeline\/route\//.test(f.url)],
  ["store: kysely", (f) => /\/node_modules\/kysely\//.test(f.url)],
  ["store: better-sqlite3", (f) => /\/node_modules\/better-sqlite3\//.test(f.url)],
  ["store: pg driver", (f) => /\/node_modules\/(pg|pg-protocol|pg-pool|pg-types)\//.test(f.url)],
  ["store: gateway repos + group commit", (f) => /\/src\/infra\/db\/|\/src\/pipeline\/persist/.test(f.url)],
  ["bus: amqplib", (f) => /\/node_modules\/amqplib\//.test(f.url)],
  ["bus: gateway (amqp, embedded)", (f) => /\/src\/infra\/(amqp|embedded-bus)\//.test(f.url)],
  [
    "deliver: webhook transport",
    (f) => /\/src\/delivery\/transports\/|node:internal\/deps\/undici/.test(f.url),
  ],
  ["relay + adapter host", (f) => /\/src\/delivery\//.test(f.url)],
  ["pipeline (other)", (f) => /\/src\/pipeline\//.test(f.url)],
  ["metrics (prom-client)", (f) => /\/node_modules\/prom-client\/|\/src\/metrics\//.test(f.url)],
  ["logging (pino)", (f) => /\/node_modules\/(pino|pino-http|sonic-boom)\//.test(f.url)],
  ["HTTP: gateway routes + auth", (f) => /\/src\/http\//.test(f.url)],
  [
    "HTTP: express + middleware",
    (f) =>
      /\/node_modules\/(express|router|body-parser|raw-body|helmet|express-rate-limit|send|finalhandler|on-finished|qs|type-is|content-type|iconv-lite)\//.test(
        f.url,
      ),
  ],
  [
    "HTTP: node core (http, net)",
    (f) => /^node:(_http|net|internal\/http|internal\/stream|stream|internal\/streams)/.test(f.url),
  ],
  ["util (ids, jcs, digest)", (f) => /\/src\/util\//.test(f.url)],
];

export interface ProfileReport {
  readonly windowMs: number;
  readonly sampledMs: number;
  /** ms per stage within the window, busiest first. */
  readonly stages: { readonly stage: string; readonly ms: number; readonly share: number }[];
  /** Frames by self time. */
  readonly top: {
    readonly frame: string;
    readonly ms: number;
    readonly share: number;
    readonly stage: string;
  }[];
}

function label(f: CallFrame, root: string): string {
  const url = f.url.replace(/^file:\/\//, "").replace(root, "");
  return `${f.functionName || "(anonymous)"} ${url ? `${url}:${f.lineNumber + 1}` : "(native)"}`;
}

/**
 * Analyses samples between fromMs and toMs after the profile's start (the whole profile when
 * absent); `root` is cut from file paths.
 */
export function analyseProfile(
  file: string,
  root: string,
  fromMs = 0,
  toMs = Infinity,
  topN = 30,
): ProfileReport {
  const p = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const stageOf = new Map<number, string>();
  const classify = (id: number): string => {
    const cached = stageOf.get(id);
    if (cached) return cached;
    let s: string | undefined;
    let underAdapter = false;
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (s === undefined) s = STAGES.find(([, test]) => test(f))?.[0];
      if (/\/adapters\//.test(f.url)) underAdapter = true;
    }
    // Writers live beside the readers in src/formats: what an adapter calls is rendering.
    if (
      underAdapter &&
      (s === "normalize (readers)" || s === "XML parse (scan)" || s === "util (ids, jcs, digest)")
    )
      s = "render (adapters, writers)";
    s ??= "other (node internals, native)";
    stageOf.set(id, s);
    return s;
  };
  const self = new Map<number, number>();
  const stages = new Map<string, number>();
  let t = 0;
  let sampled = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    const ms = t / 1000;
    if (ms < fromMs || ms > toMs) continue;
    // The time until the next sample belongs to this one.
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const id = p.samples[i]!;
    sampled += dt;
    self.set(id, (self.get(id) ?? 0) + dt);
    const s = classify(id);
    stages.set(s, (stages.get(s) ?? 0) + dt);
  }
  const busy = sampled - (stages.get("idle") ?? 0);
  const frames = new Map<string, { ms: number; stage: string }>();
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    const k = label(n.callFrame, root);
    const e = frames.get(k) ?? { ms: 0, stage: classify(id) };
    e.ms += ms;
    frames.set(k, e);
  }
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    windowMs: r(Math.min(toMs, (p.endTime - p.startTime) / 1000) - fromMs),
    sampledMs: r(sampled),
    stages: [...stages]
      .sort((a, b) => b[1] - a[1])
      .map(([stage, ms]) => ({
        stage,
        ms: r(ms),
        share: stage === "idle" ? Number.NaN : r((ms / busy) * 100) / 100,
      })),
    top: [...frames]
      .filter(([k]) => !k.startsWith("(idle)"))
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, topN)
      .map(([frame, e]) => ({ frame, ms: r(e.ms), share: r((e.ms / busy) * 100) / 100, stage: e.stage })),
  };
}
