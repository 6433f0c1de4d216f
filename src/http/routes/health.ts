import type { AppContext } from "../context.js";
import type { RouteDef } from "../types.js";

export function healthRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: "get",
      path: "/healthz",
      operationId: "health",
      summary: "Liveness: the process answers",
      tags: ["operations"],
      roles: "public",
      body: "none",
      responses: {
        "200": { description: "Alive", contentType: "application/json", schema: { type: "object" } },
      },
      handler: (_req, res) => {
        res.json({ status: "ok" });
        return Promise.resolve();
      },
    },
    {
      method: "get",
      path: "/readyz",
      operationId: "ready",
      summary: "Readiness: the store is reachable and every migration applied",
      tags: ["operations"],
      roles: "public",
      body: "none",
      responses: {
        "200": { description: "Ready", contentType: "application/json", schema: { type: "object" } },
        "503": { description: "Not ready", contentType: "application/json", schema: { type: "object" } },
      },
      handler: async (_req, res) => {
        try {
          await ctx.store.ping();
          const pending = await ctx.store.pendingMigrations();
          if (pending.length > 0) {
            res.status(503).json({ status: "migrations pending", pending });
            return;
          }
          res.json({
            status: "ready",
            store: ctx.store.dialect,
            mode: ctx.config.mode,
            role: ctx.config.role,
          });
        } catch (e) {
          res.status(503).json({ status: "store unreachable", error: (e as Error).message });
        }
      },
    },
  ];
}
