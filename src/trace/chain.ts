import { createHash } from "node:crypto";
import type { AuditEventInput, AuditEventRecord } from "../ports/records.js";
import { jcs } from "../util/jcs.js";

/** The prev_hash of the first event of every chain. */
export const GENESIS_HASH = "0".repeat(64);

/** The part of an event that its hash covers: everything but the storage id and the hashes. */
export function hashedBody(e: AuditEventInput & { seq: number }): Record<string, unknown> {
  return {
    chain: e.chain,
    seq: e.seq,
    type: e.type,
    at: e.at,
    actor: e.actor,
    subject: e.subject,
    data: e.data,
  };
}

/** hash = sha256(prev_hash ‖ JCS(event)), hex. prev_hash enters as its 64 hex characters. */
export function eventHash(prevHash: string, e: AuditEventInput & { seq: number }): string {
  return createHash("sha256")
    .update(prevHash)
    .update(jcs(hashedBody(e)))
    .digest("hex");
}

export type ChainBreak =
  | { readonly kind: "hash-mismatch"; readonly seq: number; readonly id: number }
  | { readonly kind: "prev-mismatch"; readonly seq: number; readonly id: number }
  | { readonly kind: "gap"; readonly expectedSeq: number; readonly foundSeq: number; readonly id: number }
  | { readonly kind: "head-mismatch"; readonly seq: number; readonly detail: string };

export interface ChainVerdict {
  readonly chain: string;
  readonly ok: boolean;
  readonly events: number;
  readonly headSeq: number;
  readonly headHash: string;
  /** The first broken link, named precisely. */
  readonly firstBreak?: ChainBreak & { readonly message: string };
}

/**
 * Recomputes a chain from its first event. `events` must be ordered by the order they were
 * stored in (their storage id), not by their seq, so that a reordering shows up.
 */
export function verifyChain(
  chain: string,
  events: readonly AuditEventRecord[],
  head?: { seq: number; hash: string },
): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  const fail = (b: ChainBreak, message: string): ChainVerdict => ({
    chain,
    ok: false,
    events: events.length,
    headSeq: expectedSeq - 1,
    headHash: prev,
    firstBreak: { ...b, message },
  });
  for (const e of events) {
    if (e.seq !== expectedSeq) {
      return fail(
        { kind: "gap", expectedSeq, foundSeq: e.seq, id: e.id },
        `chain ${chain}: expected event seq ${expectedSeq} but found seq ${e.seq} (event id ${e.id}): an event was deleted or reordered`,
      );
    }
    if (e.prevHash !== prev) {
      return fail(
        { kind: "prev-mismatch", seq: e.seq, id: e.id },
        `chain ${chain}: event seq ${e.seq} (id ${e.id}) does not link to the hash of event seq ${e.seq - 1}`,
      );
    }
    const h = eventHash(prev, e);
    if (h !== e.hash) {
      return fail(
        { kind: "hash-mismatch", seq: e.seq, id: e.id },
        `chain ${chain}: event seq ${e.seq} (id ${e.id}) was changed after it was written (its hash does not match its content)`,
      );
    }
    prev = h;
    expectedSeq++;
  }
  const last = expectedSeq - 1;
  if (head && (head.seq !== last || head.hash !== prev)) {
    return fail(
      { kind: "head-mismatch", seq: head.seq, detail: `stored head ${head.seq}:${head.hash.slice(0, 12)}` },
      `chain ${chain}: the recorded head is seq ${head.seq} but the events end at seq ${last}: events after seq ${last} were deleted`,
    );
  }
  return { chain, ok: true, events: events.length, headSeq: last, headHash: prev };
}
