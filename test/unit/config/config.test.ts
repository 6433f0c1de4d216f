import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config/load.js";
import { ENV_NAMES } from "../../../src/config/schema.js";
import { ROOT } from "../../helpers/corpora.js";

describe("config", () => {
  it("defaults to embedded mode on port 8080 with ./var, frozen", () => {
    const c = loadConfig({});
    expect(c.mode).toBe("embedded");
    expect(c.port).toBe(8080);
    expect(c.dataDir.endsWith("/var")).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("coerces types and lists", () => {
    const c = loadConfig({ SWG_PORT: "9000", SWG_RETRY_DELAYS_MS: "100, 200,300", SWG_DEMO: "true" });
    expect(c.port).toBe(9000);
    expect(c.retryDelaysMs).toEqual([100, 200, 300]);
    expect(c.demo).toBe(true);
  });

  it("names every wrong variable", () => {
    try {
      loadConfig({ SWG_PORT: "eighty", SWG_MODE: "cloud" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain("SWG_PORT");
      expect(msg).toContain("SWG_MODE");
      expect(msg).toContain("embedded, distributed");
    }
  });

  it("requires the database and broker in distributed mode", () => {
    expect(() => loadConfig({ SWG_MODE: "distributed" })).toThrow(/SWG_DATABASE_URL[\s\S]*SWG_AMQP_URL/);
  });

  it("docs/configuration.md lists exactly the variables", () => {
    const doc = readFileSync(join(ROOT, "docs", "configuration.md"), "utf8");
    const listed = new Set([...doc.matchAll(/^\|\s*`([A-Z_]+)`\s*\|/gm)].map((m) => m[1]));
    expect([...listed].sort()).toEqual(Object.values(ENV_NAMES).sort());
  });
});
