import type { Authenticator } from "../auth.js";
import type { AppContext } from "../context.js";
import { buildOpenApi } from "../openapi.js";
import type { RouteDef } from "../types.js";
import { certificateRoutes } from "./certificates.js";
import { consoleRoutes } from "./console.js";
import { deliveryRoutes } from "./deliveries.js";
import { documentRoutes } from "./documents.js";
import { healthRoutes } from "./health.js";
import { inboxRoutes } from "./inbox.js";
import { notificationRoutes } from "./notifications.js";
import { metricsRoutes } from "../../metrics/route.js";
import { complaintRoutes } from "./complaints.js";
import { partyRoutes } from "./parties.js";
import { registerRoutes } from "./register.js";
import { riskRoutes } from "./risk.js";
import { statsRoutes } from "./stats.js";
import { responseRoutes } from "./responses.js";
import { submissionRoutes } from "./submissions.js";
import { traceRoutes } from "./trace.js";

/** Every route of the API. The router and /openapi.json are both built from this list. */
export function allRoutes(ctx: AppContext, auth: Authenticator, version: string): RouteDef[] {
  const routes: RouteDef[] = [
    ...healthRoutes(ctx),
    ...submissionRoutes(ctx),
    ...documentRoutes(ctx),
    ...inboxRoutes(ctx),
    ...responseRoutes(ctx),
    ...traceRoutes(ctx),
    ...consoleRoutes(ctx),
    ...partyRoutes(ctx, auth),
    ...notificationRoutes(ctx),
    ...registerRoutes(ctx, auth),
    ...riskRoutes(ctx),
    ...complaintRoutes(ctx),
    ...statsRoutes(ctx),
    ...metricsRoutes(ctx.pipeline.metrics),
    ...deliveryRoutes(ctx),
    ...certificateRoutes(ctx),
  ];
  let doc: Record<string, unknown> | undefined;
  routes.push({
    method: "get",
    path: "/openapi.json",
    operationId: "openapi",
    summary: "This API, as OpenAPI 3.1",
    tags: ["operations"],
    roles: "public",
    body: "none",
    responses: {
      "200": {
        description: "The OpenAPI document",
        contentType: "application/json",
        schema: { type: "object" },
      },
    },
    handler: (_req, res) => {
      doc ??= buildOpenApi(routes, version);
      res.json(doc);
      return Promise.resolve();
    },
  });
  return routes;
}
