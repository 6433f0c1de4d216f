import { createHash } from "node:crypto";
import { jcs } from "../util/jcs.js";

/**
 * RFC 6962 (Certificate Transparency) Merkle tree: domain-separated leaf and node hashes, so a
 * leaf can never be passed off as an inner node, and audit paths for trees of any size.
 */
const sha = (...parts: Buffer[]): Buffer => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export interface HeadLeaf {
  readonly chain: string;
  readonly seq: number;
  readonly hash: string;
}

export function leafHash(l: HeadLeaf): Buffer {
  return sha(LEAF, Buffer.from(jcs({ chain: l.chain, seq: l.seq, hash: l.hash })));
}

/** Largest power of two strictly less than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function mth(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0) return sha();
  if (hashes.length === 1) return hashes[0]!;
  const k = split(hashes.length);
  return sha(NODE, mth(hashes.slice(0, k)), mth(hashes.slice(k)));
}

export function merkleRoot(leaves: readonly HeadLeaf[]): string {
  return mth(leaves.map(leafHash)).toString("hex");
}

/** The audit path of leaf `index`: sibling hashes from the leaf up to the root. */
export function auditPath(leaves: readonly HeadLeaf[], index: number): string[] {
  const path = (m: number, hashes: readonly Buffer[]): Buffer[] => {
    if (hashes.length <= 1) return [];
    const k = split(hashes.length);
    return m < k
      ? [...path(m, hashes.slice(0, k)), mth(hashes.slice(k))]
      : [...path(m - k, hashes.slice(k)), mth(hashes.slice(0, k))];
  };
  if (index < 0 || index >= leaves.length) throw new RangeError("leaf index out of range");
  return path(index, leaves.map(leafHash)).map((b) => b.toString("hex"));
}

/** RFC 9162 §2.1.3.2: recomputes the root from a leaf and its path. */
export function rootFromPath(leaf: HeadLeaf, index: number, size: number, path: readonly string[]): string {
  if (index >= size) throw new RangeError("leaf index out of range");
  let fn = index;
  let sn = size - 1;
  let r = leafHash(leaf);
  for (const p of path) {
    const pb = Buffer.from(p, "hex");
    if (sn === 0) throw new Error("audit path is longer than the tree");
    if ((fn & 1) === 1 || fn === sn) {
      r = sha(NODE, pb, r);
      if ((fn & 1) === 0) {
        while ((fn & 1) === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = sha(NODE, r, pb);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn !== 0) throw new Error("audit path is shorter than the tree");
  return r.toString("hex");
}
