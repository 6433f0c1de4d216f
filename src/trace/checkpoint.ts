import type { Clock } from "../ports/clock.js";
import type { KeyStore, SealVerifierKey } from "../ports/keystore.js";
import type { CheckpointRecord } from "../ports/records.js";
import type { Store } from "../ports/store.js";
import { signJws, verifyJws } from "../pki/jws.js";
import { jcs } from "../util/jcs.js";
import { GENESIS_HASH } from "./chain.js";
import { merkleRoot, type HeadLeaf } from "./merkle.js";

/** What a checkpoint's signature covers. `prevRoot` links each checkpoint to the one before. */
export interface CheckpointStatement {
  readonly v: 1;
  readonly at: string;
  readonly prevRoot: string;
  readonly root: string;
  readonly leafCount: number;
}

export const CHECKPOINT_TYP = "swg-checkpoint+jws";

export function signCheckpoint(keys: KeyStore, st: CheckpointStatement): string {
  return signJws(keys.current(), Buffer.from(jcs(st)), { typ: CHECKPOINT_TYP });
}

/** Checks a checkpoint's signature and that it says what the row says. */
export function verifyCheckpointSignature(
  c: Omit<CheckpointRecord, "id">,
  resolveKey: (kid: string) => SealVerifierKey | undefined,
): { ok: true } | { ok: false; reason: string } {
  const v = verifyJws(c.signature, resolveKey);
  if (!v.ok) return { ok: false, reason: v.reason };
  let st: CheckpointStatement;
  try {
    st = JSON.parse(v.payload.toString("utf8")) as CheckpointStatement;
  } catch {
    return { ok: false, reason: "checkpoint statement is not JSON" };
  }
  if (st.root !== c.root || st.prevRoot !== c.prevRoot || st.leafCount !== c.leafCount || st.at !== c.at) {
    return { ok: false, reason: "the signed statement differs from the stored checkpoint" };
  }
  return { ok: true };
}

/**
 * Signs a Merkle root over every chain head that moved since the last checkpoint. Chains that
 * did not move stay attested by the earlier checkpoint that holds their head, and the
 * prevRoot links make the checkpoints one verifiable sequence.
 * Returns null when nothing moved.
 */
export async function makeCheckpoint(
  store: Store,
  keys: KeyStore,
  clock: Clock,
): Promise<CheckpointRecord | null> {
  try {
    return await store.transaction(async (tx) => {
      const latest = await tx.checkpoints.latest();
      const changed = await tx.audit.headsChangedSince(latest?.id ?? 0);
      if (changed.length === 0) return null;
      const leaves: HeadLeaf[] = changed.map((h) => ({ chain: h.chain, seq: h.seq, hash: h.hash }));
      const st: CheckpointStatement = {
        v: 1,
        at: clock.now().toISOString(),
        prevRoot: latest?.root ?? GENESIS_HASH,
        root: merkleRoot(leaves),
        leafCount: leaves.length,
      };
      return tx.checkpoints.insert(
        {
          at: st.at,
          prevRoot: st.prevRoot,
          root: st.root,
          leafCount: st.leafCount,
          signature: signCheckpoint(keys, st),
        },
        leaves.map((l, index) => ({ ...l, index })),
      );
    });
  } catch (e) {
    // Another process extended the checkpoint chain first (unique prev_root): its checkpoint stands.
    if (isUniqueViolation(e)) return null;
    throw e;
  }
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}
