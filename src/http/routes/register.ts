import { ProblemError } from "../../errors/index.js";
import { grantMandate, isMandateActive, revokeMandate } from "../../parties/mandates.js";
import { describeMeasure, imposeMeasure, isMeasureActive, liftMeasure } from "../../parties/measures.js";
import { renewRegistration } from "../../parties/terms.js";
import { MEASURE_LEVELS, TERMINATION_GROUNDS } from "../../ports/register.js";
import { DOCUMENT_TYPES } from "../../model/canonical.js";
import type { Authenticator } from "../auth.js";
import type { AppContext } from "../context.js";
import type { Principal, RouteDef } from "../types.js";
import { actorOf, CONFLICT, Input, queryParam, UNPROCESSABLE, visibleParty } from "./register-input.js";
import { ERR, JSON_OBJECT } from "./schemas.js";

/** Exporters act on their own entry only; admins on any. */
function mayManage(who: Principal | undefined, partyId: string): boolean {
  return who?.role === "admin" || who?.partyId === partyId;
}

/** Mandates, graded measures and registration renewals. */
export function registerRoutes(ctx: AppContext, auth: Authenticator): RouteDef[] {
  const gate = ctx.pipeline.register;
  const partners = new Set(ctx.partners.keys());
  return [
    {
      method: "post",
      path: "/v1/parties/:id/mandates",
      operationId: "grantMandate",
      summary: "An exporter lets a declarant or customs broker submit on its behalf",
      description:
        "Scope: document types and partners (absent: all); validity from–to. The agent then submits with X-On-Behalf-Of: <exporter id>, and every such submission is checked against the mandate; the trace names both.",
      tags: ["register"],
      roles: ["exporter", "admin"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        required: ["agentId"],
        properties: {
          agentId: { type: "string" },
          documentTypes: { type: "array", items: { enum: [...DOCUMENT_TYPES] } },
          partners: { type: "array", items: { type: "string" } },
          validFrom: { type: "string", format: "date-time" },
          validUntil: { type: "string", format: "date-time" },
          note: { type: "string" },
        },
      },
      responses: {
        "201": { description: "The mandate", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
        ...UNPROCESSABLE,
      },
      handler: async (req, res, who) => {
        const grantor = await visibleParty(ctx, who, String(req.params["id"]));
        if (!mayManage(who, grantor.id))
          throw new ProblemError("SWG_NOT_FOUND", "no such party visible to you");
        const input = new Input(req);
        const agentId = input.string("agentId", { required: true, max: 100 });
        const documentTypes = input.strings("documentTypes");
        const scopePartners = input.strings("partners");
        const now = ctx.clock.now();
        const validFrom = input.time("validFrom") ?? now.toISOString();
        const validUntil = input.time("validUntil") ?? null;
        const note = input.string("note", { max: 500 }) ?? null;
        input.check("the mandate is incomplete");
        const m = await grantMandate(
          ctx.store,
          {
            grantorId: grantor.id,
            agentId: agentId!,
            documentTypes,
            partners: scopePartners,
            validFrom,
            validUntil,
            note,
          },
          partners,
          actorOf(who),
          now,
        );
        gate.invalidate(grantor.id);
        res.status(201).json(m);
      },
    },
    {
      method: "get",
      path: "/v1/parties/:id/mandates",
      operationId: "listMandates",
      summary: "Mandates a party granted or holds, with whether each is in force",
      tags: ["register"],
      roles: ["exporter", "regulator", "operator", "admin"],
      body: "none",
      responses: {
        "200": {
          description: "The mandates, newest first",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const p = await visibleParty(ctx, who, String(req.params["id"]));
        const at = ctx.clock.now().toISOString();
        const list = await ctx.store.read.mandates.listForParty(p.id);
        res.json({ partyId: p.id, mandates: list.map((m) => ({ ...m, active: isMandateActive(m, at) })) });
      },
    },
    {
      method: "delete",
      path: "/v1/mandates/:id",
      operationId: "revokeMandate",
      summary: "Revoke a mandate (its grantor or an admin); later submissions under it are refused",
      tags: ["register"],
      roles: ["exporter", "admin"],
      body: "none",
      query: [{ name: "reason", description: "Why it is revoked", schema: { type: "string" } }],
      responses: {
        "200": { description: "The revoked mandate", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
        ...CONFLICT,
      },
      handler: async (req, res, who) => {
        const m = await ctx.store.read.mandates.get(String(req.params["id"]));
        if (!m || !mayManage(who, m.grantorId)) throw new ProblemError("SWG_NOT_FOUND", "no such mandate");
        const out = await revokeMandate(
          ctx.store,
          m.id,
          queryParam(req, "reason") ?? null,
          actorOf(who),
          ctx.clock.now(),
        );
        gate.invalidate(m.grantorId);
        res.json(out);
      },
    },
    {
      method: "post",
      path: "/v1/parties/:id/measures",
      operationId: "imposeMeasure",
      summary:
        "A regulator imposes a graded measure: reminder, partial or full restriction, or ending cooperation",
      description:
        "reminder: submissions pass, the answer and the status carry a warning. partial: the document types and/or partners named are held for a regulator's review (action hold) or refused (action refuse). full: every submission is refused with a problem+json naming the measure. terminated (grounds: smuggling, tax or foreign-exchange evasion, fraud, counterfeit goods): credentials revoked, history kept. Audited on the party's chain; effective at once in this process.",
      tags: ["register"],
      roles: ["regulator"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        required: ["level", "reason"],
        properties: {
          level: { enum: [...MEASURE_LEVELS] },
          reason: { type: "string" },
          documentTypes: { type: "array", items: { enum: [...DOCUMENT_TYPES] } },
          partners: { type: "array", items: { type: "string" } },
          action: { enum: ["hold", "refuse"] },
          grounds: { enum: [...TERMINATION_GROUNDS] },
          startsAt: { type: "string", format: "date-time" },
          endsAt: { type: "string", format: "date-time" },
        },
      },
      responses: {
        "201": { description: "The measure", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
        ...CONFLICT,
        ...UNPROCESSABLE,
      },
      handler: async (req, res, who) => {
        const p = await visibleParty(ctx, who, String(req.params["id"]));
        const input = new Input(req);
        const level = input.oneOf("level", MEASURE_LEVELS);
        const reason = input.string("reason", { required: true });
        const documentTypes = input.strings("documentTypes");
        const scopePartners = input.strings("partners");
        const action = input.oneOf("action", ["hold", "refuse"] as const, false) ?? null;
        const grounds = input.oneOf("grounds", TERMINATION_GROUNDS, false) ?? null;
        const now = ctx.clock.now();
        const startsAt = input.time("startsAt") ?? now.toISOString();
        const endsAt = input.time("endsAt") ?? null;
        input.check("the measure is incomplete");
        const m = await imposeMeasure(
          ctx.store,
          {
            partyId: p.id,
            level: level!,
            reason: reason!,
            documentTypes,
            partners: scopePartners,
            action,
            grounds,
            startsAt,
            endsAt,
          },
          partners,
          actorOf(who),
          now,
        );
        gate.invalidate(p.id);
        if (m.level === "terminated") auth.invalidate();
        res.status(201).json(m);
      },
    },
    {
      method: "get",
      path: "/v1/parties/:id/measures",
      operationId: "listMeasures",
      summary: "The measures on a party, with whether each is in force",
      tags: ["register"],
      roles: ["exporter", "partner", "regulator", "operator", "admin"],
      body: "none",
      responses: {
        "200": {
          description: "The measures, oldest first",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const p = await visibleParty(ctx, who, String(req.params["id"]));
        const at = ctx.clock.now().toISOString();
        const list = await ctx.store.read.measures.listForParty(p.id);
        res.json({
          partyId: p.id,
          status: p.status,
          measures: list.map((m) => ({
            ...describeMeasure(m),
            active: isMeasureActive(m, at),
            setAt: m.setAt,
            setBy: m.setBy,
            liftedAt: m.liftedAt,
            liftReason: m.liftReason,
          })),
        });
      },
    },
    {
      method: "post",
      path: "/v1/measures/:id/lift",
      operationId: "liftMeasure",
      summary: "Lift a measure before its end date (ending cooperation is not lifted)",
      tags: ["register"],
      roles: ["regulator"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: { type: "object", required: ["reason"], properties: { reason: { type: "string" } } },
      responses: {
        "200": { description: "The lifted measure", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
        ...CONFLICT,
        ...UNPROCESSABLE,
      },
      handler: async (req, res, who) => {
        const found = await ctx.store.read.measures.get(String(req.params["id"]));
        if (!found) throw new ProblemError("SWG_NOT_FOUND", "no such measure");
        await visibleParty(ctx, who, found.partyId);
        const input = new Input(req);
        const reason = input.string("reason", { required: true });
        input.check("lifting needs a reason");
        const m = await liftMeasure(ctx.store, found.id, reason!, actorOf(who), ctx.clock.now());
        gate.invalidate(m.partyId);
        res.json(m);
      },
    },
    {
      method: "post",
      path: "/v1/parties/:id/renewals",
      operationId: "renewRegistration",
      summary: "Renew an enterprise's registration for another term",
      tags: ["register"],
      roles: ["exporter", "admin"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: { type: "object" },
      responses: {
        "201": { description: "The new term", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
        ...CONFLICT,
      },
      handler: async (req, res, who) => {
        const p = await visibleParty(ctx, who, String(req.params["id"]));
        if (!mayManage(who, p.id)) throw new ProblemError("SWG_NOT_FOUND", "no such party visible to you");
        res
          .status(201)
          .json(
            await renewRegistration(
              ctx.store,
              p.id,
              ctx.config.registrationValidityDays,
              actorOf(who),
              ctx.clock.now(),
            ),
          );
      },
    },
    {
      method: "get",
      path: "/v1/parties/:id/registrations",
      operationId: "listRegistrations",
      summary:
        "A party's registration terms, with their validity and renewals (certificates: /v1/parties/{id}/certificates)",
      tags: ["register"],
      roles: ["exporter", "partner", "regulator", "operator", "admin"],
      body: "none",
      responses: {
        "200": { description: "Terms, oldest first", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const p = await visibleParty(ctx, who, String(req.params["id"]));
        res.json({ partyId: p.id, registrations: await ctx.store.read.terms.listForParty(p.id) });
      },
    },
  ];
}
