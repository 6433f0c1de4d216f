import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Authenticator } from "../../src/http/auth.js";
import { allRoutes } from "../../src/http/routes/index.js";
import type { RouteDef } from "../../src/http/types.js";
import { VERSION } from "../../src/main.js";
import { ROLES, type Role } from "../../src/ports/records.js";
import { embeddedGateway, type TestGateway } from "../helpers/gateway.js";

const KEY_OF: Record<Role, string> = {
  exporter: "SWG_DEMO_EXPORTER_KEY",
  partner: "SWG_DEMO_CUSTOMS_KEY",
  regulator: "SWG_DEMO_REGULATOR_KEY",
  operator: "SWG_DEMO_OPERATOR_KEY",
  admin: "SWG_DEMO_ADMIN_KEY",
};

/** Every route, every role: the declared roles pass the guard, the others get 403, nobody gets in without a key. */
describe("role matrix", () => {
  let t: TestGateway;
  let routes: RouteDef[];
  beforeAll(async () => {
    t = await embeddedGateway();
    routes = allRoutes(t.gw.ctx, new Authenticator(t.gw.store, t.gw.ctx.clock), VERSION);
  });
  afterAll(async () => {
    await t.close();
  });

  const call = (r: RouteDef, key?: string) => {
    const path = r.path.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
      name === "id" && r.path.startsWith("/v1/partners") ? "customs-demo" : `no-such-${name}`,
    );
    let req = t.http[r.method](path);
    if (key) req = req.set("authorization", `Bearer ${key}`);
    return r.body === "none" ? req : req.set("content-type", "application/json").send("{}");
  };

  it("covers every route", () => {
    expect(routes.length).toBeGreaterThan(10);
  });

  it("refuses every non-public route without a key (401 problem+json)", async () => {
    for (const r of routes.filter((x) => x.roles !== "public")) {
      const res = await call(r);
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
  });

  it("lets exactly the declared roles past the guard", async () => {
    for (const r of routes) {
      for (const role of ROLES) {
        const res = await call(r, t.keys[KEY_OF[role]]);
        const allowed = r.roles === "public" || r.roles.includes(role);
        if (allowed) {
          expect(
            [401, 403].includes(res.status) && res.body.code !== "SWG_NOT_FOUND",
            `${role} ${r.method} ${r.path} → ${res.status} ${JSON.stringify(res.body)}`,
          ).toBe(false);
        } else {
          expect(res.status, `${role} ${r.method} ${r.path}`).toBe(403);
          expect(res.body.code).toBe("SWG_FORBIDDEN");
        }
      }
    }
  });
});
