/**
 * HTTP load with autocannon, in this process: POST /v1/submissions with a fresh body per request
 * (documents.ts), every 202's response time kept (autocannon's own summary has no p95).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import autocannon from "autocannon";
import { ucrFor, type DocumentFactory } from "./documents.js";
import { ROOT } from "./paths.js";
import { summary, type Summary } from "./stats.js";

export interface LoadOptions {
  /** One base URL, or several (api processes): connections and rate are split evenly among them. */
  readonly url: string | readonly string[];
  readonly key?: string;
  readonly factory: DocumentFactory;
  readonly seconds: number;
  readonly connections: number;
  /** Requests per second over all connections; none: as fast as answers come. */
  readonly rate?: number;
  /** Called about once a second with the 202s so far. */
  readonly onTick?: (accepted: number, elapsedS: number) => void;
}

export interface LoadResult {
  readonly seconds: number;
  readonly requests: number;
  readonly accepted: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** 202 response times, ms. */
  readonly latency: Summary;
  /** autocannon's p99 (corrected for coordinated omission when a rate is set). */
  readonly autocannonP99: number;
  /** First refusals (status and body), to say why when something is not 202. */
  readonly refusals: string[];
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  const refusals: string[] = [];
  let accepted = 0;
  const started = Date.now();
  const tick = setInterval(() => o.onTick?.(accepted, (Date.now() - started) / 1000), 1000);
  try {
    const urls = typeof o.url === "string" ? [o.url] : o.url;
    const one = (url: string) =>
      new Promise<autocannon.Result>((resolve, reject) => {
        const inst = autocannon(
          {
            url: `${url}/v1/submissions`,
            method: "POST",
            connections: Math.max(1, Math.round(o.connections / urls.length)),
            duration: o.seconds,
            timeout: 30,
            ...(o.rate ? { overallRate: Math.max(1, Math.round(o.rate / urls.length)) } : {}),
            headers: o.key ? { authorization: `Bearer ${o.key}` } : {},
            requests: [
              {
                setupRequest: (req) => {
                  const { ucr, seq } = ucrFor();
                  const b = o.factory.make(ucr, seq);
                  return { ...req, body: b.body, headers: { ...req.headers, ...b.headers } };
                },
                onResponse: (status, body) => {
                  if (status !== 202 && refusals.length < 5) refusals.push(`${status} ${body.slice(0, 500)}`);
                },
              },
            ],
          },
          (err: unknown, res) =>
            err ? reject(err instanceof Error ? err : new Error(JSON.stringify(err))) : resolve(res),
        );
        inst.on("response", (_client, status: number, _bytes, responseTime: number) => {
          if (status === 202) {
            accepted++;
            times.push(responseTime);
          }
        });
      });
    const results = await Promise.all(urls.map(one));
    const sum = (f: (r: autocannon.Result) => number) => results.reduce((a, r) => a + f(r), 0);
    return {
      seconds: o.seconds,
      requests: sum((r) => r.requests.total),
      accepted,
      non2xx: sum((r) => r.non2xx),
      errors: sum((r) => r.errors),
      timeouts: sum((r) => r.timeouts),
      latency: summary(times),
      autocannonP99: Math.max(...results.map((r) => r.latency.p99)),
      refusals,
    };
  } finally {
    clearInterval(tick);
  }
}

/** The bare express process (bare-express.ts); resolves with its URL and a stop function. */
export async function startBareExpress(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "bench/lib/bare-express.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (c) => reject(new Error(`bare express exited ${c}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r();
        child.once("exit", () => r());
        child.kill("SIGTERM");
      }),
  };
}
