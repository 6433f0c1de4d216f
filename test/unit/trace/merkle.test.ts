import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auditPath, merkleRoot, rootFromPath, type HeadLeaf } from "../../../src/trace/merkle.js";

/** A path that does not fit the tree is a rejection too. */
const tryRoot = (...a: Parameters<typeof rootFromPath>): string | null => {
  try {
    return rootFromPath(...a);
  } catch {
    return null;
  }
};

const leaf = (i: number): HeadLeaf => ({
  chain: `UCR-${i}`,
  seq: i + 1,
  hash: i.toString(16).padStart(64, "0"),
});

describe("Merkle tree (RFC 6962)", () => {
  it("proves every leaf of trees of every size up to 70", () => {
    for (let n = 1; n <= 70; n++) {
      const leaves = Array.from({ length: n }, (_, i) => leaf(i));
      const root = merkleRoot(leaves);
      for (let i = 0; i < n; i++) expect(rootFromPath(leaves[i]!, i, n, auditPath(leaves, i))).toBe(root);
    }
  });

  it("rejects a changed leaf, a wrong index and a wrong path", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.nat(), (n, k) => {
        const leaves = Array.from({ length: n }, (_, i) => leaf(i));
        const i = k % n;
        const root = merkleRoot(leaves);
        const path = auditPath(leaves, i);
        expect(tryRoot({ ...leaves[i]!, seq: leaves[i]!.seq + 1 }, i, n, path)).not.toBe(root);
        expect(tryRoot(leaves[i]!, (i + 1) % n, n, path)).not.toBe(root);
        if (path.length > 0) {
          const bad = [...path];
          bad[0] = bad[0]!.replace(/^./, (c) => (c === "0" ? "1" : "0"));
          expect(tryRoot(leaves[i]!, i, n, bad)).not.toBe(root);
        }
      }),
      { numRuns: 200, seed: 20261127 },
    );
  });
});
