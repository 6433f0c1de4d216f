import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const BIN = join(ROOT, "dist", "src", "cli", "swg.js");

export interface BenchGateway {
  readonly url: string;
  readonly pid: number;
  readonly exporterKey: string;
  readonly dir: string;
  stop(): Promise<void>;
}

/** The compiled gateway, embedded, with one webhook partner (the bench stub) receiving declarations. */
export async function startEmbedded(
  stubUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<BenchGateway> {
  if (!existsSync(BIN)) throw new Error("run `npm run build` first");
  const dir = mkdtempSync(join(tmpdir(), "swg-bench-"));
  writeFileSync(
    join(dir, "partners.json"),
    JSON.stringify({
      partners: [
        {
          id: "customs-demo",
          name: "Bench customs",
          kind: "customs",
          adapter: "customs-wco",
          transport: { type: "webhook", url: stubUrl, secretEnv: "SWG_BENCH_SECRET" },
        },
      ],
    }),
  );
  // Routing to match: the demo routing names partners the bench does not configure.
  writeFileSync(
    join(dir, "routing.json"),
    JSON.stringify({ rules: [{ id: "declarations", types: ["export-declaration"], to: ["customs-demo"] }] }),
  );
  const child: ChildProcess = spawn(process.execPath, [BIN, "serve", "--demo"], {
    cwd: ROOT,
    env: {
      PATH: process.env["PATH"],
      SWG_DATA_DIR: dir,
      SWG_PORT: "0",
      SWG_LOG_LEVEL: "warn",
      SWG_PARTNERS_FILE: join(dir, "partners.json"),
      SWG_ROUTING_FILE: join(dir, "routing.json"),
      SWG_BENCH_SECRET: "bench",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const url = await new Promise<string>((ok, fail) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) ok(m[1]!.replace(/,$/, ""));
    });
    child.once("exit", (c) => fail(new Error(`gateway exited ${c}: ${out}`)));
  });
  const exporterKey = /SWG_DEMO_EXPORTER_KEY=(\S+)/.exec(readFileSync(join(dir, "demo.env"), "utf8"))![1]!;
  return {
    url,
    pid: child.pid!,
    exporterKey,
    dir,
    stop: async () => {
      await new Promise<void>((r) => {
        child.once("exit", () => r());
        child.kill("SIGTERM");
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
