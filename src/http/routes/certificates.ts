import { ProblemError } from "../../errors/index.js";
import { certsFromPem } from "../../pki/cert.js";
import { SIGNING_USAGE } from "../../pki/chain.js";
import type { TrustKind } from "../../pki/trust.js";
import type { PartyRecord } from "../../ports/records.js";
import type { AppContext } from "../context.js";
import type { Principal, RouteDef } from "../types.js";
import { ERR, JSON_OBJECT, PROBLEM } from "./schemas.js";

const MAX_PEM = 64 * 1024;

/** Which anchors a party's certificates must chain to: its partner kind, or exporter for enterprises. */
function trustKindOf(p: PartyRecord): TrustKind {
  return p.partnerKind ?? "exporter";
}

const actorOf = (who: Principal) => ({
  partyId: who.partyId,
  role: who.role,
  credentialId: who.credentialId,
});

/**
 * Certificates bound to a party: a submission signed by a valid certificate that is not bound to
 * the submitting party is refused (issue 7). Binding validates the certificate first.
 */
export function certificateRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: "post",
      path: "/v1/parties/:id/certificates",
      operationId: "bindCertificate",
      summary: "Bind a signing certificate to a party (PEM; validated against the trust anchors first)",
      tags: ["parties"],
      roles: ["admin"],
      body: "raw",
      bodyLimit: MAX_PEM,
      requestContentTypes: ["application/x-pem-file", "text/plain"],
      responses: {
        "201": { description: "Bound", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
        "422": {
          description: "Not a valid signing certificate",
          contentType: "application/problem+json",
          schema: PROBLEM,
        },
      },
      handler: async (req, res, who) => {
        const party = await ctx.store.read.parties.get(String(req.params["id"]));
        if (!party) throw new ProblemError("SWG_NOT_FOUND", "no such party");
        const pem = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
        let certs;
        try {
          certs = certsFromPem(pem);
        } catch (e) {
          throw new ProblemError("SWG_BAD_REQUEST", `not a PEM certificate: ${(e as Error).message}`);
        }
        const leaf = certs[0];
        if (!leaf) throw new ProblemError("SWG_BAD_REQUEST", "the body holds no PEM certificate");
        const now = ctx.clock.now();
        const chain = await ctx.pipeline.trust.validate(leaf, {
          kind: trustKindOf(party),
          at: now,
          usage: SIGNING_USAGE,
          extra: certs.slice(1),
        });
        if (!chain.ok) {
          const code =
            chain.reason === "revoked"
              ? "SWG_CERTIFICATE_REVOKED"
              : chain.reason === "expired" || chain.reason === "not-yet-valid"
                ? "SWG_CERTIFICATE_EXPIRED"
                : "SWG_CERTIFICATE_UNTRUSTED";
          throw new ProblemError(code, chain.message, [], {
            reason: chain.reason,
            certificate: {
              subject: leaf.subject,
              issuer: leaf.issuer,
              serial: leaf.serial,
              sha256: leaf.fingerprint,
            },
          });
        }
        const record = {
          partyId: party.id,
          sha256: leaf.fingerprint,
          subject: leaf.subject,
          issuer: leaf.issuer,
          serial: leaf.serial,
          notAfter: leaf.notAfter.toISOString(),
          pem: leaf.node.toString(),
          addedAt: now.toISOString(),
          removedAt: null,
        };
        await ctx.store.transaction(async (tx) => {
          await tx.certificates.bind(record);
          await tx.audit.append({
            chain: `party:${party.id}`,
            type: "certificate.bound",
            at: record.addedAt,
            actor: actorOf(who!),
            subject: { partyId: party.id },
            data: {
              sha256: record.sha256,
              subject: record.subject,
              issuer: record.issuer,
              serial: record.serial,
              notAfter: record.notAfter,
            },
          });
        });
        const { pem: _pem, ...shown } = record;
        res.status(201).json(shown);
      },
    },
    {
      method: "get",
      path: "/v1/parties/:id/certificates",
      operationId: "listCertificates",
      summary: "The certificates a party may sign with",
      tags: ["parties"],
      roles: ["exporter", "partner", "regulator", "operator", "admin"],
      body: "none",
      responses: {
        "200": { description: "Bound certificates", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const id = String(req.params["id"]);
        const mayRead =
          who!.role === "admin" ||
          who!.role === "regulator" ||
          who!.role === "operator" ||
          who!.partyId === id;
        if (!mayRead || !(await ctx.store.read.parties.get(id)))
          throw new ProblemError("SWG_NOT_FOUND", "no such party visible to you");
        const list = await ctx.store.read.certificates.list(id, { includeRemoved: true });
        res.json({ certificates: list.map(({ pem: _pem, ...c }) => c) });
      },
    },
    {
      method: "delete",
      path: "/v1/parties/:id/certificates/:sha256",
      operationId: "unbindCertificate",
      summary: "Stop accepting signatures by a certificate",
      tags: ["parties"],
      roles: ["admin"],
      body: "none",
      responses: {
        "200": { description: "Unbound", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        const partyId = String(req.params["id"]);
        const sha256 = String(req.params["sha256"]).toLowerCase();
        const at = ctx.clock.now().toISOString();
        const removed = await ctx.store.transaction(async (tx) => {
          const ok = await tx.certificates.remove(partyId, sha256, at);
          if (ok) {
            await tx.audit.append({
              chain: `party:${partyId}`,
              type: "certificate.unbound",
              at,
              actor: actorOf(who!),
              subject: { partyId },
              data: { sha256 },
            });
          }
          return ok;
        });
        if (!removed) throw new ProblemError("SWG_NOT_FOUND", "no such bound certificate");
        res.json({ partyId, sha256, removedAt: at });
      },
    },
  ];
}
