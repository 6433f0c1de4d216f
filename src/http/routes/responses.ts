import { receiveResponse } from "../../delivery/responses.js";
import { ProblemError } from "../../errors/index.js";
import type { AppContext } from "../context.js";
import type { RouteDef } from "../types.js";
import { ERR, JSON_OBJECT, PROBLEM } from "./schemas.js";

export function responseRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: "post",
      path: "/v1/partners/:id/responses",
      operationId: "postResponse",
      summary: "A partner answers a delivery",
      description:
        "The body is the partner's native answer (e.g. a WCO RES notification) or the gateway's JSON response form. " +
        "It is parsed by the partner's adapter, correlated with the document version it answers, stored and traced. " +
        "Repeating a response (same partner response id) returns the first result with 200.",
      tags: ["partners"],
      roles: ["partner"],
      body: "raw",
      bodyLimit: 5 * 1024 * 1024,
      requestContentTypes: ["application/json", "application/xml", "application/edifact", "text/plain"],
      responses: {
        "201": { description: "Recorded", contentType: "application/json", schema: JSON_OBJECT },
        "200": {
          description: "Already recorded (a repeat)",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
        "422": {
          description: "Unreadable or uncorrelated response",
          contentType: "application/problem+json",
          schema: PROBLEM,
        },
      },
      handler: async (req, res, who) => {
        const partnerId = String(req.params["id"]);
        if (!ctx.partners.has(partnerId))
          throw new ProblemError("SWG_UNKNOWN_PARTNER", `no partner ${partnerId}`);
        if (who!.partyId !== partnerId)
          throw new ProblemError(
            "SWG_FORBIDDEN",
            `your key belongs to ${who!.partyId}, not to partner ${partnerId}`,
          );
        const out = await receiveResponse(ctx, {
          partnerId,
          body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          mediaType: req.get("content-type") ?? "application/octet-stream",
          actor: { partyId: who!.partyId, role: who!.role, credentialId: who!.credentialId },
        });
        const r = out.response;
        res.status(out.status).json({
          id: r.id,
          duplicate: out.duplicate,
          status: r.status,
          deliveryId: r.deliveryId,
          documentId: r.documentId,
          ucr: r.ucr,
          receivedAt: r.receivedAt,
          event: r.event,
        });
      },
    },
  ];
}
