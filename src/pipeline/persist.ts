import type { Issue } from "../errors/index.js";
import type { Actor } from "../ports/records.js";
import { recordRegisterEffects, type RegisterEffects } from "../parties/effects.js";
import type { Store } from "../ports/store.js";
import { documentKeys } from "./document-keys.js";
import { recordPlannedDelivery } from "./route/record.js";
import type { SignatureSummary } from "./verify/signatures.js";
import type { PlannedDelivery, SealedDoc, SignedReceipt, Submitter } from "./types.js";

export interface Accepted {
  readonly submissionId: string;
  readonly ucr: string;
  readonly idempotencyKey: string | null;
  readonly requestDigest: string;
  readonly receivedAt: Date;
  readonly submitter: Submitter;
  readonly docs: readonly SealedDoc[];
  readonly deliveries: readonly PlannedDelivery[];
  readonly receipt: SignedReceipt;
  readonly warnings: readonly Issue[];
  /** Holds, reminders, risk warnings and price statistics from the register's stages. */
  readonly register: RegisterEffects;
  /** What the exporter gets back (and gets again on an idempotent replay). */
  readonly response: unknown;
  readonly now: Date;
  /** Verified submitter signatures, by part index. */
  readonly signatures: ReadonlyMap<number, SignatureSummary>;
}

export function actorOf(s: Submitter): Actor {
  return { partyId: s.partyId, role: s.role, credentialId: s.credentialId, onBehalfOf: s.onBehalfOf };
}

/**
 * Accepted means durable: the submission, its documents, their deliveries (the outbox) and
 * their audit events are one unit, group-committed, and the caller answers 202 only after it.
 */
export function persist(store: Store, a: Accepted): Promise<void> {
  const at = a.now.toISOString();
  const actor = actorOf(a.submitter);
  // A broker submits for the exporter: the documents are the exporter's.
  const issuer = a.submitter.onBehalfOf ?? a.submitter.partyId;
  return store.unit(async (tx) => {
    await tx.submissions.insert({
      id: a.submissionId,
      partyId: issuer,
      credentialId: a.submitter.credentialId,
      actingFor: a.submitter.onBehalfOf ? a.submitter.partyId : null,
      idempotencyKey: a.idempotencyKey,
      requestDigest: a.requestDigest,
      receivedAt: a.receivedAt.toISOString(),
      ucr: a.ucr,
      documentIds: a.docs.map((d) => d.canonical.id),
      httpStatus: 202,
      response: a.response,
      receipt: a.receipt,
    });
    await tx.audit.append({
      chain: a.ucr,
      type: "submission.accepted",
      at,
      actor,
      subject: { submissionId: a.submissionId },
      data: { requestDigest: a.requestDigest, documents: a.docs.length, warnings: a.warnings.length },
    });
    for (const d of a.docs) {
      const c = d.canonical;
      if (d.supersedes)
        await tx.documents.markSuperseded(
          d.supersedes.id,
          c.functionCode === "cancellation" ? "cancelled" : "superseded",
        );
      await tx.documents.insert({
        id: c.id,
        submissionId: a.submissionId,
        ucr: c.ucr,
        lineageId: d.lineageId,
        type: c.type,
        number: c.number,
        version: c.version,
        functionCode: c.functionCode,
        supersedes: d.supersedes?.id ?? null,
        issuerPartyId: issuer,
        originalFormat: c.original.format,
        originalMediaType: c.original.mediaType,
        originalBytes: d.part.bytes,
        originalDigest: d.originalDigest,
        canonical: d.jcs,
        canonicalDigest: d.canonicalDigest,
        seal: d.seal,
        status: a.register.screening.heldDocuments.has(c.id)
          ? "held"
          : c.functionCode === "cancellation"
            ? "cancelled"
            : "accepted",
        isCurrent: c.functionCode !== "cancellation",
        findings: d.warnings,
        mapping: d.report,
        createdAt: at,
      });
      await tx.documents.addKeys(
        documentKeys(c, {
          issuerPartyId: issuer,
          type: c.type,
          lineageId: d.lineageId,
          documentId: c.id,
          createdAt: at,
        }),
      );
      await tx.audit.append({
        chain: c.ucr,
        type:
          c.original.format === "derived"
            ? "document.derived"
            : c.functionCode === "original"
              ? "document.accepted"
              : c.functionCode === "replacement"
                ? "document.amended"
                : "document.cancelled",
        at,
        actor,
        subject: { submissionId: a.submissionId, documentId: c.id },
        data: {
          type: c.type,
          number: c.number,
          version: c.version,
          supersedes: d.supersedes?.id ?? null,
          format: c.original.format,
          originalDigest: d.originalDigest,
          canonicalDigest: d.canonicalDigest,
          unmapped: d.report.unmapped.length,
          signature: a.signatures.get(d.part.index) ?? null,
        },
      });
    }
    for (const p of a.deliveries)
      await recordPlannedDelivery(tx, p, {
        state: a.register.screening.heldDeliveries.has(p.id) ? "held" : "pending",
        actor: { partyId: null, role: "system" },
        at,
      });
    await recordRegisterEffects(tx, {
      submissionId: a.submissionId,
      ucr: a.ucr,
      ownerId: issuer,
      actor,
      at,
      docs: a.docs.map((d) => ({ index: d.index, id: d.canonical.id })),
      heldDeliveriesOf: (id) =>
        a.deliveries
          .filter((p) => p.documentId === id && a.register.screening.heldDeliveries.has(p.id))
          .map((p) => p.id),
      effects: a.register,
    });
  });
}
