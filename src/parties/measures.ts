import { ProblemError, type Issue } from "../errors/index.js";
import { DOCUMENT_TYPES } from "../model/canonical.js";
import type { Actor } from "../ports/records.js";
import type { MeasureLevel, MeasureRecord, TerminationGround } from "../ports/register.js";
import type { Store } from "../ports/store.js";
import { uuidv7 } from "../util/ids.js";

export interface NewMeasure {
  readonly partyId: string;
  readonly level: MeasureLevel;
  readonly reason: string;
  readonly documentTypes: readonly string[] | null;
  readonly partners: readonly string[] | null;
  readonly action: "hold" | "refuse" | null;
  readonly grounds: TerminationGround | null;
  readonly startsAt: string;
  readonly endsAt: string | null;
}

export function isMeasureActive(m: MeasureRecord, at: string): boolean {
  return m.liftedAt === null && m.startsAt <= at && (m.endsAt === null || at < m.endsAt);
}

/** The strongest first: the order in which a submission meets them. */
export const SEVERITY: Readonly<Record<MeasureLevel, number>> = {
  terminated: 4,
  full: 3,
  partial: 2,
  reminder: 1,
};

/** How a measure is named to the party it restricts (problem+json extensions, receipts). */
export function describeMeasure(m: MeasureRecord) {
  return {
    id: m.id,
    level: m.level,
    reason: m.reason,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    ...(m.level === "partial"
      ? { documentTypes: m.documentTypes, partners: m.partners, action: m.action }
      : {}),
    ...(m.grounds ? { grounds: m.grounds } : {}),
  };
}

function check(m: NewMeasure, knownPartners: ReadonlySet<string>): Issue[] {
  const issues: Issue[] = [];
  if (m.reason.trim().length === 0)
    issues.push({ message: "a measure states its reason", pointer: "/reason" });
  if (m.endsAt !== null && m.endsAt <= m.startsAt)
    issues.push({ message: "endsAt is after startsAt", pointer: "/endsAt" });
  if (m.level === "partial") {
    if (!m.action) issues.push({ message: "a partial restriction holds or refuses", pointer: "/action" });
    if (!m.documentTypes && !m.partners)
      issues.push({
        message: "a partial restriction names document types, partners or both",
        pointer: "/documentTypes",
      });
  } else if (m.action || m.documentTypes || m.partners) {
    issues.push({ message: "only a partial restriction has a scope and an action", pointer: "/action" });
  }
  for (const [i, t] of (m.documentTypes ?? []).entries())
    if (!(DOCUMENT_TYPES as readonly string[]).includes(t))
      issues.push({ message: `unknown document type ${t}`, pointer: `/documentTypes/${i}` });
  for (const [i, p] of (m.partners ?? []).entries())
    if (!knownPartners.has(p)) issues.push({ message: `unknown partner ${p}`, pointer: `/partners/${i}` });
  if (m.level === "terminated" ? !m.grounds : m.grounds)
    issues.push({ message: "grounds are given exactly when cooperation is terminated", pointer: "/grounds" });
  if (m.level === "terminated" && m.endsAt !== null)
    issues.push({ message: "ending cooperation has no end date", pointer: "/endsAt" });
  return issues;
}

/**
 * A regulator imposes a graded measure. Terminating cooperation also revokes every credential of
 * the party and marks it terminated; its documents and chains stay as they are, so its history
 * remains traceable.
 */
export async function imposeMeasure(
  store: Store,
  n: NewMeasure,
  knownPartners: ReadonlySet<string>,
  actor: Actor,
  now: Date,
): Promise<MeasureRecord> {
  const issues = check(n, knownPartners);
  if (issues.length > 0) throw new ProblemError("SWG_VALIDATION_FAILED", "the measure is not valid", issues);
  const at = now.toISOString();
  const m: MeasureRecord = {
    id: uuidv7(now.getTime()),
    ...n,
    setAt: at,
    setBy: actor,
    liftedAt: null,
    liftedBy: null,
    liftReason: null,
  };
  await store.transaction(async (tx) => {
    const party = await tx.parties.get(n.partyId);
    if (!party) throw new ProblemError("SWG_NOT_FOUND", "no such party");
    if (party.status === "terminated")
      throw new ProblemError("SWG_CONFLICT", `cooperation with party ${party.id} has ended already`);
    await tx.measures.insert(m);
    const chain = `party:${party.id}`;
    await tx.audit.append({
      chain,
      type: "measure.imposed",
      at,
      actor,
      subject: { partyId: party.id },
      data: describeMeasure(m),
    });
    if (m.level !== "terminated") return;
    await tx.parties.update(party.id, { status: "terminated", updatedAt: at });
    for (const c of await tx.credentials.listForParty(party.id)) {
      if (!(await tx.credentials.revoke(c.id, at))) continue;
      await tx.audit.append({
        chain,
        type: "credential.revoked",
        at,
        actor,
        subject: { partyId: party.id },
        data: { credentialId: c.id, keyPrefix: c.keyPrefix, measureId: m.id },
      });
    }
    await tx.audit.append({
      chain,
      type: "party.terminated",
      at,
      actor,
      subject: { partyId: party.id },
      data: { measureId: m.id, grounds: m.grounds, reason: m.reason },
    });
  });
  return m;
}

export async function liftMeasure(
  store: Store,
  id: string,
  reason: string,
  actor: Actor,
  now: Date,
): Promise<MeasureRecord> {
  if (reason.trim().length === 0)
    throw new ProblemError("SWG_VALIDATION_FAILED", "lifting a measure states why", [
      { message: "reason is required", pointer: "/reason" },
    ]);
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const m = await tx.measures.get(id);
    if (!m) throw new ProblemError("SWG_NOT_FOUND", "no such measure");
    if (m.level === "terminated")
      throw new ProblemError(
        "SWG_CONFLICT",
        "ended cooperation is not lifted; the enterprise registers anew",
      );
    if (!(await tx.measures.lift(id, at, actor, reason)))
      throw new ProblemError("SWG_CONFLICT", `measure ${id} was lifted at ${m.liftedAt ?? "?"}`);
    await tx.audit.append({
      chain: `party:${m.partyId}`,
      type: "measure.lifted",
      at,
      actor,
      subject: { partyId: m.partyId },
      data: { measureId: id, level: m.level, reason },
    });
    return { ...m, liftedAt: at, liftedBy: actor, liftReason: reason };
  });
}
