import { ProblemError } from "../../errors/index.js";
import { issueKey, revokeKey } from "../../parties/credentials.js";
import { registerParty } from "../../parties/register.js";
import { PARTNER_KINDS, ROLES, type Role } from "../../ports/records.js";
import type { Authenticator } from "../auth.js";
import type { AppContext } from "../context.js";
import type { Principal, RouteDef } from "../types.js";
import { ERR, JSON_OBJECT, PROBLEM } from "./schemas.js";

const actor = (who: Principal | undefined) => ({
  partyId: who?.partyId ?? null,
  role: who?.role ?? ("system" as const),
  credentialId: who?.credentialId ?? null,
});

export function partyRoutes(ctx: AppContext, auth: Authenticator): RouteDef[] {
  return [
    {
      method: "post",
      path: "/v1/parties",
      operationId: "registerParty",
      summary: "Register a party (enterprise, partner or authority)",
      tags: ["parties"],
      roles: ["admin"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        required: ["name", "kind"],
        properties: {
          name: { type: "string" },
          kind: { enum: ["enterprise", "partner", "authority"] },
          partnerKind: { enum: [...PARTNER_KINDS] },
          country: { type: "string" },
          identifiers: {
            type: "array",
            items: { type: "object", properties: { scheme: { type: "string" }, value: { type: "string" } } },
          },
        },
      },
      responses: {
        "201": { description: "Registered", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
        "409": {
          description: "Identifier already registered",
          contentType: "application/problem+json",
          schema: PROBLEM,
        },
      },
      handler: async (req, res, who) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        const issues = [];
        if (typeof b["name"] !== "string" || b["name"].trim() === "")
          issues.push({ message: "name is required", pointer: "/name" });
        if (!["enterprise", "partner", "authority"].includes(String(b["kind"])))
          issues.push({ message: "kind is enterprise, partner or authority", pointer: "/kind" });
        if (
          b["partnerKind"] !== undefined &&
          !(PARTNER_KINDS as readonly unknown[]).includes(b["partnerKind"])
        )
          issues.push({
            message: `partnerKind is one of ${PARTNER_KINDS.join(", ")}`,
            pointer: "/partnerKind",
          });
        const ids = Array.isArray(b["identifiers"]) ? (b["identifiers"] as unknown[]) : [];
        ids.forEach((i, n) => {
          const o = i as { scheme?: unknown; value?: unknown } | null;
          if (typeof o?.scheme !== "string" || typeof o.value !== "string")
            issues.push({ message: "an identifier has scheme and value", pointer: `/identifiers/${n}` });
        });
        if (issues.length > 0)
          throw new ProblemError("SWG_VALIDATION_FAILED", "the party is incomplete", issues);
        for (const i of ids as { scheme: string; value: string }[]) {
          const taken = await ctx.store.read.parties.byIdentifier(i.scheme, i.value);
          if (taken)
            throw new ProblemError(
              "SWG_CONFLICT",
              `${i.scheme} ${i.value} is already registered to party ${taken.id}`,
            );
        }
        const p = await registerParty(
          ctx.store,
          {
            name: String(b["name"]).trim(),
            kind: b["kind"] as "enterprise" | "partner" | "authority",
            partnerKind: (b["partnerKind"] as (typeof PARTNER_KINDS)[number] | undefined) ?? null,
            identifiers: ids as { scheme: string; value: string }[],
            country: typeof b["country"] === "string" ? b["country"] : null,
          },
          actor(who),
          ctx.clock.now(),
        );
        res.status(201).setHeader("Location", `/v1/parties/${p.id}`).json(p);
      },
    },
    {
      method: "get",
      path: "/v1/parties/:id",
      operationId: "getParty",
      summary: "A registered party",
      tags: ["parties"],
      roles: ["exporter", "partner", "regulator", "operator", "admin"],
      body: "none",
      responses: {
        "200": { description: "The party", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const id = String(req.params["id"]);
        const mayRead =
          who!.role === "admin" ||
          who!.role === "regulator" ||
          who!.role === "operator" ||
          who!.partyId === id;
        const p = mayRead ? await ctx.store.read.parties.get(id) : undefined;
        if (!p) throw new ProblemError("SWG_NOT_FOUND", "no such party visible to you");
        res.json(p);
      },
    },
    {
      method: "post",
      path: "/v1/parties/:id/credentials",
      operationId: "issueCredential",
      summary: "Issue an API key to a party (shown once)",
      tags: ["parties"],
      roles: ["admin"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        required: ["role"],
        properties: {
          role: { enum: [...ROLES] },
          label: { type: "string" },
          expiresAt: { type: "string", format: "date-time" },
        },
      },
      responses: {
        "201": { description: "The key, shown once", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        const party = await ctx.store.read.parties.get(String(req.params["id"]));
        if (!party) throw new ProblemError("SWG_NOT_FOUND", "no such party");
        if (!(ROLES as readonly string[]).includes(String(b["role"]))) {
          throw new ProblemError("SWG_VALIDATION_FAILED", "role is required", [
            { message: `role is one of ${ROLES.join(", ")}`, pointer: "/role" },
          ]);
        }
        const expiresAt =
          typeof b["expiresAt"] === "string" && !Number.isNaN(Date.parse(b["expiresAt"]))
            ? new Date(b["expiresAt"]).toISOString()
            : null;
        const out = await issueKey(ctx.store, {
          partyId: party.id,
          role: b["role"] as Role,
          label: typeof b["label"] === "string" ? b["label"] : null,
          expiresAt,
          actor: actor(who),
          now: ctx.clock.now(),
        });
        res
          .status(201)
          .json({
            id: out.credential.id,
            partyId: party.id,
            role: out.credential.role,
            keyPrefix: out.credential.keyPrefix,
            expiresAt,
            key: out.key,
          });
      },
    },
    {
      method: "delete",
      path: "/v1/credentials/:id",
      operationId: "revokeCredential",
      summary: "Revoke an API key",
      tags: ["parties"],
      roles: ["admin"],
      body: "none",
      responses: {
        "200": { description: "Revoked", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const c = await revokeKey(ctx.store, String(req.params["id"]), actor(who), ctx.clock.now());
        if (!c) throw new ProblemError("SWG_NOT_FOUND", "no such credential");
        auth.invalidate();
        res.json({ id: c.id, partyId: c.partyId, revokedAt: c.revokedAt });
      },
    },
  ];
}
