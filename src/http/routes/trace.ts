import { ProblemError } from "../../errors/index.js";
import { verifyAudit, verifyOneChain } from "../../trace/verify.js";
import { requireUcrAccess } from "../access.js";
import type { AppContext } from "../context.js";
import type { RouteDef } from "../types.js";
import { ERR, JSON_OBJECT } from "./schemas.js";

const ISO = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

export function traceRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: "get",
      path: "/v1/consignments/:ucr/trace",
      operationId: "traceConsignment",
      summary: "Every event of a consignment, in order, with its hash chain verified",
      tags: ["trace"],
      roles: ["exporter", "regulator", "operator", "admin"],
      body: "none",
      responses: {
        "200": { description: "The trace", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const ucr = String(req.params["ucr"]);
        await requireUcrAccess(ctx.store, who!, ucr);
        const [events, verdict, documents, deliveries, responses, leaf] = await Promise.all([
          ctx.store.read.audit.chain(ucr),
          verifyOneChain(ctx.store, ucr),
          ctx.store.read.documents.listByUcr(ucr),
          ctx.store.read.deliveries.listByUcr(ucr),
          ctx.store.read.responses.listByUcr(ucr),
          ctx.store.read.checkpoints.lastLeafFor(ucr),
        ]);
        if (events.length === 0)
          throw new ProblemError("SWG_NOT_FOUND", `no consignment ${ucr} visible to you`);
        res.json({
          ucr,
          chain: {
            ok: verdict.ok,
            events: verdict.events,
            head: { seq: verdict.headSeq, hash: verdict.headHash },
            firstBreak: verdict.firstBreak ?? null,
            checkpointedSeq: leaf?.seq ?? null,
            checkpointId: leaf?.checkpointId ?? null,
          },
          documents: documents.map((d) => ({
            id: d.id,
            type: d.type,
            number: d.number,
            version: d.version,
            status: d.status,
            current: d.isCurrent,
          })),
          deliveries: deliveries.map((d) => ({
            id: d.id,
            documentId: d.documentId,
            partnerId: d.partnerId,
            state: d.state,
            attempts: d.attempts,
            deliveredAt: d.deliveredAt,
          })),
          responses: responses.map((r) => ({
            id: r.id,
            partnerId: r.partnerId,
            status: r.status,
            documentId: r.documentId,
            receivedAt: r.receivedAt,
          })),
          events: events.map((e) => ({
            seq: e.seq,
            at: e.at,
            type: e.type,
            actor: e.actor,
            subject: e.subject,
            data: e.data,
            prevHash: e.prevHash,
            hash: e.hash,
          })),
        });
      },
    },
    {
      method: "get",
      path: "/v1/audit/verify",
      operationId: "verifyAudit",
      summary: "Recompute the audit chains and check the signed checkpoints",
      description:
        "Verifies every chain with an event in [from, to] from its first event, and every checkpoint in the range: signature, link to the previous checkpoint, Merkle root, and the events its leaves attest.",
      tags: ["trace"],
      roles: ["regulator", "operator", "admin"],
      body: "none",
      query: [
        { name: "from", description: "ISO 8601 date or UTC date-time", schema: { type: "string" } },
        { name: "to", description: "ISO 8601 date or UTC date-time", schema: { type: "string" } },
      ],
      responses: {
        "200": {
          description: "The verdict (ok true or false, first break named)",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
      },
      handler: async (req, res) => {
        const from = req.query["from"];
        const to = req.query["to"];
        for (const [k, v] of [
          ["from", from],
          ["to", to],
        ] as const) {
          if (v !== undefined && (typeof v !== "string" || !ISO.test(v))) {
            throw new ProblemError("SWG_BAD_REQUEST", `${k} must be an ISO 8601 date or UTC date-time`, [
              { message: "invalid", location: `query ${k}` },
            ]);
          }
        }
        res.json(
          await verifyAudit(ctx.store, ctx.keys, {
            ...(typeof from === "string" ? { from } : {}),
            ...(typeof to === "string" ? { to } : {}),
          }),
        );
      },
    },
  ];
}
