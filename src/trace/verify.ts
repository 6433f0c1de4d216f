import type { KeyStore } from "../ports/keystore.js";
import type { Store } from "../ports/store.js";
import { GENESIS_HASH, verifyChain, type ChainVerdict } from "./chain.js";
import { verifyCheckpointSignature } from "./checkpoint.js";
import { merkleRoot } from "./merkle.js";

export interface CheckpointProblem {
  readonly checkpointId: number;
  readonly message: string;
}

export interface AuditVerdict {
  readonly ok: boolean;
  readonly range: { readonly from?: string; readonly to?: string };
  readonly chainsChecked: number;
  readonly eventsChecked: number;
  readonly checkpointsChecked: number;
  readonly brokenChains: readonly ChainVerdict[];
  readonly checkpointProblems: readonly CheckpointProblem[];
  /** The first thing found wrong, in words. */
  readonly firstBreak?: string;
}

const PAGE = 500;

/** Recomputes one chain from its first event and compares it with its recorded head. */
export async function verifyOneChain(store: Store, chain: string): Promise<ChainVerdict> {
  const [events, head] = await Promise.all([store.read.audit.chain(chain), store.read.audit.head(chain)]);
  return verifyChain(chain, events, head ?? { seq: 0, hash: GENESIS_HASH });
}

/** The chain's last attested head, compared with the event stored at that seq. */
async function againstLastCheckpoint(store: Store, chain: string): Promise<CheckpointProblem[]> {
  const leaf = await store.read.checkpoints.lastLeafFor(chain);
  if (!leaf) return [];
  const [e] = await store.read.audit.chain(chain, { fromSeq: leaf.seq, limit: 1 });
  if (e && e.seq === leaf.seq && e.hash === leaf.hash) return [];
  return [
    {
      checkpointId: leaf.checkpointId,
      message: `chain ${chain} was rewritten: checkpoint ${leaf.checkpointId} attests seq ${leaf.seq} with another hash than the stored event${e && e.seq === leaf.seq ? "" : " (missing)"}`,
    },
  ];
}

/**
 * Verifies every chain with an event in [from, to] (whole chains, from genesis, and each against the
 * last checkpoint that attested it), and every checkpoint in the range: its signature, its link to
 * the previous checkpoint, its Merkle root over its leaves, and that each leaf still matches the
 * event it attested.
 */
export async function verifyAudit(
  store: Store,
  keys: KeyStore,
  range: { from?: string; to?: string } = {},
): Promise<AuditVerdict> {
  const broken: ChainVerdict[] = [];
  // A chain rewritten consistently recomputes fine; the checkpoint that attested it, whenever it was
  // signed (inside the range or not), still holds the old head.
  const attestation: CheckpointProblem[] = [];
  let chainsChecked = 0;
  let eventsChecked = 0;
  let after: string | undefined;
  for (;;) {
    const names = await store.read.audit.chainNames({
      limit: PAGE,
      ...(after !== undefined ? { after } : {}),
      ...(range.from !== undefined ? { fromAt: range.from } : {}),
      ...(range.to !== undefined ? { toAt: range.to } : {}),
    });
    for (const name of names) {
      const v = await verifyOneChain(store, name);
      chainsChecked++;
      eventsChecked += v.events;
      if (!v.ok) broken.push(v);
      else attestation.push(...(await againstLastCheckpoint(store, name)));
    }
    if (names.length < PAGE) break;
    after = names[names.length - 1];
  }
  // A head whose chain has no events left at all (every event deleted).
  if (range.from === undefined && range.to === undefined) {
    for (const h of await store.read.audit.heads()) {
      if ((await store.read.audit.chain(h.chain, { limit: 1 })).length === 0) {
        const v = verifyChain(h.chain, [], h);
        chainsChecked++;
        broken.push(v);
      }
    }
  }

  const problems: CheckpointProblem[] = [...attestation];
  const all = await store.read.checkpoints.list();
  let prevRoot = GENESIS_HASH;
  let checkpointsChecked = 0;
  for (const c of all) {
    const inRange = (!range.from || c.at >= range.from) && (!range.to || c.at <= range.to);
    if (inRange) {
      checkpointsChecked++;
      const sig = verifyCheckpointSignature(c, (kid) => keys.byKid(kid));
      if (!sig.ok) problems.push({ checkpointId: c.id, message: `checkpoint ${c.id}: ${sig.reason}` });
      if (c.prevRoot !== prevRoot) {
        problems.push({
          checkpointId: c.id,
          message: `checkpoint ${c.id} does not link to the root of the checkpoint before it`,
        });
      }
      const leaves = await store.read.checkpoints.leaves(c.id);
      if (leaves.length !== c.leafCount || merkleRoot(leaves) !== c.root) {
        problems.push({
          checkpointId: c.id,
          message: `checkpoint ${c.id}: its leaves do not give its signed root`,
        });
      }
      for (const l of leaves) {
        const [e] = await store.read.audit.chain(l.chain, { fromSeq: l.seq, limit: 1 });
        if (!e || e.seq !== l.seq || e.hash !== l.hash) {
          problems.push({
            checkpointId: c.id,
            message: `checkpoint ${c.id} attests chain ${l.chain} at seq ${l.seq}, but the stored event there ${e && e.seq === l.seq ? "has another hash" : "is missing"}`,
          });
        }
      }
    }
    prevRoot = c.root;
  }

  const firstBreak = broken[0]?.firstBreak?.message ?? problems[0]?.message;
  return {
    ok: broken.length === 0 && problems.length === 0,
    range,
    chainsChecked,
    eventsChecked,
    checkpointsChecked,
    brokenChains: broken,
    checkpointProblems: problems,
    ...(firstBreak ? { firstBreak } : {}),
  };
}
