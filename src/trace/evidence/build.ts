import { createHash, X509Certificate } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { kidOf, splitPem } from "../../pki/file-keystore.js";
import { decodeJws, signJws } from "../../pki/jws.js";
import type { Clock } from "../../ports/clock.js";
import type { KeyStore } from "../../ports/keystore.js";
import type { Actor, AuditEventRecord, CheckpointLeaf } from "../../ports/records.js";
import type { Store } from "../../ports/store.js";
import { jcs } from "../../util/jcs.js";
import { makeCheckpoint } from "../checkpoint.js";
import { auditPath } from "../merkle.js";
import {
  ANCHORS,
  certPath,
  CHECKPOINT_SIG,
  documentPath,
  EVENTS,
  extensionOf,
  MANIFEST,
  MANIFEST_SIG,
  MANIFEST_TYP,
  PROOF,
  responsePath,
  safeSegment,
  submissionPath,
  type BundleFiles,
  type ChainProof,
  type Manifest,
} from "./layout.js";

export interface EvidenceDeps {
  readonly store: Store;
  readonly keys: KeyStore;
  readonly clock: Clock;
  /** Where the gateway's trust anchors live (SWG_CERTS_DIR). */
  readonly certsDir: string;
}

const text = (s: string) => Buffer.from(s, "utf8");
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** How many times to checkpoint again when the chain moved on between checkpoint and read. */
const CHECKPOINT_TRIES = 3;

/**
 * Attests the consignment's chain head in a signed checkpoint (making one when the head is not
 * covered yet) and returns the leaf that covers the newest head it could.
 */
async function attestedLeaf(deps: EvidenceDeps, ucr: string): Promise<CheckpointLeaf> {
  for (let i = 0; i < CHECKPOINT_TRIES; i++) {
    const [head, last] = await Promise.all([
      deps.store.read.audit.head(ucr),
      deps.store.read.checkpoints.lastLeafFor(ucr),
    ]);
    if (head && last && last.seq === head.seq) return last;
    await makeCheckpoint(deps.store, deps.keys, deps.clock);
  }
  // Still moving: the newest attested head will do, and the bundle stops there.
  const leaf = await deps.store.read.checkpoints.lastLeafFor(ucr);
  if (!leaf) throw new Error(`chain ${ucr} could not be checkpointed`);
  return leaf;
}

/**
 * The self-signed certificates in the certificates folder that issued the top of a seal chain:
 * the anchors a verifier needs to check the seals offline.
 */
function anchorsFor(certsDir: string, chains: readonly X509Certificate[][]): X509Certificate[] {
  let found: X509Certificate[] = [];
  try {
    found = readdirSync(certsDir)
      .filter((f) => f.endsWith(".pem"))
      .flatMap((f) => splitPem(readFileSync(join(certsDir, f), "utf8")))
      .map((p) => new X509Certificate(p))
      .filter((c) => c.subject === c.issuer && c.verify(c.publicKey));
  } catch {
    return [];
  }
  const tops = chains.map((c) => c[c.length - 1]).filter((c): c is X509Certificate => c !== undefined);
  const out = new Map<string, X509Certificate>();
  for (const a of found)
    if (tops.some((t) => t.fingerprint256 === a.fingerprint256 || t.checkIssued(a)))
      out.set(a.fingerprint256, a);
  return [...out.values()];
}

const pem = (c: X509Certificate) => c.toString();

/**
 * Builds the evidence bundle of one consignment (see docs/evidence.md). The export is itself an
 * audit event, appended before the checkpoint so that the bundle proves its own making.
 * Returns undefined when the consignment has no documents.
 */
