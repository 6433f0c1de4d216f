import { ProblemError } from "../../errors/index.js";
import { issueKey, revokeKey } from "../../parties/credentials.js";
import { creditFile, parseCreditFormula, recordFinding } from "../../parties/credit.js";
import { parseEvidence } from "../../parties/evidence.js";
import { BUSINESS_ROLES, registerParty, type Contact } from "../../parties/register.js";
import { stepVerification } from "../../parties/verification.js";
import { PARTNER_KINDS, ROLES, type PartyRecord, type Role } from "../../ports/records.js";
import { verifyOneChain } from "../../trace/verify.js";
import { canSeeParty, jurisdictionOf } from "../access.js";
import type { Authenticator } from "../auth.js";
import type { AppContext } from "../context.js";
import type { RouteDef } from "../types.js";
import {
  actorOf,
  CONFLICT,
  enumQueryParam,
  Input,
  pageLimit,
  queryParam,
  UNPROCESSABLE,
  visibleParty,
} from "./register-input.js";
import { ERR, JSON_OBJECT, PROBLEM } from "./schemas.js";

const KINDS = ["enterprise", "partner", "authority"] as const;
const VERIFICATION_STEPS = ["documents-submitted", "verified", "rejected"] as const;

const EVIDENCE_SCHEMA = {
  type: "array",
  items: {
    type: "object",
    required: ["name", "mediaType"],
    properties: {
      name: { type: "string" },
      mediaType: { type: "string" },
      digest: { type: "string", pattern: "^sha256:[0-9a-f]{64}$" },
      content: { type: "string", description: "base64; the gateway keeps only its digest" },
      size: { type: "integer" },
    },
  },
} as const;

function contactsOf(input: Input): Contact[] | undefined {
  const raw = input.raw("contacts");
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    input.add([{ message: "contacts is a list", pointer: "/contacts" }]);
    return undefined;
  }
  const out: Contact[] = [];
  raw.forEach((c: unknown, i) => {
    const o = (c ?? {}) as Record<string, unknown>;
    if (typeof o["name"] !== "string" || o["name"].length === 0) {
      input.add([{ message: "a contact has a name", pointer: `/contacts/${i}/name` }]);
      return;
    }
    const pick = (k: string) => (typeof o[k] === "string" ? { [k]: o[k] } : {});
    out.push({ name: o["name"], ...pick("email"), ...pick("phone"), ...pick("role") });
  });
  return out;
}

function jurisdictionInput(input: Input, ctx: AppContext): Record<string, string[]> | undefined {
  const raw = input.raw("jurisdiction");
  if (raw === undefined) return undefined;
  const o = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const out: Record<string, string[]> = {};
  for (const k of ["partners", "countries"] as const) {
    const v = o[k];
    if (v === undefined) continue;
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string"))
      input.add([{ message: `jurisdiction.${k} is a list of strings`, pointer: `/jurisdiction/${k}` }]);
    else out[k] = v;
  }
  for (const [i, p] of (out["partners"] ?? []).entries())
    if (!ctx.partners.has(p))
      input.add([{ message: `unknown partner ${p}`, pointer: `/jurisdiction/partners/${i}` }]);
  return out;
}

