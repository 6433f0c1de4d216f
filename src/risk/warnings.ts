import { ProblemError } from "../errors/index.js";
import { recordCreditEvent } from "../parties/credit.js";
import type { Actor } from "../ports/records.js";
import type { RiskWarningRecord } from "../ports/register.js";
import type { Store } from "../ports/store.js";

export type WarningDecision =
  | { readonly action: "acknowledge"; readonly note: string | null }
  | { readonly action: "dismiss"; readonly reason: string }
  | { readonly action: "escalate"; readonly reason: string; readonly points: number | null };

const STATUS = { acknowledge: "acknowledged", dismiss: "dismissed", escalate: "escalated" } as const;

/**
 * A regulator decides an open risk warning: acknowledges it (seen, no finding), dismisses it (a
 * reason is required), or escalates it into a credit event against the party. Audited on the
 * party's chain; a warning is decided once.
 */
export async function decideWarning(
  store: Store,
  id: string,
  d: WarningDecision,
  actor: Actor,
  now: Date,
): Promise<RiskWarningRecord> {
  const reason = d.action === "acknowledge" ? d.note : d.reason;
  if (d.action !== "acknowledge" && d.reason.trim().length === 0)
    throw new ProblemError("SWG_VALIDATION_FAILED", `to ${d.action} a warning, state the reason`, [
      { message: "reason is required", pointer: "/reason" },
    ]);
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const w = await tx.riskWarnings.get(id);
    if (!w) throw new ProblemError("SWG_NOT_FOUND", "no such risk warning");
    if (w.status !== "open") throw new ProblemError("SWG_CONFLICT", `warning ${id} is ${w.status} already`);
    const credit =
      d.action === "escalate"
        ? await recordCreditEvent(
            tx,
            {
              partyId: w.partyId,
              kind: "risk-escalated",
              points: d.points,
              sourceType: "risk-warning",
              sourceId: w.id,
              summary: `${w.ruleId} escalated: ${d.reason}`,
              at,
              actor,
            },
            now,
          )
        : undefined;
    const patch = {
      status: STATUS[d.action],
      decidedAt: at,
      decidedBy: actor,
      decisionReason: reason,
      creditEventId: credit?.id ?? null,
    };
    if (!(await tx.riskWarnings.decide(id, patch)))
      throw new ProblemError("SWG_CONFLICT", `warning ${id} was decided meanwhile`);
    await tx.audit.append({
      chain: `party:${w.partyId}`,
      type: `risk.${patch.status}`,
      at,
      actor,
      subject: { partyId: w.partyId, submissionId: w.submissionId },
      data: { warningId: id, ruleId: w.ruleId, reason, creditEventId: patch.creditEventId },
    });
    return { ...w, ...patch };
  });
}