export async function buildEvidence(
  deps: EvidenceDeps,
  ucr: string,
  actor: Actor,
): Promise<BundleFiles | undefined> {
  const { store } = deps;
  const docs = await store.read.documents.listByUcr(ucr);
  if (docs.length === 0) return undefined;
  const now = deps.clock.now().toISOString();
  await store.unit((tx) =>
    tx.audit.append({
      chain: ucr,
      type: "evidence.exported",
      at: now,
      actor,
      subject: {},
      data: { documents: docs.length },
    }),
  );
  const leaf = await attestedLeaf(deps, ucr);
  const [checkpoint, leaves, allEvents, responses, tombstones] = await Promise.all([
    store.read.checkpoints.get(leaf.checkpointId),
    store.read.checkpoints.leaves(leaf.checkpointId),
    store.read.audit.chain(ucr),
    store.read.responses.listByUcr(ucr),
    store.read.trace.tombstonesByUcr(ucr),
  ]);
  if (!checkpoint) throw new Error(`checkpoint ${leaf.checkpointId} is missing`);
  // The proof covers the chain up to the attested head; anything later waits for the next bundle.
  const events = allEvents.filter((e) => e.seq <= leaf.seq);
  const bound = (
    type: (t: string) => boolean,
    key: "documentId" | "responseId" | "submissionId",
    id: string,
  ) => events.some((e: AuditEventRecord) => type(e.type) && e.subject[key] === id);

  const files: BundleFiles = new Map();
  const kids = new Set<string>();
  const signedBy = (jws: string) => {
    const kid = decodeJws(jws).header.kid;
    if (kid) kids.add(kid);
  };
  const purged = new Map(tombstones.map((t) => [t.documentId, t]));
  const submissions = new Set<string>();
  for (const summary of docs) {
    if (!bound((t) => t.startsWith("document."), "documentId", summary.id)) continue;
    const d = await store.read.documents.get(summary.id);
    if (!d) continue;
    const id = safeSegment(d.id);
    files.set(documentPath(id, "seal.jws"), text(d.seal));
    signedBy(d.seal);
    const t = purged.get(d.id);
    if (t) {
      files.set(documentPath(id, "tombstone.json"), text(t.statement));
      files.set(documentPath(id, "tombstone.jws"), text(t.signature));
      signedBy(t.signature);
    } else {
      files.set(documentPath(id, `original.${extensionOf(d.originalMediaType)}`), d.originalBytes);
      files.set(documentPath(id, "canonical.json"), text(d.canonical));
    }
    submissions.add(d.submissionId);
  }
  for (const sid of submissions) {
    if (!bound((t) => t === "submission.accepted", "submissionId", sid)) continue;
    const s = await store.read.submissions.get(sid);
    const signed = s?.receipt as { receipt?: unknown; signature?: unknown } | undefined;
    if (!signed || typeof signed.signature !== "string") continue;
    files.set(submissionPath(safeSegment(sid), "receipt.json"), text(jcs(signed.receipt)));
    files.set(submissionPath(safeSegment(sid), "receipt.jws"), text(signed.signature));
    signedBy(signed.signature);
  }
  for (const r of responses) {
    if (!bound((t) => t === "response.received", "responseId", r.id)) continue;
    const id = safeSegment(r.id);
    files.set(responsePath(id, `original.${extensionOf(r.originalMediaType)}`), r.originalBytes);
    files.set(responsePath(id, "event.json"), text(jcs(r.event)));
  }

  files.set(EVENTS, text(JSON.stringify(events, null, 1)));
  const index = leaves.findIndex((l) => l.chain === ucr && l.seq === leaf.seq);
  const proof: ChainProof = {
    chain: ucr,
    head: { seq: leaf.seq, hash: leaf.hash },
    checkpoint: {
      id: checkpoint.id,
      at: checkpoint.at,
      prevRoot: checkpoint.prevRoot,
      root: checkpoint.root,
      leafCount: checkpoint.leafCount,
    },
    leafIndex: index,
    auditPath: auditPath(leaves, index),
  };
  files.set(PROOF, text(JSON.stringify(proof, null, 1)));
  files.set(CHECKPOINT_SIG, text(checkpoint.signature));
  signedBy(checkpoint.signature);

  const signer = deps.keys.current();
  kids.add(signer.kid);
  const chains: X509Certificate[][] = [];
  for (const kid of [...kids].sort()) {
    const k = deps.keys.byKid(kid);
    if (!k) continue;
    const chain = k.x5c.map((b64) => new X509Certificate(Buffer.from(b64, "base64")));
    chains.push(chain);
    files.set(certPath(kidOf(chain[0]!)), text(chain.map(pem).join("")));
  }
  const anchors = anchorsFor(deps.certsDir, chains);
  if (anchors.length > 0) files.set(ANCHORS, text(anchors.map(pem).join("")));

  const manifest: Manifest = {
    v: 1,
    type: "swg-evidence-bundle",
    ucr,
    generatedAt: now,
    files: [...files]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, bytes]) => ({ path, sha256: sha256(bytes), size: bytes.length })),
  };
  const manifestBytes = text(jcs(manifest));
  files.set(MANIFEST, manifestBytes);
  files.set(MANIFEST_SIG, text(signJws(signer, manifestBytes, { typ: MANIFEST_TYP }, { detached: true })));
  return files;
}
