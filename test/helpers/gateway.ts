import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { loadConfig } from "../../src/config/load.js";
import type { Config } from "../../src/config/schema.js";
import { startGateway, type Gateway } from "../../src/main.js";
import { createLogger } from "../../src/util/log.js";

export interface TestGateway {
  readonly gw: Gateway;
  readonly dir: string;
  readonly keys: Record<string, string>;
  readonly http: ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * An embedded gateway in a temp data dir, with the demo cast and their keys, driven in-process
 * through supertest. For the real distributed path, see test/integration/distributed.
 */
export async function embeddedGateway(
  overrides: Partial<Config> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<TestGateway> {
  const dir = mkdtempSync(join(tmpdir(), "swg-gw-"));
  const config = loadConfig(env, {
    dataDir: dir,
    logLevel: "silent",
    checkpointIntervalMs: 3_600_000,
    relayIdleMs: 10,
    retryDelaysMs: [200, 400],
    ...overrides,
  });
  const gw = await startGateway(config, {
    demo: true,
    listen: false,
    log: createLogger(config.logLevel),
    env,
  });
  return {
    gw,
    dir,
    keys: gw.demoKeys ?? {},
    http: request(gw.app!),
    close: async () => {
      await gw.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const auth = (key: string | undefined): Record<string, string> => ({
  authorization: `Bearer ${key ?? "missing"}`,
});

/** Polls until `check` returns a value (not undefined), or fails after `ms`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  ms = 10_000,
  what = "condition",
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
