import type { Request } from "express";
import { ProblemError } from "../../errors/index.js";
import type { Actor } from "../../ports/records.js";
import { buildEvidence } from "../../trace/evidence/build.js";
import { toJsonBundle, toZip } from "../../trace/evidence/container.js";
import { flowGraph } from "../../trace/graph.js";
import { purgeBodies } from "../../trace/retention.js";
import { decodeCursor, DEFAULT_PAGE, MAX_PAGE, searchTrace } from "../../trace/search.js";
import { verifyAudit, verifyOneChain } from "../../trace/verify.js";
import { verifyJws } from "../../pki/jws.js";
import { digestOf } from "../../util/digest.js";
import { jcs } from "../../util/jcs.js";
import { auditRead, canReadDocument, requireUcrAccess, searchPartners } from "../access.js";
import type { AppContext } from "../context.js";
import type { Principal, RouteDef } from "../types.js";
import { ERR, JSON_OBJECT } from "./schemas.js";

const ISO = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

const SEARCH_FILTERS = [
  ["ucr", "Unique Consignment Reference"],
  ["documentId", "Document id"],
  ["number", "Document number (any issuer)"],
  ["party", "Issuing party id (exporters always see only their own)"],
  ["type", "Document type, e.g. export-declaration"],
  ["partner", "Partner the document was delivered to"],
  [
    "status",
    "Document status, delivery state (dead, retrying…) or partner response status (customs.released…)",
  ],
] as const;

function badQuery(name: string, message: string): ProblemError {
  return new ProblemError("SWG_BAD_REQUEST", message, [{ message, location: `query ${name}` }]);
}

function queryString(req: Request, name: string, pattern?: RegExp): string | undefined {
  const v = req.query[name];
  if (v === undefined || v === "") return undefined;
  if (typeof v !== "string" || v.length > 200)
    throw badQuery(name, `${name} is one string of up to 200 characters`);
  if (pattern && !pattern.test(v)) throw badQuery(name, `${name} is not in the expected form`);
  return v;
}

function actorOf(who: Principal): Actor {
  return { partyId: who.partyId, role: who.role, credentialId: who.credentialId };
}

