import { ProblemError } from "../errors/index.js";
import type { Actor, DocumentRecord } from "../ports/records.js";
import type { Store } from "../ports/store.js";

export interface HoldDecision {
  readonly documentId: string;
  readonly decision: "released" | "refused";
  readonly reason: string;
}

/**
 * A regulator settles a document a partial restriction held: released, its held deliveries go out
 * as planned (pending again, same message ids); refused, they are cancelled, the document is no
 * longer current, and the version it would have replaced is current again.
 */
export async function settleHold(
  store: Store,
  d: HoldDecision,
  actor: Actor,
  now: Date,
): Promise<{ document: DocumentRecord; deliveries: string[] }> {
  if (d.reason.trim().length === 0)
    throw new ProblemError("SWG_VALIDATION_FAILED", "a review states its reason", [
      { message: "reason is required", pointer: "/reason" },
    ]);
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const doc = await tx.documents.get(d.documentId);
    if (!doc || doc.status !== "held")
      throw new ProblemError("SWG_NOT_FOUND", "no held document with this id");
    const released = d.decision === "released";
    const status = released ? (doc.functionCode === "cancellation" ? "cancelled" : "accepted") : "cancelled";
    const current = released ? doc.functionCode !== "cancellation" : false;
    if (!(await tx.holds.settle(doc.id, status, current)))
      throw new ProblemError("SWG_CONFLICT", `document ${doc.id} was settled meanwhile`);
    if (!released && doc.supersedes) await tx.holds.restore(doc.supersedes);
    const moved: string[] = [];
    for (const del of await tx.deliveries.listByDocument(doc.id)) {
      if (del.state !== "held") continue;
      const ok = await tx.deliveries.transition(del.id, ["held"], {
        state: released ? "pending" : "cancelled",
        nextAttemptAt: null,
        updatedAt: at,
      });
      if (ok) moved.push(del.id);
    }
    await tx.audit.append({
      chain: doc.ucr,
      type: released ? "document.released" : "document.refused",
      at,
      actor,
      subject: { submissionId: doc.submissionId, documentId: doc.id },
      data: { reason: d.reason, deliveries: moved, restored: !released ? doc.supersedes : null },
    });
    await tx.audit.append({
      chain: `party:${doc.issuerPartyId}`,
      type: released ? "hold.released" : "hold.refused",
      at,
      actor,
      subject: { partyId: doc.issuerPartyId, submissionId: doc.submissionId },
      data: { documentId: doc.id, ucr: doc.ucr, type: doc.type, reason: d.reason },
    });
    return { document: { ...doc, status, isCurrent: current }, deliveries: moved };
  });
}
