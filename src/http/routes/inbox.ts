import { ProblemError } from "../../errors/index.js";
import type { AppContext } from "../context.js";
import type { RouteDef } from "../types.js";
import { ERR, JSON_OBJECT } from "./schemas.js";

const TEXTUAL = /^(text\/|application\/([a-z0-9.+-]+\+)?(xml|json)|application\/edifact)/;

export function inboxRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: "get",
      path: "/v1/inbox",
      operationId: "pullInbox",
      summary: "Messages waiting for the calling partner (pull delivery)",
      description:
        "Unacknowledged messages, oldest first. Each has a stable messageId: deduplicate on it. Acknowledge with POST /v1/inbox/ack.",
      tags: ["partners"],
      roles: ["partner"],
      body: "none",
      query: [
        {
          name: "limit",
          description: "1 to 500 (default 100)",
          schema: { type: "integer", minimum: 1, maximum: 500 },
        },
        {
          name: "wait",
          description: "Long poll: seconds (0 to 30) to wait for a message when none is waiting",
          schema: { type: "integer", minimum: 0, maximum: 30 },
        },
      ],
      responses: {
        "200": { description: "Pending messages", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const limit = Math.min(500, Math.max(1, Number(req.query["limit"] ?? 100) || 100));
        const waitMs = Math.min(30, Math.max(0, Number(req.query["wait"] ?? 0) || 0)) * 1000;
        const until = Date.now() + waitMs;
        let msgs = await ctx.store.read.inbox.pending(who!.partyId, limit);
        while (msgs.length === 0 && Date.now() < until && !req.socket.destroyed) {
          await new Promise((r) => setTimeout(r, 100));
          msgs = await ctx.store.read.inbox.pending(who!.partyId, limit);
        }
        res.json({
          messages: msgs.map((m) => ({
            messageId: m.messageId,
            deliveryId: m.deliveryId,
            mediaType: m.mediaType,
            createdAt: m.createdAt,
            headers: m.headers,
            ...(TEXTUAL.test(m.mediaType)
              ? { body: m.body.toString("utf8") }
              : { bodyBase64: m.body.toString("base64") }),
            href: `/v1/inbox/${m.messageId}`,
          })),
        });
      },
    },
    {
      method: "get",
      path: "/v1/inbox/:messageId",
      operationId: "getInboxMessage",
      summary: "One waiting message, as raw bytes with its media type",
      tags: ["partners"],
      roles: ["partner"],
      body: "none",
      responses: { "200": { description: "The message body" }, ...ERR },
      handler: async (req, res, who) => {
        const m = await ctx.store.read.inbox.get(who!.partyId, String(req.params["messageId"]));
        if (!m) throw new ProblemError("SWG_NOT_FOUND", "no such message in your inbox");
        for (const [k, v] of Object.entries(m.headers)) res.setHeader(k, v);
        res.type(m.mediaType).send(m.body);
      },
    },
    {
      method: "post",
      path: "/v1/inbox/ack",
      operationId: "ackInbox",
      summary: "Acknowledge pulled messages",
      tags: ["partners"],
      roles: ["partner"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        required: ["messageIds"],
        properties: { messageIds: { type: "array", items: { type: "string" } } },
      },
      responses: {
        "200": {
          description: "How many were acknowledged",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const ids = (req.body as { messageIds?: unknown } | undefined)?.messageIds;
        if (!Array.isArray(ids) || ids.length > 1000 || !ids.every((x) => typeof x === "string")) {
          throw new ProblemError("SWG_BAD_REQUEST", "messageIds is an array of up to 1000 strings", [
            { message: "invalid", pointer: "/messageIds" },
          ]);
        }
        const acked = await ctx.store.transaction((tx) =>
          tx.inbox.ack(who!.partyId, ids, ctx.clock.now().toISOString()),
        );
        res.json({ acknowledged: acked });
      },
    },
  ];
}
