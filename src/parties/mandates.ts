import { ProblemError, type Issue } from "../errors/index.js";
import { DOCUMENT_TYPES } from "../model/canonical.js";
import type { Actor } from "../ports/records.js";
import type { MandateRecord } from "../ports/register.js";
import type { Store } from "../ports/store.js";
import { uuidv7 } from "../util/ids.js";
import { AGENT_ROLES, rolesOf } from "./register.js";

export interface MandateGrant {
  readonly grantorId: string;
  readonly agentId: string;
  /** Null: every document type. */
  readonly documentTypes: readonly string[] | null;
  /** Null: every partner. */
  readonly partners: readonly string[] | null;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly note: string | null;
}

export function isMandateActive(m: MandateRecord, at: string): boolean {
  return m.revokedAt === null && m.validFrom <= at && (m.validUntil === null || at < m.validUntil);
}

/** Whether the mandate lets its agent submit a document of `type` that goes to `partners`. */
export function mandateCovers(m: MandateRecord, type: string, partners: readonly string[]): boolean {
  if (m.documentTypes && !m.documentTypes.includes(type)) return false;
  if (m.partners) {
    const allowed = m.partners;
    if (!partners.every((p) => allowed.includes(p))) return false;
  }
  return true;
}

/**
 * An exporter lets a declarant or customs broker submit for it. Both must be registered enterprises,
 * the agent declaring one of the agent roles; the grant is audited on both parties' chains.
 */
export async function grantMandate(
  store: Store,
  g: MandateGrant,
  knownPartners: ReadonlySet<string>,
  actor: Actor,
  now: Date,
): Promise<MandateRecord> {
  const issues: Issue[] = [];
  if (g.grantorId === g.agentId)
    issues.push({ message: "a party cannot mandate itself", pointer: "/agentId" });
  for (const [i, t] of (g.documentTypes ?? []).entries())
    if (!(DOCUMENT_TYPES as readonly string[]).includes(t))
      issues.push({ message: `unknown document type ${t}`, pointer: `/documentTypes/${i}` });
  for (const [i, p] of (g.partners ?? []).entries())
    if (!knownPartners.has(p)) issues.push({ message: `unknown partner ${p}`, pointer: `/partners/${i}` });
  if (g.validUntil !== null && g.validUntil <= g.validFrom)
    issues.push({ message: "validUntil is after validFrom", pointer: "/validUntil" });
  if (issues.length > 0) throw new ProblemError("SWG_VALIDATION_FAILED", "the mandate is not valid", issues);

  const at = now.toISOString();
  const m: MandateRecord = {
    id: uuidv7(now.getTime()),
    ...g,
    grantedAt: at,
    grantedBy: actor,
    revokedAt: null,
    revokedBy: null,
    revokeReason: null,
  };
  await store.transaction(async (tx) => {
    const [grantor, agent] = await Promise.all([tx.parties.get(g.grantorId), tx.parties.get(g.agentId)]);
    if (!grantor || grantor.kind !== "enterprise" || grantor.status !== "active")
      throw new ProblemError("SWG_NOT_FOUND", "no such active enterprise to grant the mandate");
    if (!agent || agent.kind !== "enterprise" || agent.status !== "active")
      throw new ProblemError("SWG_VALIDATION_FAILED", "the agent is not an active registered enterprise", [
        { message: `no active enterprise ${g.agentId}`, pointer: "/agentId" },
      ]);
    if (!rolesOf(agent).some((r) => (AGENT_ROLES as readonly string[]).includes(r)))
      throw new ProblemError("SWG_VALIDATION_FAILED", "the agent is not a declarant or customs broker", [
        { message: `party ${agent.id} declares none of ${AGENT_ROLES.join(", ")}`, pointer: "/agentId" },
      ]);
    await tx.mandates.insert(m);
    const data = {
      mandateId: m.id,
      grantorId: m.grantorId,
      agentId: m.agentId,
      documentTypes: m.documentTypes,
      partners: m.partners,
      validFrom: m.validFrom,
      validUntil: m.validUntil,
    };
    for (const partyId of [m.grantorId, m.agentId])
      await tx.audit.append({
        chain: `party:${partyId}`,
        type: "mandate.granted",
        at,
        actor,
        subject: { partyId },
        data,
      });
  });
  return m;
}

export async function revokeMandate(
  store: Store,
  id: string,
  reason: string | null,
  actor: Actor,
  now: Date,
): Promise<MandateRecord> {
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const m = await tx.mandates.get(id);
    if (!m) throw new ProblemError("SWG_NOT_FOUND", "no such mandate");
    if (!(await tx.mandates.revoke(id, at, actor, reason)))
      throw new ProblemError("SWG_CONFLICT", `mandate ${id} was revoked at ${m.revokedAt ?? "?"}`);
    for (const partyId of [m.grantorId, m.agentId])
      await tx.audit.append({
        chain: `party:${partyId}`,
        type: "mandate.revoked",
        at,
        actor,
        subject: { partyId },
        data: { mandateId: id, grantorId: m.grantorId, agentId: m.agentId, reason },
      });
    return { ...m, revokedAt: at, revokedBy: actor, revokeReason: reason };
  });
}
