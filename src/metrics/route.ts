import type { RouteDef } from "../http/types.js";
import type { Metrics } from "./metrics.js";

/** GET /metrics for Prometheus (scrape with an operator key as the bearer token). */
export function metricsRoutes(metrics: Metrics): RouteDef[] {
  return [
    {
      method: "get",
      path: "/metrics",
      operationId: "metrics",
      summary: "Prometheus metrics: HTTP requests, pipeline stages, submissions, deliveries, risk, measures",
      tags: ["operations"],
      roles: ["operator", "admin"],
      body: "none",
      responses: {
        "200": {
          description: "Prometheus text exposition format",
          contentType: "text/plain",
          schema: { type: "string" },
        },
      },
      handler: async (_req, res) => {
        res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
      },
    },
  ];
}
