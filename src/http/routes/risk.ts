import { ProblemError } from "../../errors/index.js";
import { settleHold } from "../../parties/holds.js";
import { RISK_WARNING_STATUSES, type RiskWarningRecord } from "../../ports/register.js";
import { decideWarning, type WarningDecision } from "../../risk/warnings.js";
import { canReadDocument, jurisdictionOf } from "../access.js";
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

const REVIEWERS = ["regulator", "admin"] as const;

/** Risk warnings, the rule catalogue, restricted-party screening, and documents held for review. */
export function riskRoutes(ctx: AppContext): RouteDef[] {
  const engine = ctx.pipeline.risk;

  /** A warning is visible where its document is (a regulator's jurisdiction), or its consignment when it has none. */
  const visible = async (who: Principal, w: RiskWarningRecord): Promise<boolean> => {
    const partners = jurisdictionOf(who)?.partners;
    if (!partners) return true;
    if (w.documentId) {
      const doc = await ctx.store.read.documents.get(w.documentId);
      return doc !== undefined && (await canReadDocument(ctx.store, who, doc));
    }
    return (await ctx.store.read.deliveries.listByUcr(w.ucr)).some((d) => partners.includes(d.partnerId));
  };

  const decision = (action: WarningDecision["action"]): RouteDef => ({
    method: "post",
    path: `/v1/risk/warnings/:id/${action}`,
    operationId: `${action}RiskWarning`,
    summary:
      action === "acknowledge"
        ? "Acknowledge a risk warning (seen, no finding)"
        : action === "dismiss"
          ? "Dismiss a risk warning, with the reason"
          : "Escalate a risk warning into a credit event against the party",
    tags: ["risk"],
    roles: ["regulator"],
    body: "json",
    requestContentTypes: ["application/json"],
    requestSchema: {
      type: "object",
      ...(action === "acknowledge" ? {} : { required: ["reason"] }),
      properties: {
        ...(action === "acknowledge" ? { note: { type: "string" } } : { reason: { type: "string" } }),
        ...(action === "escalate" ? { points: { type: "number", minimum: 0, maximum: 100 } } : {}),
      },
    },
    responses: {
      "200": { description: "The warning, decided", contentType: "application/json", schema: JSON_OBJECT },
      ...ERR,
      ...CONFLICT,
      ...UNPROCESSABLE,
    },
    handler: async (req, res, who) => {
      const w = await ctx.store.read.riskWarnings.get(String(req.params["id"]));
      if (!w || !(await visible(who!, w)))
        throw new ProblemError("SWG_NOT_FOUND", "no such risk warning visible to you");
      const input = new Input(req);
      let d: WarningDecision;
      if (action === "acknowledge") d = { action, note: input.string("note") ?? null };
      else if (action === "dismiss") d = { action, reason: input.string("reason", { required: true }) ?? "" };
      else
        d = {
          action,
          reason: input.string("reason", { required: true }) ?? "",
          points: input.number("points", 0, 100) ?? null,
        };
      input.check(`to ${action} the warning`);
      res.json(await decideWarning(ctx.store, w.id, d, actorOf(who), ctx.clock.now()));
    },
  });

  const hold = (decision: "release" | "refuse"): RouteDef => ({
    method: "post",
    path: `/v1/holds/:documentId/${decision}`,
    operationId: `${decision}Held`,
    summary:
      decision === "release"
        ? "Release a held document: its held deliveries go out as planned"
        : "Refuse a held document: its held deliveries are cancelled and it is no longer current",
    tags: ["risk"],
    roles: ["regulator"],
    body: "json",
    requestContentTypes: ["application/json"],
    requestSchema: { type: "object", required: ["reason"], properties: { reason: { type: "string" } } },
    responses: {
      "200": {
        description: "The document and the deliveries moved",
        contentType: "application/json",
        schema: JSON_OBJECT,
      },
      ...ERR,
      ...CONFLICT,
      ...UNPROCESSABLE,
    },
    handler: async (req, res, who) => {
      const doc = await ctx.store.read.documents.get(String(req.params["documentId"]));
      if (!doc || doc.status !== "held" || !(await canReadDocument(ctx.store, who!, doc)))
        throw new ProblemError("SWG_NOT_FOUND", "no held document with this id visible to you");
      const input = new Input(req);
      const reason = input.string("reason", { required: true });
      input.check("a review states its reason");
      const out = await settleHold(
        ctx.store,
        { documentId: doc.id, decision: decision === "release" ? "released" : "refused", reason: reason! },
        actorOf(who),
        ctx.clock.now(),
      );
      if (out.deliveries.length > 0 && decision === "release") ctx.onDeliveriesPlanned();
      res.json({
        documentId: out.document.id,
        status: out.document.status,
        current: out.document.isCurrent,
        deliveries: out.deliveries,
      });
    },
  });

  return [
    {
      method: "get",
      path: "/v1/risk/rules",
      operationId: "riskRules",
      summary: "The risk rule catalogue: id, severity, what each looks at and its thresholds",
      tags: ["risk"],
      roles: ["regulator", "operator", "admin"],
      body: "none",
      responses: {
        "200": { description: "The rules", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: (_req, res) => {
        res.json({
          thresholds: engine.thresholds,
          restrictedPartyList: {
            source: engine.screener.list.source,
            entries: engine.screener.list.entries.length,
          },
          rules: engine.rules.map((r) => ({
            id: r.id,
            severity: r.severity,
            title: r.title,
            description: r.description,
          })),
        });
        return Promise.resolve();
      },
    },
    {
      method: "post",
      path: "/v1/risk/screen",
      operationId: "screenParty",
      summary: "Screen a name (and identifiers) against the restricted-party list",
      tags: ["risk"],
      roles: ["regulator", "admin"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string" },
          identifiers: { type: "array", items: { type: "object" } },
        },
      },
      responses: {
        "200": {
          description: "The best match, if any",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
        ...UNPROCESSABLE,
      },
      handler: (req, res) => {
        const input = new Input(req);
        const name = input.string("name", { required: true, max: 300 });
        const raw = input.raw("identifiers");
        const ids = (Array.isArray(raw) ? (raw as unknown[]) : []).flatMap((i) => {
          const o = (i ?? {}) as Record<string, unknown>;
          return typeof o["scheme"] === "string" && typeof o["value"] === "string"
            ? [{ scheme: o["scheme"], value: o["value"] }]
            : [];
        });
        input.check("nothing to screen");
        const m = engine.screener.match(name!, ids);
        res.json({ name, match: m ?? null, threshold: ctx.config.riskNameThreshold });
        return Promise.resolve();
      },
    },
    {
      method: "get",
      path: "/v1/risk/warnings",
      operationId: "listRiskWarnings",
      summary: "Risk warnings, oldest first, paged; within the regulator's jurisdiction",
      tags: ["risk"],
      roles: [...REVIEWERS],
      body: "none",
      query: [
        { name: "status", description: RISK_WARNING_STATUSES.join(" | "), schema: { type: "string" } },
        { name: "partyId", description: "Warnings about this party", schema: { type: "string" } },
        { name: "documentId", description: "Warnings attached to this document", schema: { type: "string" } },
        { name: "ruleId", description: "Warnings of this rule", schema: { type: "string" } },
        { name: "limit", description: "1 to 200 (default 100)", schema: { type: "integer" } },
        { name: "after", description: "Continue after this warning id", schema: { type: "string" } },
      ],
      responses: {
        "200": { description: "A page of warnings", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const status = enumQueryParam(req, "status", RISK_WARNING_STATUSES);
        const limit = pageLimit(req, 100, 200);
        const f: Record<string, string> = {};
        for (const k of ["partyId", "documentId", "ruleId", "after"] as const) {
          const v = queryParam(req, k);
          if (v !== undefined) f[k] = v;
        }
        const page = await ctx.store.read.riskWarnings.list({
          ...f,
          ...(status ? { status } : {}),
          limit,
        });
        const shown: RiskWarningRecord[] = [];
        for (const w of page) if (await visible(who!, w)) shown.push(w);
        res.json({ warnings: shown, ...(page.length === limit ? { next: page.at(-1)!.id } : {}) });
      },
    },
    {
      method: "get",
      path: "/v1/risk/warnings/:id",
      operationId: "getRiskWarning",
      summary: "One risk warning with its evidence and decision",
      tags: ["risk"],
      roles: [...REVIEWERS],
      body: "none",
      responses: {
        "200": { description: "The warning", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const w = await ctx.store.read.riskWarnings.get(String(req.params["id"]));
        if (!w || !(await visible(who!, w)))
          throw new ProblemError("SWG_NOT_FOUND", "no such risk warning visible to you");
        res.json({
          ...w,
          links: {
            ...(w.documentId ? { document: `/v1/documents/${w.documentId}` } : {}),
            trace: `/v1/consignments/${encodeURIComponent(w.ucr)}/trace`,
            party: `/v1/parties/${w.partyId}/trace`,
          },
        });
      },
    },
    decision("acknowledge"),
    decision("dismiss"),
    decision("escalate"),
    {
      method: "get",
      path: "/v1/holds",
      operationId: "listHolds",
      summary:
        "Documents a partial restriction held for review, oldest first; within the regulator's jurisdiction",
      tags: ["risk"],
      roles: ["regulator", "operator", "admin"],
      body: "none",
      query: [
        { name: "limit", description: "1 to 200 (default 100)", schema: { type: "integer" } },
        { name: "after", description: "Continue after this document id", schema: { type: "string" } },
      ],
      responses: {
        "200": { description: "Held documents", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const limit = pageLimit(req, 100, 200);
        const after = queryParam(req, "after");
        const page = await ctx.store.read.holds.list({ limit, ...(after ? { after } : {}) });
        const held = [];
        for (const h of page) {
          if (
            !(await canReadDocument(ctx.store, who!, {
              id: h.documentId,
              issuerPartyId: h.issuerPartyId,
              submissionId: h.submissionId,
            }))
          )
            continue;
          const deliveries = (await ctx.store.read.deliveries.listByDocument(h.documentId)).filter(
            (d) => d.state === "held",
          );
          held.push({ ...h, deliveries: deliveries.map((d) => ({ id: d.id, partnerId: d.partnerId })) });
        }
        res.json({ held, ...(page.length === limit ? { next: page.at(-1)!.documentId } : {}) });
      },
    },
    hold("release"),
    hold("refuse"),
  ];
}
