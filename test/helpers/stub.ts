import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./corpora.js";

export interface StubRecord {
  readonly at: number;
  readonly messageId: string;
  readonly deliveryId: string;
  readonly attempt: string;
  readonly signature: string;
}

export interface PartnerStub {
  readonly url: string;
  readonly child: ChildProcess;
  records(): StubRecord[];
  stop(): Promise<void>;
}

/** A webhook partner in its own process (test/helpers/bin/partner-stub.mjs). */
export async function startPartnerStub(logFile: string, downFlag?: string): Promise<PartnerStub> {
  const child = spawn(
    process.execPath,
    [join(ROOT, "test/helpers/bin/partner-stub.mjs"), logFile, ...(downFlag ? [downFlag] : [])],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (c) => reject(new Error(`stub exited ${c}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/deliveries`,
    child,
    records: () =>
      existsSync(logFile)
        ? readFileSync(logFile, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l) as StubRecord)
        : [],
    stop: () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r();
        child.once("exit", () => r());
        child.kill("SIGTERM");
      }),
  };
}
