import { ProblemError } from "../../errors/index.js";
import { submissionStatus } from "../../delivery/status.js";
import { submit } from "../../pipeline/pipeline.js";
import { uuidv7 } from "../../util/ids.js";
import { canReadDocument, ownsSubmission, seesAll } from "../access.js";
import type { AppContext } from "../context.js";
import type { RouteDef } from "../types.js";
import { ERR, JSON_OBJECT, PROBLEM } from "./schemas.js";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function submissionRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: "post",
      path: "/v1/submissions",
      operationId: "submit",
      summary: "Submit one document or a dossier",
      description:
        "The body is one document (canonical JSON, UBL, CII, WCO, CEB XML or UN/EDIFACT) or a JSON dossier " +
        '{"dossier": {"ucr"?, "documents": [...]}}. 202 means the documents, their deliveries and their audit events are committed. ' +
        "The answer carries a receipt signed by the gateway over the digest of exactly the bytes received. " +
        "A UN/EDIFACT interchange that asks for a CONTRL (UNB 0031 = 1) gets one in `acknowledgement` " +
        "({type: CONTRL, mediaType, content, action}), in the 202 body or, when refused, in the problem+json.",
      tags: ["submissions"],
      roles: ["exporter"],
      body: "raw",
      requestContentTypes: [
        "application/json",
        "application/xml",
        "text/xml",
        "application/edifact",
        "application/octet-stream",
      ],
      headers: [
        {
          name: "Idempotency-Key",
          description: "Same key and body: the same answer again. Same key, other body: 409.",
        },
        { name: "X-UCR", description: "The consignment's UCR when the documents carry none." },
        {
          name: "X-SWG-Signature",
          description:
            "A detached signature over the body: JAdES (compact JWS over the RFC 8785 form) for JSON, base64 or PEM CMS for EDIFACT. XML carries enveloped XML-DSig instead.",
        },
        {
          name: "X-On-Behalf-Of",
          description:
            "The exporter's party id when a declarant or customs broker submits for it; checked against the exporter's mandate on every submission.",
        },
      ],
      responses: {
        "202": {
          description: "Accepted and durable",
          contentType: "application/json",
          schema: { $ref: "#/components/schemas/SubmissionAccepted" },
        },
        ...ERR,
        "409": {
          description: "Idempotency-Key reused with another body",
          contentType: "application/problem+json",
          schema: PROBLEM,
        },
        "413": { description: "Body too large", contentType: "application/problem+json", schema: PROBLEM },
        "415": {
          description: "Format not recognised",
          contentType: "application/problem+json",
          schema: PROBLEM,
        },
        "422": {
          description: "Validation failed: every finding, with JSON Pointer, XPath and rule id",
          contentType: "application/problem+json",
          schema: PROBLEM,
        },
      },
      handler: async (req, res, who) => {
        if (!who) throw new ProblemError("SWG_UNAUTHENTICATED");
        // Verification, mandates and measures are checked by the pipeline's admit stage.
        const onBehalfOf = req.get("x-on-behalf-of") ?? null;
        if (onBehalfOf !== null && !/^[\x21-\x7e]{1,100}$/.test(onBehalfOf)) {
          throw new ProblemError("SWG_BAD_REQUEST", "X-On-Behalf-Of is a party id", [
            { message: "invalid header", location: "X-On-Behalf-Of" },
          ]);
        }
        const key = req.get("idempotency-key") ?? null;
        if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
          throw new ProblemError("SWG_BAD_REQUEST", "Idempotency-Key is 1 to 255 visible ASCII characters", [
            { message: "invalid header", location: "Idempotency-Key" },
          ]);
        }
        const ucr = req.get("x-ucr") ?? null;
        if (ucr !== null && (ucr.length === 0 || ucr.length > 35)) {
          throw new ProblemError("SWG_BAD_REQUEST", "X-UCR is 1 to 35 characters", [
            { message: "invalid header", location: "X-UCR" },
          ]);
        }
        const signature = req.get("x-swg-signature") ?? null;
        if (signature !== null && (signature.length === 0 || signature.length > 65_536)) {
          throw new ProblemError(
            "SWG_BAD_REQUEST",
            "X-SWG-Signature is a compact JWS or a base64 CMS of at most 64 KiB",
            [{ message: "invalid header", location: "X-SWG-Signature" }],
          );
        }
        const submissionId = uuidv7();
        const out = await submit(ctx.pipeline, {
          submissionId,
          signature,
          body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          contentType: req.get("content-type"),
          idempotencyKey: key,
          submitter: {
            partyId: who.partyId,
            role: who.role,
            credentialId: who.credentialId,
            onBehalfOf,
          },
          receivedAt: ctx.clock.now(),
          ucr,
        });
        if (!out.replayed) ctx.onDeliveriesPlanned();
        const id = (out.body as { submissionId?: string }).submissionId ?? submissionId;
        res.status(out.status).setHeader("Location", `/v1/submissions/${id}`);
        if (out.replayed) res.setHeader("Idempotency-Replayed", "true");
        res.json(out.body);
      },
    },
    {
      method: "get",
      path: "/v1/submissions/:id",
      operationId: "getSubmission",
      summary: "A submission with every document and every partner's status",
      tags: ["submissions"],
      roles: ["exporter", "regulator", "operator", "admin"],
      body: "none",
      responses: {
        "200": { description: "Status", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const s = await ctx.store.read.submissions.get(String(req.params["id"]));
        if (!s || !who || !(seesAll(who) || ownsSubmission(who, s)))
          throw new ProblemError("SWG_NOT_FOUND", "no such submission visible to you");
        // A regulator with a jurisdiction sees a submission when it sees one of its documents.
        if (who.role === "regulator") {
          const docs = await ctx.store.read.documents.listBySubmission(s.id);
          let visible = false;
          for (const d of docs) if (!visible) visible = await canReadDocument(ctx.store, who, d);
          if (!visible) throw new ProblemError("SWG_NOT_FOUND", "no such submission visible to you");
        }
        const answered = (s.response ?? {}) as { warnings?: unknown; measures?: unknown };
        res.json({
          ...(await submissionStatus(ctx.store, s, ctx.clock.now())),
          // What the exporter was told on acceptance: warnings, a reminder, held documents.
          warnings: answered.warnings ?? [],
          measures: answered.measures ?? [],
        });
      },
    },
  ];
}