export function traceRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: "get",
      path: "/v1/trace/search",
      operationId: "searchTrace",
      summary: "Search documents by consignment, document, party, type, partner, status, time and risk flag",
      description:
        "Every filter is optional and they combine. Newest first; `next` is the cursor of the following page (keyset pagination, so deep pages cost the same as the first).",
      tags: ["trace"],
      roles: ["exporter", "regulator", "operator", "admin"],
      body: "none",
      query: [
        ...SEARCH_FILTERS.map(([name, description]) => ({ name, description })),
        { name: "from", description: "Created at or after (ISO 8601)", schema: { type: "string" } },
        { name: "to", description: "Created at or before (ISO 8601)", schema: { type: "string" } },
        {
          name: "risk",
          description: "true: only documents with a risk warning; false: only those without",
          schema: { type: "string", enum: ["true", "false"] },
        },
        {
          name: "limit",
          description: `1 to ${MAX_PAGE} (default ${DEFAULT_PAGE})`,
          schema: { type: "integer", minimum: 1, maximum: MAX_PAGE },
        },
        { name: "cursor", description: "The `next` of the previous page", schema: { type: "string" } },
      ],
      responses: {
        "200": { description: "A page of hits", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const q: Record<string, string> = {};
        for (const [name] of SEARCH_FILTERS) {
          const v = queryString(req, name);
          if (v !== undefined) q[name] = v;
        }
        for (const name of ["from", "to"] as const) {
          const v = queryString(req, name, ISO);
          if (v !== undefined) q[name] = v;
        }
        const risk = queryString(req, "risk", /^(true|false)$/);
        const limit = queryString(req, "limit", /^\d{1,4}$/);
        const cursor = queryString(req, "cursor");
        // Exporters search their own documents only, whatever party they name.
        if (who!.role === "exporter") q["party"] = who!.partyId;
        // A regulator with a jurisdiction finds only the traffic addressed to its partners.
        // It is a filter of the query, not of the page, so that pages stay full and the cursor exact.
        const partners = searchPartners(who!);
        if (
          partners &&
          (partners.length === 0 || (q["partner"] !== undefined && !partners.includes(q["partner"])))
        ) {
          res.json({ hits: [] });
          return;
        }
        res.json(
          await searchTrace(ctx.store, {
            ...q,
            ...(partners ? { partnerIn: partners } : {}),
            ...(risk !== undefined ? { risk: risk === "true" } : {}),
            ...(limit !== undefined ? { limit: Number(limit) } : {}),
            ...(cursor !== undefined ? { cursor: decodeCursor(cursor) } : {}),
          }),
        );
      },
    },
    {
      method: "get",
      path: "/v1/consignments/:ucr/graph",
      operationId: "consignmentGraph",
      summary: "The flow graph of a consignment: documents, derived documents, deliveries, partner responses",
      tags: ["trace"],
      roles: ["exporter", "regulator", "operator", "admin"],
      body: "none",
      responses: {
        "200": { description: "Nodes and edges", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const ucr = String(req.params["ucr"]);
        await requireUcrAccess(ctx.store, who!, ucr);
        const g = await flowGraph(ctx.store, ucr, (id) => ctx.partners.get(id)?.name);
        if (!g) throw new ProblemError("SWG_NOT_FOUND", `no consignment ${ucr} visible to you`);
        res.json(g);
      },
    },
    {
      method: "get",
      path: "/v1/consignments/:ucr/evidence",
      operationId: "consignmentEvidence",
      summary: "The evidence bundle of a consignment, verifiable offline (swg verify-evidence)",
      description:
        "Originals, canonical documents, seals, receipts, partner responses, the consignment's events with the Merkle path from its head to a signed checkpoint, and the certificates, listed in a signed manifest. format=zip (default) or json. The export is itself an audit event.",
      tags: ["trace"],
      roles: ["exporter", "regulator", "operator", "admin"],
      body: "none",
      query: [
        { name: "format", description: "zip | json", schema: { type: "string", enum: ["zip", "json"] } },
      ],
      responses: {
        "200": { description: "The bundle", contentType: "application/zip" },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const ucr = String(req.params["ucr"]);
        const format = queryString(req, "format", /^(zip|json)$/) ?? "zip";
        await requireUcrAccess(ctx.store, who!, ucr);
        const files = await buildEvidence(
          { store: ctx.store, keys: ctx.keys, clock: ctx.clock, certsDir: ctx.config.certsDir },
          ucr,
          actorOf(who!),
        );
        if (!files) throw new ProblemError("SWG_NOT_FOUND", `no consignment ${ucr} visible to you`);
        const name = `evidence-${ucr.replace(/[^\w.-]+/g, "_")}.${format}`;
        res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
        if (format === "json") res.type("application/json").send(toJsonBundle(files));
        else res.type("application/zip").send(toZip(files));
      },
    },
    {
      method: "get",
      path: "/v1/documents/:id/verification",
      operationId: "verifyDocument",
      summary: "Check a document's seal over its canonical bytes, its digests, and its submission receipt",
      description: "The console's seal and receipt status. Reads by regulators and operators are audited.",
      tags: ["trace"],
      roles: ["exporter", "regulator", "operator", "admin"],
      body: "none",
      responses: {
        "200": {
          description: "Each check with its outcome",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const doc = await ctx.store.read.documents.get(String(req.params["id"]));
        if (!doc || !(await canReadDocument(ctx.store, who!, doc)))
          throw new ProblemError("SWG_NOT_FOUND", "no such document visible to you");
        await auditRead(ctx.store, who!, doc.ucr, doc.id, "verification", ctx.clock.now());
        const key = (kid: string) => ctx.keys.byKid(kid);
        const tombstone = await ctx.store.read.trace.tombstone(doc.id);
        const seal = tombstone
          ? { ok: null, reason: `the bodies were purged on ${tombstone.purgedAt}; the digests remain` }
          : (() => {
              const v = verifyJws(doc.seal, key, Buffer.from(doc.canonical));
              return v.ok ? { ok: true, kid: v.kid ?? null } : { ok: false, reason: v.reason };
            })();
        const submission = await ctx.store.read.submissions.get(doc.submissionId);
        const signed = submission?.receipt as { receipt?: unknown; signature?: unknown } | undefined;
        const listed = (
          (
            signed?.receipt as {
              documents?: { id?: string; canonicalDigest?: string; originalDigest?: string }[];
            }
          )?.documents ?? []
        ).find((d) => d.id === doc.id);
        const receiptSig =
          signed && typeof signed.signature === "string"
            ? verifyJws(signed.signature, key, Buffer.from(jcs(signed.receipt)))
            : { ok: false as const, reason: "no receipt" };
        res.json({
          documentId: doc.id,
          purged: tombstone !== undefined,
          seal,
          canonicalDigest: {
            recorded: doc.canonicalDigest,
            ok: tombstone ? null : digestOf(Buffer.from(doc.canonical)) === doc.canonicalDigest,
          },
          originalDigest: {
            recorded: doc.originalDigest,
            ok: tombstone ? null : digestOf(doc.originalBytes) === doc.originalDigest,
          },
          receipt: {
            submissionId: doc.submissionId,
            signature: receiptSig.ok ? { ok: true } : { ok: false, reason: receiptSig.reason },
            namesThisDocument: listed !== undefined,
            digestsMatch:
              listed?.canonicalDigest === doc.canonicalDigest &&
              listed?.originalDigest === doc.originalDigest,
          },
        });
      },
    },
    {
      method: "post",
      path: "/v1/retention/purge",
      operationId: "purgeDocumentBodies",
      summary: "Purge the bodies of documents past retention, leaving signed tombstones",
      description:
        "Never inside the duplicate-detection window (SWG_IDEMPOTENCY_WINDOW_HOURS), never a document with a delivery under way, never an audit event. Each purge appends document.purged to the chain.",
      tags: ["operations"],
      roles: ["admin"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        additionalProperties: false,
        required: ["olderThanDays"],
        properties: {
          olderThanDays: { type: "integer", minimum: 1 },
          limit: { type: "integer", minimum: 1, maximum: 10000 },
          dryRun: { type: "boolean" },
        },
      },
      responses: {
        "200": {
          description: "What was (or would be) purged",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        const days = b["olderThanDays"];
        const limit = b["limit"] ?? 1000;
        const dryRun = b["dryRun"] ?? false;
        if (typeof days !== "number" || !Number.isInteger(days) || days < 1)
          throw new ProblemError("SWG_BAD_REQUEST", "olderThanDays is a whole number of days, at least 1", [
            { message: "invalid", pointer: "/olderThanDays" },
          ]);
        if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 10_000)
          throw new ProblemError("SWG_BAD_REQUEST", "limit is from 1 to 10000", [
            { message: "invalid", pointer: "/limit" },
          ]);
        if (typeof dryRun !== "boolean")
          throw new ProblemError("SWG_BAD_REQUEST", "dryRun is true or false", [
            { message: "invalid", pointer: "/dryRun" },
          ]);
        res.json(
          await purgeBodies(
            ctx,
            {
              olderThanDays: days,
              idempotencyWindowHours: ctx.config.idempotencyWindowHours,
              limit,
              dryRun,
            },
            actorOf(who!),
          ),
        );
      },
    },
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
