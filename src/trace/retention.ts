import { signJws } from "../pki/jws.js";
import type { Clock } from "../ports/clock.js";
import type { KeyStore } from "../ports/keystore.js";
import type { Actor } from "../ports/records.js";
import type { Store } from "../ports/store.js";
import { digestOf } from "../util/digest.js";
import { jcs } from "../util/jcs.js";

export const TOMBSTONE_TYP = "swg-tombstone+jws";

export interface RetentionPolicy {
  /** Bodies of documents older than this may go. */
  readonly olderThanDays: number;
  /** SWG_IDEMPOTENCY_WINDOW_HOURS: nothing inside the duplicate-detection window is touched. */
  readonly idempotencyWindowHours: number;
  /** At most this many documents per run. */
  readonly limit: number;
  /** List what would be purged, change nothing. */
  readonly dryRun: boolean;
}

export interface PurgeOutcome {
  readonly cutoff: string;
  readonly dryRun: boolean;
  readonly purged: readonly string[];
}

/** What a tombstone's signature covers. */
export interface TombstoneStatement {
  readonly v: 1;
  readonly type: "document-tombstone";
  readonly documentId: string;
  readonly ucr: string;
  readonly submissionId: string;
  readonly documentType: string;
  readonly number: string | null;
  readonly version: number;
  readonly purgedAt: string;
  readonly originalDigest: string;
  readonly originalSize: number;
  readonly canonicalDigest: string;
  readonly canonicalSize: number;
  /** Kept so that the flow graph still links a purged document to the ones it referenced. */
  readonly references: readonly unknown[];
  readonly policy: { readonly olderThanDays: number; readonly idempotencyWindowHours: number };
}

/**
 * Purges the bodies (original bytes and canonical JSON) of documents past retention. It never
 * touches audit events (no code path deletes or updates them), never a document inside the
 * duplicate-detection window, and never one with a delivery still under way (the adapter host
 * renders from the canonical). Each purge leaves a signed tombstone with the digests, so seals,
 * receipts and the chain stay checkable against them, and appends `document.purged` to the chain.
 */
export async function purgeBodies(
  deps: { store: Store; keys: KeyStore; clock: Clock },
  policy: RetentionPolicy,
  actor: Actor,
): Promise<PurgeOutcome> {
  const now = deps.clock.now();
  const keepMs = Math.max(policy.olderThanDays * 86_400_000, policy.idempotencyWindowHours * 3_600_000);
  const cutoff = new Date(now.getTime() - keepMs).toISOString();
  const candidates = await deps.store.read.trace.purgeCandidates({ before: cutoff, limit: policy.limit });
  if (policy.dryRun) return { cutoff, dryRun: true, purged: candidates.map((d) => d.id) };
  const purged: string[] = [];
  const purgedAt = now.toISOString();
  for (const summary of candidates) {
    const d = await deps.store.read.documents.get(summary.id);
    if (!d) continue;
    let references: unknown[] = [];
    try {
      const parsed = JSON.parse(d.canonical) as { references?: unknown };
      if (Array.isArray(parsed.references)) references = parsed.references;
    } catch {
      references = [];
    }
    const st: TombstoneStatement = {
      v: 1,
      type: "document-tombstone",
      documentId: d.id,
      ucr: d.ucr,
      submissionId: d.submissionId,
      documentType: d.type,
      number: d.number,
      version: d.version,
      purgedAt,
      originalDigest: d.originalDigest,
      originalSize: d.originalBytes.length,
      canonicalDigest: d.canonicalDigest,
      canonicalSize: Buffer.byteLength(d.canonical),
      references,
      policy: { olderThanDays: policy.olderThanDays, idempotencyWindowHours: policy.idempotencyWindowHours },
    };
    const statement = jcs(st);
    const signature = signJws(
      deps.keys.current(),
      Buffer.from(statement),
      { typ: TOMBSTONE_TYP },
      { detached: true },
    );
    const done = await deps.store.unit(async (tx) => {
      const fresh = await tx.trace.purge(
        {
          documentId: d.id,
          ucr: d.ucr,
          purgedAt,
          originalDigest: d.originalDigest,
          canonicalDigest: d.canonicalDigest,
          statement,
          signature,
        },
        statement,
      );
      if (fresh)
        await tx.audit.append({
          chain: d.ucr,
          type: "document.purged",
          at: purgedAt,
          actor,
          subject: { documentId: d.id },
          data: {
            originalDigest: d.originalDigest,
            canonicalDigest: d.canonicalDigest,
            tombstoneDigest: digestOf(statement),
            cutoff,
          },
        });
      return fresh;
    });
    if (done) purged.push(d.id);
  }
  return { cutoff, dryRun: false, purged };
}
