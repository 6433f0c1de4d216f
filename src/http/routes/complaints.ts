import { ProblemError } from "../../errors/index.js";
import { decideComplaint, fileComplaint, isOverdue, startReview } from "../../parties/complaints.js";
import { parseEvidence } from "../../parties/evidence.js";
import { COMPLAINT_CATEGORIES, type ComplaintRecord, type ComplaintStatus } from "../../ports/register.js";
import { seesAll } from "../access.js";
import type { AppContext } from "../context.js";
import type { Principal, RouteDef } from "../types.js";
import {
  actorOf,
  CONFLICT,
  enumQueryParam,
  Input,
  pageLimit,
  queryParam,
  UNPROCESSABLE,
} from "./register-input.js";
import { ERR, JSON_OBJECT } from "./schemas.js";

const STATUSES: readonly ComplaintStatus[] = ["received", "under-review", "upheld", "dismissed"];
const ANY_PARTY = ["exporter", "partner", "regulator", "operator", "admin"] as const;

const involves = (who: Principal, c: ComplaintRecord) =>
  c.complainantId === who.partyId || c.againstPartyId === who.partyId;

/** Complaints: any party files, regulators review and decide; every step on the party's chain. */
export function complaintRoutes(ctx: AppContext): RouteDef[] {
  const deadlines = {
    reviewDays: ctx.config.complaintReviewDays,
    decisionDays: ctx.config.complaintDecisionDays,
  };
  const view = (c: ComplaintRecord) => ({ ...c, overdue: isOverdue(c, ctx.clock.now()) });
  const visibleComplaint = async (who: Principal | undefined, id: string) => {
    const c = await ctx.store.read.complaints.get(id);
    if (!c || !who || !(seesAll(who) || involves(who, c)))
      throw new ProblemError("SWG_NOT_FOUND", "no such complaint visible to you");
    return c;
  };
  return [
    {
      method: "post",
      path: "/v1/complaints",
      operationId: "fileComplaint",
      summary: "File a complaint against a party or a document, with evidence",
      description: `Categories: ${COMPLAINT_CATEGORIES.join(", ")} (intellectual-property and product-quality are counted apart). It is received, then taken under review within SWG_COMPLAINT_REVIEW_DAYS and decided within SWG_COMPLAINT_DECISION_DAYS of receipt.`,
      tags: ["complaints"],
      roles: [...ANY_PARTY],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        required: ["category", "summary"],
        properties: {
          againstPartyId: { type: "string" },
          documentId: { type: "string" },
          category: { enum: [...COMPLAINT_CATEGORIES] },
          summary: { type: "string" },
          evidence: { type: "array", items: { type: "object" } },
        },
      },
      responses: {
        "201": {
          description: "The complaint, received",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
        ...UNPROCESSABLE,
      },
      handler: async (req, res, who) => {
        const input = new Input(req);
        const category = input.oneOf("category", COMPLAINT_CATEGORIES);
        const summary = input.string("summary", { required: true, max: 5000 });
        const againstPartyId = input.string("againstPartyId", { max: 100 }) ?? null;
        const documentId = input.string("documentId", { max: 100 }) ?? null;
        const { evidence, issues } = parseEvidence(input.raw("evidence"), "/evidence");
        input.add(issues);
        input.check("the complaint is incomplete");
        const c = await fileComplaint(
          ctx.store,
          {
            complainantId: who!.partyId,
            againstPartyId,
            documentId,
            category: category!,
            summary: summary!,
            evidence,
          },
          deadlines,
          actorOf(who),
          ctx.clock.now(),
        );
        res.status(201).setHeader("Location", `/v1/complaints/${c.id}`).json(view(c));
      },
    },
    {
      method: "get",
      path: "/v1/complaints",
      operationId: "listComplaints",
      summary: "Complaints, oldest first: a party sees those it filed or that concern it; regulators all",
      tags: ["complaints"],
      roles: [...ANY_PARTY],
      body: "none",
      query: [
        { name: "status", description: STATUSES.join(" | "), schema: { type: "string" } },
        { name: "againstPartyId", description: "Complaints about this party", schema: { type: "string" } },
        { name: "limit", description: "1 to 500 (default 100)", schema: { type: "integer" } },
        { name: "after", description: "Continue after this complaint id", schema: { type: "string" } },
      ],
      responses: {
        "200": { description: "A page of complaints", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const status = enumQueryParam(req, "status", STATUSES);
        const limit = pageLimit(req);
        const against = queryParam(req, "againstPartyId");
        const after = queryParam(req, "after");
        const page = await ctx.store.read.complaints.list({
          limit,
          ...(status ? { status } : {}),
          ...(against ? { againstPartyId: against } : {}),
          ...(after ? { after } : {}),
          ...(seesAll(who!) ? {} : { involving: who!.partyId }),
        });
        res.json({ complaints: page.map(view), ...(page.length === limit ? { next: page.at(-1)!.id } : {}) });
      },
    },
    {
      method: "get",
      path: "/v1/complaints/:id",
      operationId: "getComplaint",
      summary: "A complaint with its deadlines and decision",
      tags: ["complaints"],
      roles: [...ANY_PARTY],
      body: "none",
      responses: {
        "200": { description: "The complaint", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        res.json(view(await visibleComplaint(who, String(req.params["id"]))));
      },
    },
    {
      method: "post",
      path: "/v1/complaints/:id/review",
      operationId: "reviewComplaint",
      summary: "Take a received complaint under review",
      tags: ["complaints"],
      roles: ["regulator"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: { type: "object" },
      responses: {
        "200": {
          description: "The complaint, under review",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
        ...CONFLICT,
      },
      handler: async (req, res, who) => {
        const c = await visibleComplaint(who, String(req.params["id"]));
        res.json(view(await startReview(ctx.store, c.id, actorOf(who), ctx.clock.now())));
      },
    },
    {
      method: "post",
      path: "/v1/complaints/:id/decision",
      operationId: "decideComplaint",
      summary: "Uphold or dismiss a complaint under review; upheld, it becomes a credit event",
      tags: ["complaints"],
      roles: ["regulator"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        required: ["decision", "reason"],
        properties: {
          decision: { enum: ["upheld", "dismissed"] },
          reason: { type: "string" },
          points: { type: "number", minimum: 0, maximum: 100, description: "Overrides the formula's weight" },
        },
      },
      responses: {
        "200": {
          description: "The complaint, decided",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
        ...CONFLICT,
        ...UNPROCESSABLE,
      },
      handler: async (req, res, who) => {
        const c = await visibleComplaint(who, String(req.params["id"]));
        const input = new Input(req);
        const decision = input.oneOf("decision", ["upheld", "dismissed"] as const);
        const reason = input.string("reason", { required: true });
        const points = input.number("points", 0, 100) ?? null;
        input.check("the decision is incomplete");
        res.json(
          view(
            await decideComplaint(
              ctx.store,
              { id: c.id, decision: decision!, reason: reason!, points },
              actorOf(who),
              ctx.clock.now(),
            ),
          ),
        );
      },
    },
  ];
}
