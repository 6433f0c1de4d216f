import { ProblemError } from "../errors/index.js";
import type { Actor, PartyRecord, VerificationStatus } from "../ports/records.js";
import type { EvidenceRef } from "../ports/register.js";
import type { Store } from "../ports/store.js";
import { uuidv7 } from "../util/ids.js";

/**
 * Real-name verification: unverified → documents-submitted → verified | rejected. A rejected
 * party may submit documents again; a verified one stays verified (a regulator's measure, not a
 * verification step, is how a verified party is restricted).
 */
const NEXT: Readonly<Record<VerificationStatus, readonly VerificationStatus[]>> = {
  unverified: ["documents-submitted"],
  "documents-submitted": ["documents-submitted", "verified", "rejected"],
  rejected: ["documents-submitted"],
  verified: [],
};

const EVENT: Readonly<Record<VerificationStatus, string>> = {
  unverified: "party.unverified",
  "documents-submitted": "party.verification-documents-submitted",
  verified: "party.verified",
  rejected: "party.verification-rejected",
};

export interface VerificationStep {
  readonly partyId: string;
  readonly to: VerificationStatus;
  readonly evidence: readonly EvidenceRef[];
  readonly reason: string | null;
}

/** One step of the workflow: recorded with who, when and on what evidence, and audited on the party's chain. */
export async function stepVerification(
  store: Store,
  step: VerificationStep,
  actor: Actor,
  now: Date,
): Promise<PartyRecord> {
  if (step.to === "documents-submitted" && step.evidence.length === 0)
    throw new ProblemError("SWG_VALIDATION_FAILED", "documents-submitted needs at least one evidence file", [
      { message: "evidence is required", pointer: "/evidence" },
    ]);
  if (step.to === "rejected" && !step.reason)
    throw new ProblemError("SWG_VALIDATION_FAILED", "a rejection states its reason", [
      { message: "reason is required", pointer: "/reason" },
    ]);
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const party = await tx.parties.get(step.partyId);
    if (!party) throw new ProblemError("SWG_NOT_FOUND", "no such party");
    if (!NEXT[party.verification].includes(step.to))
      throw new ProblemError(
        "SWG_CONFLICT",
        `party ${party.id} is ${party.verification}; it cannot become ${step.to}`,
        [],
        { verification: party.verification, allowed: NEXT[party.verification] },
      );
    await tx.verifications.insert({
      id: uuidv7(now.getTime()),
      partyId: party.id,
      from: party.verification,
      to: step.to,
      evidence: step.evidence,
      reason: step.reason,
      actor,
      at,
    });
    await tx.parties.update(party.id, { verification: step.to, updatedAt: at });
    await tx.audit.append({
      chain: `party:${party.id}`,
      type: EVENT[step.to],
      at,
      actor,
      subject: { partyId: party.id },
      data: {
        from: party.verification,
        to: step.to,
        evidence: step.evidence.map((e) => ({ name: e.name, mediaType: e.mediaType, digest: e.digest })),
        reason: step.reason,
      },
    });
    return { ...party, verification: step.to, updatedAt: at };
  });
}
