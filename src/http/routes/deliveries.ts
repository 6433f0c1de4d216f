import type { Request } from "express";
import {
  DELIVERY_VIEWS,
  DeliveryOperations,
  statesOf,
  type DeliveryFilter,
  type DeliveryView,
} from "../../delivery/dead-letters.js";
import { ProblemError } from "../../errors/index.js";
import type { Actor, DeliveryRecord } from "../../ports/records.js";
import type { AppContext } from "../context.js";
import type { Principal, RouteDef } from "../types.js";
import { ERR, JSON_OBJECT, PROBLEM } from "./schemas.js";

const ROLES = ["operator", "admin"] as const;
const CONFLICT = {
  "409": {
    description: "The delivery is not in a state this action applies to",
    contentType: "application/problem+json",
    schema: PROBLEM,
  },
} as const;
const MAX_BULK = 10_000;

const FILTER_QUERY = [
  {
    name: "state",
    description: `Comma-separated: ${DELIVERY_VIEWS.join(", ")} (in-flight = pending or published)`,
    schema: { type: "string" },
  },
  { name: "partnerId", description: "Only this partner", schema: { type: "string" } },
  { name: "adapterId", description: "Only this adapter", schema: { type: "string" } },
  { name: "documentType", description: "Only this document type", schema: { type: "string" } },
  { name: "error", description: "Last error contains this (case-insensitive)", schema: { type: "string" } },
  { name: "from", description: "Last changed at or after (ISO 8601)", schema: { type: "string" } },
  { name: "to", description: "Last changed before (ISO 8601)", schema: { type: "string" } },
] as const;

const FILTER_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    state: { type: "array", items: { type: "string", enum: ["dead", "cancelled"] } },
    partnerId: { type: "string" },
    adapterId: { type: "string" },
    documentType: { type: "string" },
    error: { type: "string" },
    from: { type: "string", format: "date-time" },
    to: { type: "string", format: "date-time" },
  },
} as const;

const REASON_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: { reason: { type: "string", maxLength: 500 } },
} as const;