/** The register's party routes: registration, verification, credit file, trace, findings, keys. */
export function partyRoutes(ctx: AppContext, auth: Authenticator): RouteDef[] {
  const formula = parseCreditFormula(ctx.config.creditFormula);
  const gate = ctx.pipeline.register;
  return [
    {
      method: "post",
      path: "/v1/parties",
      operationId: "registerParty",
      summary: "Register a party (enterprise, partner or authority)",
      description:
        "Identifiers are checked per scheme: USCI (GB 32100-2015 check character), LEI (ISO 17442 MOD 97-10), GLN (GS1 mod 10), BIC (ISO 9362), EORI (per issuing country), CN-CUSTOMS (10 characters). An authority may be given a jurisdiction (partners, countries) that limits what its regulators see.",
      tags: ["parties"],
      roles: ["admin"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        required: ["name", "kind"],
        properties: {
          name: { type: "string" },
          kind: { enum: [...KINDS] },
          partnerKind: { enum: [...PARTNER_KINDS] },
          country: { type: "string", pattern: "^[A-Z]{2}$" },
          identifiers: {
            type: "array",
            items: { type: "object", properties: { scheme: { type: "string" }, value: { type: "string" } } },
          },
          roles: { type: "array", items: { enum: [...BUSINESS_ROLES] } },
          contacts: { type: "array", items: { type: "object" } },
          jurisdiction: {
            type: "object",
            properties: {
              partners: { type: "array", items: { type: "string" } },
              countries: { type: "array", items: { type: "string" } },
            },
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
        ...UNPROCESSABLE,
      },
      handler: async (req, res, who) => {
        const input = new Input(req);
        const name = input.string("name", { required: true, max: 300 });
        const kind = input.oneOf("kind", KINDS);
        const partnerKind = input.oneOf("partnerKind", PARTNER_KINDS, false);
        const country = input.string("country", { max: 2 });
        if (country !== undefined && !/^[A-Z]{2}$/.test(country))
          input.add([{ message: "country is an ISO 3166 alpha-2 code", pointer: "/country" }]);
        const raw = input.raw("identifiers");
        const ids = Array.isArray(raw) ? (raw as unknown[]) : [];
        if (raw !== undefined && !Array.isArray(raw))
          input.add([{ message: "identifiers is a list", pointer: "/identifiers" }]);
        ids.forEach((i, n) => {
          const o = i as { scheme?: unknown; value?: unknown } | null;
          if (typeof o?.scheme !== "string" || typeof o.value !== "string")
            input.add([{ message: "an identifier has scheme and value", pointer: `/identifiers/${n}` }]);
        });
        const roles = input.strings("roles");
        for (const [i, r] of (roles ?? []).entries())
          if (!(BUSINESS_ROLES as readonly string[]).includes(r))
            input.add([{ message: `role is one of ${BUSINESS_ROLES.join(", ")}`, pointer: `/roles/${i}` }]);
        const contacts = contactsOf(input);
        const jurisdiction = jurisdictionInput(input, ctx);
        if (jurisdiction && kind !== "authority")
          input.add([{ message: "only an authority has a jurisdiction", pointer: "/jurisdiction" }]);
        input.check("the party is incomplete");
        const p = await registerParty(
          ctx.store,
          {
            name: name!,
            kind: kind!,
            partnerKind: partnerKind ?? null,
            identifiers: ids.map((i) => {
              const o = i as { scheme: string; value: string };
              return { scheme: o.scheme, value: o.value };
            }),
            country: country ?? null,
            ...(roles ? { roles: roles as (typeof BUSINESS_ROLES)[number][] } : {}),
            ...(contacts ? { contacts } : {}),
            ...(jurisdiction ? { profile: { jurisdiction } } : {}),
          },
          actorOf(who),
          ctx.clock.now(),
          { validityDays: ctx.config.registrationValidityDays },
        );
        res.status(201).setHeader("Location", `/v1/parties/${p.id}`).json(p);
      },
    },
    {
      method: "get",
      path: "/v1/parties",
      operationId: "listParties",
      summary: "The register: parties in id order, paged",
      tags: ["parties"],
      roles: ["regulator", "operator", "admin"],
      body: "none",
      query: [
        { name: "kind", description: "enterprise, partner or authority", schema: { type: "string" } },
        { name: "limit", description: "1 to 500 (default 100)", schema: { type: "integer" } },
        { name: "after", description: "Continue after this party id", schema: { type: "string" } },
      ],
      responses: {
        "200": { description: "A page of parties", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const kind = enumQueryParam(req, "kind", KINDS);
        const limit = pageLimit(req);
        const after = queryParam(req, "after");
        const page = await ctx.store.read.parties.list({
          limit,
          ...(kind ? { kind: kind as PartyRecord["kind"] } : {}),
          ...(after ? { after } : {}),
        });
        res.json({
          parties: page.filter((p) => canSeeParty(who!, p)),
          ...(page.length === limit ? { next: page.at(-1)!.id } : {}),
        });
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
        const p = await visibleParty(ctx, who, String(req.params["id"]));
        res.json({
          ...p,
          links: {
            verification: `/v1/parties/${p.id}/verification`,
            credit: `/v1/parties/${p.id}/credit`,
            measures: `/v1/parties/${p.id}/measures`,
            mandates: `/v1/parties/${p.id}/mandates`,
          },
        });
      },
    },
    {
      method: "put",
      path: "/v1/parties/:id/jurisdiction",
      operationId: "setJurisdiction",
      summary: "Set an authority's jurisdiction (the partners and countries its regulators see)",
      tags: ["parties"],
      roles: ["admin"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        properties: {
          jurisdiction: {
            type: "object",
            properties: {
              partners: { type: "array", items: { type: "string" } },
              countries: { type: "array", items: { type: "string" } },
            },
          },
        },
      },
      responses: {
        "200": { description: "The party", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
        ...UNPROCESSABLE,
      },
      handler: async (req, res, who) => {
        const p = await visibleParty(ctx, who, String(req.params["id"]));
        const input = new Input(req);
        const j = jurisdictionInput(input, ctx);
        if (p.kind !== "authority")
          input.add([{ message: "only an authority has a jurisdiction", pointer: "/jurisdiction" }]);
        input.check("the jurisdiction is not valid");
        const at = ctx.clock.now().toISOString();
        const profile = { ...p.profile, ...(j ? { jurisdiction: j } : {}) };
        if (!j) delete (profile as Record<string, unknown>)["jurisdiction"];
        await ctx.store.transaction(async (tx) => {
          await tx.parties.update(p.id, { profile, updatedAt: at });
          await tx.audit.append({
            chain: `party:${p.id}`,
            type: "party.jurisdiction-set",
            at,
            actor: actorOf(who),
            subject: { partyId: p.id },
            data: { jurisdiction: j ?? null },
          });
        });
        // Principals cache their party; the new jurisdiction applies to the next request.
        auth.invalidate();
        res.json({ ...p, profile, updatedAt: at });
      },
    },
    {
      method: "post",
      path: "/v1/parties/:id/verification",
      operationId: "stepVerification",
      summary: "Real-name verification: submit documents, or verify or reject",
      description:
        "unverified → documents-submitted (the party itself or an admin, with evidence: file digests) → verified or rejected (a regulator or an admin, rejected with a reason). Each step records who, when and on what evidence, and is an event on the party's chain.",
      tags: ["parties"],
      roles: ["exporter", "partner", "regulator", "admin"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        required: ["status"],
        properties: {
          status: { enum: [...VERIFICATION_STEPS] },
          evidence: EVIDENCE_SCHEMA,
          reason: { type: "string" },
        },
      },
      responses: {
        "200": {
          description: "The party, in its new status",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
        ...CONFLICT,
        ...UNPROCESSABLE,
      },
      handler: async (req, res, who) => {
        const p = await visibleParty(ctx, who, String(req.params["id"]));
        const input = new Input(req);
        const status = input.oneOf("status", VERIFICATION_STEPS);
        const reason = input.string("reason", { max: 2000 });
        const { evidence, issues } = parseEvidence(input.raw("evidence"), "/evidence");
        input.add(issues);
        input.check("the verification step is not valid");
        const decides = status === "verified" || status === "rejected";
        if (decides && who!.role !== "regulator" && who!.role !== "admin")
          throw new ProblemError("SWG_FORBIDDEN", "a regulator or an admin verifies or rejects a party");
        const party = await stepVerification(
          ctx.store,
          { partyId: p.id, to: status!, evidence, reason: reason ?? null },
          actorOf(who),
          ctx.clock.now(),
        );
        gate.invalidate(p.id);
        res.json(party);
      },
    },
    {
      method: "get",
      path: "/v1/parties/:id/verification",
      operationId: "verificationHistory",
      summary: "Every verification step: from, to, who, when, evidence digests, reason",
      tags: ["parties"],
      roles: ["exporter", "partner", "regulator", "operator", "admin"],
      body: "none",
      responses: {
        "200": {
          description: "The steps, oldest first",
          contentType: "application/json",
          schema: JSON_OBJECT,
        },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const p = await visibleParty(ctx, who, String(req.params["id"]));
        res.json({
          partyId: p.id,
          verification: p.verification,
          steps: await ctx.store.read.verifications.listForParty(p.id),
        });
      },
    },
    {
      method: "get",
      path: "/v1/parties/:id/credit",
      operationId: "creditFile",
      summary: "A party's credit file: the events bearing on its credit and the score they give",
      description:
        "Rejections (refusals for defective documents), partner discrepancies (customs rejected, inspection failed, bank discrepant or refused), upheld complaints, escalated risk warnings and regulator findings, each with its points and its weight today; the formula and its parameters are included (docs/register.md#credit-file). Visible to the party itself and to regulators.",
      tags: ["parties"],
      roles: ["exporter", "partner", "regulator", "admin"],
      body: "none",
      responses: {
        "200": { description: "The credit file", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const p = await visibleParty(ctx, who, String(req.params["id"]));
        res.json(await creditFile(ctx.store, p.id, formula, ctx.clock.now()));
      },
    },
    {
      method: "post",
      path: "/v1/parties/:id/findings",
      operationId: "recordFinding",
      summary: "A regulator's finding against a party, recorded in its credit file",
      tags: ["parties"],
      roles: ["regulator"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        required: ["summary"],
        properties: {
          summary: { type: "string" },
          points: { type: "number", minimum: 0, maximum: 100, description: "Overrides the formula's weight" },
        },
      },
      responses: {
        "201": { description: "The credit event", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
        ...UNPROCESSABLE,
      },
      handler: async (req, res, who) => {
        const p = await visibleParty(ctx, who, String(req.params["id"]));
        const input = new Input(req);
        const summary = input.string("summary", { required: true });
        const points = input.number("points", 0, 100);
        input.check("the finding is incomplete");
        res
          .status(201)
          .json(
            await recordFinding(
              ctx.store,
              { partyId: p.id, summary: summary!, points: points ?? null },
              actorOf(who),
              ctx.clock.now(),
            ),
          );
      },
    },
    {
      method: "get",
      path: "/v1/parties/:id/trace",
      operationId: "partyTrace",
      summary:
        "A party's story: its chain (register, verification, mandates, measures, risk, complaints, refusals) and its submissions",
      description:
        "The events of the chain party:<id>, in order, with the chain verified, and the party's latest submissions (each with a link to its consignment's trace). Accepted submissions are traced on their consignment's chain.",
      tags: ["trace"],
      roles: ["regulator", "operator", "admin"],
      body: "none",
      query: [
        {
          name: "submissions",
          description: "How many recent submissions (default 50, up to 500)",
          schema: { type: "integer" },
        },
      ],
      responses: {
        "200": { description: "The party's trace", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const p = await visibleParty(ctx, who, String(req.params["id"]));
        const raw = queryParam(req, "submissions");
        const n = raw === undefined ? 50 : Number(raw);
        if (!Number.isInteger(n) || n < 0 || n > 500)
          throw new ProblemError("SWG_BAD_REQUEST", "submissions is an integer from 0 to 500");
        const chain = `party:${p.id}`;
        const [events, verdict, submissions] = await Promise.all([
          ctx.store.read.audit.chain(chain),
          verifyOneChain(ctx.store, chain),
          ctx.store.read.stats.submissionsOf(p.id, n),
        ]);
        res.json({
          partyId: p.id,
          chain: {
            name: chain,
            ok: verdict.ok,
            events: verdict.events,
            firstBreak: verdict.firstBreak ?? null,
          },
          events: events.map((e) => ({
            seq: e.seq,
            at: e.at,
            type: e.type,
            actor: e.actor,
            subject: e.subject,
            data: e.data,
            hash: e.hash,
          })),
          submissions: submissions.map((s) => ({
            ...s,
            links: {
              self: `/v1/submissions/${s.id}`,
              trace: `/v1/consignments/${encodeURIComponent(s.ucr)}/trace`,
            },
          })),
          jurisdiction: jurisdictionOf(who!) ?? null,
        });
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
        if (party.status === "terminated")
          throw new ProblemError("SWG_CONFLICT", "cooperation with this party has ended; it gets no keys");
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
          actor: actorOf(who),
          now: ctx.clock.now(),
        });
        res.status(201).json({
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
        const c = await revokeKey(ctx.store, String(req.params["id"]), actorOf(who), ctx.clock.now());
        if (!c) throw new ProblemError("SWG_NOT_FOUND", "no such credential");
        auth.invalidate();
        res.json({ id: c.id, partyId: c.partyId, revokedAt: c.revokedAt });
      },
    },
  ];
}
