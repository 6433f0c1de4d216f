import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./paths.js";

export interface StubStats {
  readonly raw: number;
  readonly unique: number;
  readonly rawSince: number;
  readonly latencies: number[];
  readonly lastAt: number;
}

/** [messageId, deliveryId, arrival ms] */
export type StubRecord = [string, string, number];

export interface Stub {
  /** The webhook URL partners are configured with. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  stats(from?: number): Promise<StubStats>;
  records(): Promise<StubRecord[]>;
  /** Stops the process (SIGTERM: it closes its connections and exits). */
  stop(): Promise<void>;
}

/** Starts bench/lib/partner.ts in its own process; `port` 0 picks a free one. */
export async function startStub(opts: { port?: number; log?: string } = {}): Promise<Stub> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(ROOT, "bench/lib/partner.ts"),
      "--port",
      String(opts.port ?? 0),
      ...(opts.log ? ["--log", opts.log] : []),
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (c) => reject(new Error(`partner stub exited ${c}: ${out}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/deliveries`,
    port,
    pid: child.pid!,
    stats: async (from = 0) => (await (await fetch(`${base}/stats?from=${from}`)).json()) as StubStats,
    records: async () => (await (await fetch(`${base}/records`)).json()) as StubRecord[],
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null || child.signalCode !== null) return r();
        child.once("exit", () => r());
        child.kill("SIGTERM");
      }),
  };
}