/** Operators keep the flow moving: they see every delivery's state and attempts, replay and cancel. */
export function deliveryRoutes(ctx: AppContext): RouteDef[] {
  const ops = new DeliveryOperations(ctx.store, ctx.clock);
  return [
    {
      method: "get",
      path: "/v1/deliveries",
      operationId: "listDeliveries",
      summary: "Deliveries by state: in flight, retrying, dead (the dead letters), cancelled",
      description:
        "Oldest first, paged with `after` (the `next` of the previous page). Without `state`, the dead letters.",
      tags: ["operations"],
      roles: [...ROLES],
      body: "none",
      query: [
        ...FILTER_QUERY,
        {
          name: "limit",
          description: "1 to 500 (default 100)",
          schema: { type: "integer", minimum: 1, maximum: 500 },
        },
        { name: "after", description: "Continue after this delivery id", schema: { type: "string" } },
      ],
      responses: {
        "200": { description: "A page of deliveries", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res) => {
        const limit = Math.min(500, Math.max(1, Number(req.query["limit"] ?? 100) || 100));
        const after = stringParam(req, "after");
        const page = await ops.list(filterFromQuery(req), { limit, ...(after ? { after } : {}) });
        res.json({ deliveries: page.items.map(view), ...(page.next ? { next: page.next } : {}) });
      },
    },
    {
      method: "get",
      path: "/v1/deliveries/:id",
      operationId: "getDelivery",
      summary: "One delivery with every attempt (times, outcome, error, transport receipt)",
      tags: ["operations"],
      roles: [...ROLES],
      body: "none",
      responses: {
        "200": {
          description: "The delivery and its attempts",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
      },
      handler: async (req, res) => {
        const found = await ops.show(String(req.params["id"]));
        if (!found) throw new ProblemError("SWG_NOT_FOUND", "no such delivery");
        res.json({ ...view(found.delivery), attempts: found.attempts });
      },
    },
    {
      method: "post",
      path: "/v1/deliveries/:id/replay",
      operationId: "replayDelivery",
      summary: "Send a dead or cancelled delivery again, with its original message id",
      description:
        "The delivery goes back to pending with its attempts reset; the partner sees the same message id and deduplicates it if it already has it.",
      tags: ["operations"],
      roles: [...ROLES],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: REASON_SCHEMA,
      responses: {
        "200": {
          description: "The delivery, now pending",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
        ...CONFLICT,
      },
      handler: async (req, res, who) => {
        const d = await ops.replay(String(req.params["id"]), actorOf(who), reasonOf(req));
        ctx.onDeliveriesPlanned();
        res.json(view(d));
      },
    },
    {
      method: "post",
      path: "/v1/deliveries/replay",
      operationId: "replayDeliveries",
      summary: "Replay every dead (or cancelled) delivery matching a filter",
      description: `At most \`max\` (default 1000, up to ${MAX_BULK}) per call; each keeps its message id and is audited.`,
      tags: ["operations"],
      roles: [...ROLES],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        required: ["filter"],
        additionalProperties: false,
        properties: {
          filter: FILTER_SCHEMA,
          max: { type: "integer", minimum: 1, maximum: MAX_BULK },
          reason: { type: "string", maxLength: 500 },
        },
      },
      responses: {
        "200": {
          description: "Which deliveries were replayed",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const body = objectBody(req);
        const max = body["max"] ?? 1000;
        if (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > MAX_BULK)
          throw badRequest(`max is an integer from 1 to ${MAX_BULK}`, "/max");
        const out = await ops.replayMatching(filterFromBody(body["filter"]), actorOf(who), {
          max,
          ...(typeof body["reason"] === "string" ? { reason: body["reason"] } : {}),
        });
        if (out.replayed.length > 0) ctx.onDeliveriesPlanned();
        res.json({ replayed: out.replayed.length, ids: out.replayed, conflicts: out.conflicts });
      },
    },
    {
      method: "post",
      path: "/v1/deliveries/:id/cancel",
      operationId: "cancelDelivery",
      summary: "Stop a delivery that is retrying (or not yet delivered): no further attempts",
      tags: ["operations"],
      roles: [...ROLES],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: REASON_SCHEMA,
      responses: {
        "200": {
          description: "The delivery, now cancelled",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
        ...CONFLICT,
      },
      handler: async (req, res, who) => {
        const d = await ops.cancel(String(req.params["id"]), actorOf(who), reasonOf(req));
        res.json(view(d));
      },
    },
  ];
}

function view(d: DeliveryRecord) {
  return {
    id: d.id,
    documentId: d.documentId,
    ucr: d.ucr,
    partnerId: d.partnerId,
    adapterId: d.adapterId,
    routingKey: d.routingKey,
    messageId: d.messageId,
    state: d.state,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt,
    lastError: d.lastError,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    deliveredAt: d.deliveredAt,
    receipt: d.receipt,
    links: { self: `/v1/deliveries/${d.id}`, document: `/v1/documents/${d.documentId}` },
  };
}

function actorOf(who: Principal | undefined): Actor {
  return {
    partyId: who?.partyId ?? null,
    role: who?.role ?? "system",
    credentialId: who?.credentialId ?? null,
  };
}

function badRequest(message: string, pointer: string): ProblemError {
  return new ProblemError("SWG_BAD_REQUEST", message, [{ message, pointer }]);
}

function stringParam(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw badRequest(`${name} is given once, as a string`, `/${name}`);
  return v;
}

function filterFromQuery(req: Request): DeliveryFilter {
  const state = stringParam(req, "state") ?? "dead";
  const views = state.split(",").map((s) => s.trim());
  const bad = views.filter((v) => !(DELIVERY_VIEWS as readonly string[]).includes(v));
  if (bad.length > 0) throw badRequest(`state is one or more of ${DELIVERY_VIEWS.join(", ")}`, "/state");
  const f: Record<string, string> = {};
  for (const k of ["partnerId", "adapterId", "documentType", "error", "from", "to"] as const) {
    const v = stringParam(req, k);
    if (v !== undefined && v !== "") f[k] = k === "from" || k === "to" ? isoParam(v, k) : v;
  }
  return { ...f, states: statesOf(views as DeliveryView[]) };
}

function filterFromBody(raw: unknown): DeliveryFilter {
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    throw badRequest("filter is an object", "/filter");
  const f: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (k === "state") {
      if (!Array.isArray(v) || !v.every((s) => s === "dead" || s === "cancelled"))
        throw badRequest('filter.state is a list of "dead" and "cancelled"', "/filter/state");
      f["states"] = v;
    } else if (["partnerId", "adapterId", "documentType", "error", "from", "to"].includes(k)) {
      if (typeof v !== "string") throw badRequest(`filter.${k} is a string`, `/filter/${k}`);
      f[k] = k === "from" || k === "to" ? isoParam(v, `filter/${k}`) : v;
    } else {
      throw badRequest(`filter.${k} is not a filter`, `/filter/${k}`);
    }
  }
  return f;
}

function isoParam(v: string, name: string): string {
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw badRequest(`${name} is an ISO 8601 date-time`, `/${name}`);
  return new Date(t).toISOString();
}

function objectBody(req: Request): Record<string, unknown> {
  const b: unknown = req.body;
  if (b === undefined || b === null) return {};
  if (typeof b !== "object" || Array.isArray(b)) throw badRequest("the body is a JSON object", "");
  return b as Record<string, unknown>;
}

function reasonOf(req: Request): string | undefined {
  const r = objectBody(req)["reason"];
  if (r === undefined) return undefined;
  if (typeof r !== "string" || r.length > 500) throw badRequest("reason is a string of up to 500", "/reason");
  return r;
}
