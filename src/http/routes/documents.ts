import { partnerStatus } from "../../delivery/status.js";
import { ProblemError } from "../../errors/index.js";
import { auditRead, canReadDocument } from "../access.js";
import type { AppContext } from "../context.js";
import type { RouteDef } from "../types.js";
import { ERR, JSON_OBJECT } from "./schemas.js";

const PARTS = ["summary", "canonical", "original", "seal", "receipt"] as const;
type Part = (typeof PARTS)[number];

export function documentRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: "get",
      path: "/v1/documents/:id",
      operationId: "getDocument",
      summary: "A document: canonical form, original bytes, seal, receipt",
      description:
        "part=summary (default) gives the canonical document with its seal, mapping report, findings, deliveries and responses; " +
        "part=canonical the exact sealed RFC 8785 bytes; part=original the bytes as submitted; part=seal the JWS; part=receipt the submission receipt. " +
        "Reads by regulators and operators are recorded in the audit trail.",
      tags: ["documents"],
      roles: ["exporter", "regulator", "operator", "admin"],
      body: "none",
      query: [{ name: "part", description: PARTS.join(" | "), schema: { type: "string", enum: [...PARTS] } }],
      responses: {
        "200": {
          description: "The document or the requested part",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const part = (req.query["part"] ?? "summary") as Part;
        if (!PARTS.includes(part))
          throw new ProblemError("SWG_BAD_REQUEST", `part is one of ${PARTS.join(", ")}`);
        const doc = await ctx.store.read.documents.get(String(req.params["id"]));
        if (!doc || !who || !(await canReadDocument(ctx.store, who, doc)))
          throw new ProblemError("SWG_NOT_FOUND", "no such document visible to you");
        await auditRead(ctx.store, who, doc.ucr, doc.id, part, ctx.clock.now());
        switch (part) {
          case "original":
            res
              .type(doc.originalMediaType)
              .setHeader(
                "Digest",
                `sha-256=${Buffer.from(doc.originalDigest.slice(7), "hex").toString("base64")}`,
              );
            res.send(doc.originalBytes);
            return;
          case "canonical":
            res.type("application/json").send(doc.canonical);
            return;
          case "seal":
            res.type("application/jose").send(doc.seal);
            return;
          case "receipt": {
            const s = await ctx.store.read.submissions.get(doc.submissionId);
            res.json(s?.receipt ?? null);
            return;
          }
          case "summary": {
            const [deliveries, responses, events] = await Promise.all([
              ctx.store.read.deliveries.listByDocument(doc.id),
              ctx.store.read.responses.listByDocument(doc.id),
              ctx.store.read.audit.byDocument(doc.id),
            ]);
            const now = ctx.clock.now();
            res.json({
              id: doc.id,
              type: doc.type,
              number: doc.number,
              version: doc.version,
              functionCode: doc.functionCode,
              supersedes: doc.supersedes,
              status: doc.status,
              current: doc.isCurrent,
              ucr: doc.ucr,
              submissionId: doc.submissionId,
              canonical: JSON.parse(doc.canonical) as unknown,
              canonicalDigest: doc.canonicalDigest,
              seal: doc.seal,
              original: {
                format: doc.originalFormat,
                mediaType: doc.originalMediaType,
                digest: doc.originalDigest,
                size: doc.originalBytes.length,
                href: `/v1/documents/${doc.id}?part=original`,
              },
              mapping: doc.mapping,
              findings: doc.findings,
              partners: deliveries.map((d) => partnerStatus(d, responses, now)),
              events: events.map((e) => ({ seq: e.seq, type: e.type, at: e.at, hash: e.hash })),
            });
            return;
          }
        }
      },
    },
  ];
}
