import type { Actor } from "../ports/records.js";
import type { RiskWarningRecord } from "../ports/register.js";
import type { Tx } from "../ports/store.js";
import type { RiskOutcome } from "../risk/engine.js";
import { uuidv7 } from "../util/ids.js";
import type { Screening } from "./gate.js";

/** What the register adds to an accepted submission's commit unit. */
export interface RegisterEffects {
  readonly screening: Screening;
  readonly risk: RiskOutcome;
}

export interface EffectsInput {
  readonly submissionId: string;
  readonly ucr: string;
  /** The party the submission is for. */
  readonly ownerId: string;
  readonly actor: Actor;
  readonly at: string;
  readonly docs: readonly { readonly index: number; readonly id: string }[];
  readonly heldDeliveriesOf: (documentId: string) => readonly string[];
  readonly effects: RegisterEffects;
}

/**
 * Written inside the submission's group-committed unit, so a hold, a warning or a statistics count
 * exists exactly when the submission does. Party-level facts go to the party's chain (one event per
 * submission, and only when a measure or a risk rule applied); holds go to the consignment's chain.
 */
export async function recordRegisterEffects(tx: Tx, e: EffectsInput): Promise<void> {
  const { screening, risk } = e.effects;
  const partyChain = `party:${e.ownerId}`;
  const holding = screening.applied.filter((a) => a.effect === "held").map((a) => a.measureId);
  for (const d of e.docs) {
    if (!screening.heldDocuments.has(d.id)) continue;
    await tx.audit.append({
      chain: e.ucr,
      type: "document.held",
      at: e.at,
      actor: { partyId: null, role: "system" },
      subject: { submissionId: e.submissionId, documentId: d.id },
      data: { measures: holding, deliveries: e.heldDeliveriesOf(d.id) },
    });
  }
  if (screening.applied.length > 0) {
    await tx.audit.append({
      chain: partyChain,
      type: "measure.applied",
      at: e.at,
      actor: e.actor,
      subject: { submissionId: e.submissionId, partyId: e.ownerId },
      data: { ucr: e.ucr, measures: screening.applied },
    });
  }
  if (risk.hits.length > 0) {
    const warnings: RiskWarningRecord[] = risk.hits.map((h) => ({
      id: uuidv7(),
      ruleId: h.ruleId,
      severity: h.severity,
      submissionId: e.submissionId,
      documentId:
        h.documentIndex === null ? null : (e.docs.find((d) => d.index === h.documentIndex)?.id ?? null),
      ucr: e.ucr,
      partyId: e.ownerId,
      message: h.message,
      pointer: h.pointer,
      data: h.data,
      status: "open",
      createdAt: e.at,
      decidedAt: null,
      decidedBy: null,
      decisionReason: null,
      creditEventId: null,
    }));
    for (const w of warnings) await tx.riskWarnings.insert(w);
    // Not on the consignment's chain, which the exporter reads: a warning is for regulators.
    await tx.audit.append({
      chain: partyChain,
      type: "risk.flagged",
      at: e.at,
      actor: { partyId: null, role: "system" },
      subject: { submissionId: e.submissionId, partyId: e.ownerId },
      data: {
        ucr: e.ucr,
        warnings: warnings.map((w) => ({
          id: w.id,
          ruleId: w.ruleId,
          severity: w.severity,
          documentId: w.documentId,
        })),
      },
    });
  }
  await tx.riskStats.add(risk.observations);
}
