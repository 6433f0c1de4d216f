import { createHash, X509Certificate, type KeyObject } from "node:crypto";
import { certFromDer, describeCert, type Cert } from "../../pki/cert.js";
import { ChainValidator } from "../../pki/chain.js";
import { kidOf, splitPem } from "../../pki/file-keystore.js";
import { decodeJws, verifyJws, verifyWithKey, type JwsAlg } from "../../pki/jws.js";
import type { SealVerifierKey } from "../../ports/keystore.js";
import type { AuditEventRecord } from "../../ports/records.js";
import { jcs } from "../../util/jcs.js";
import { verifyChain } from "../chain.js";
import { verifyCheckpointSignature } from "../checkpoint.js";
import { rootFromPath } from "../merkle.js";
import {
  ANCHORS,
  CHECKPOINT_SIG,
  EVENTS,
  MANIFEST,
  MANIFEST_SIG,
  PROOF,
  type BundleFiles,
  type ChainProof,
  type Manifest,
  type ManifestEntry,
} from "./layout.js";

/** One thing checked: what was proved (or not), about which files of the bundle. */
export interface EvidenceCheck {
  readonly ok: boolean;
  readonly what: string;
  readonly files: readonly string[];
  readonly detail?: string;
}

export interface EvidenceVerdict {
  readonly ok: boolean;
  readonly ucr: string | null;
  readonly checks: readonly EvidenceCheck[];
  /** Every file named by a failed check, sorted. */
  readonly failedFiles: readonly string[];
  /** Fingerprints (SHA-256) of the trust anchors the certificates were checked against. */
  readonly anchors: readonly string[];
  readonly anchorSource: "pinned" | "bundle" | "none";
}

export interface VerifyOptions {
  /** Trust anchors the verifier brings; without them, the bundle's own anchors are used and said so. */
  readonly anchors?: readonly Cert[];
}

/** The events that record a document's digests when it was stored. */
const DOCUMENT_EVENTS: readonly string[] = [
  "document.accepted",
  "document.derived",
  "document.amended",
  "document.cancelled",
];

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const digestOf = (b: Buffer) => `sha256:${sha256(b)}`;

function algFor(key: KeyObject): JwsAlg | undefined {
  const t = key.asymmetricKeyType;
  if (t === "ec") return "ES256";
  if (t === "rsa") return "RS256";
  if (t === "ed25519") return "EdDSA";
  return undefined;
}

function parseJson<T>(b: Buffer | undefined): T | undefined {
  if (!b) return undefined;
  try {
    return JSON.parse(b.toString("utf8")) as T;
  } catch {
    return undefined;
  }
}

function isEntry(e: unknown): e is ManifestEntry {
  const x = e as Partial<ManifestEntry> | null;
  return (
    typeof x === "object" &&
    x !== null &&
    typeof x.path === "string" &&
    typeof x.sha256 === "string" &&
    typeof x.size === "number"
  );
}

function timeOf(v: unknown): Date | undefined {
  return typeof v === "string" && !Number.isNaN(Date.parse(v)) ? new Date(v) : undefined;
}

/** The signing time a JAdES seal states (sigT), else undefined. */
function sigTime(jws: string): Date | undefined {
  try {
    return timeOf(decodeJws(jws).header["sigT"]);
  } catch {
    return undefined;
  }
}

class Checks {
  readonly list: EvidenceCheck[] = [];
  add(ok: boolean, what: string, files: readonly string[], detail?: string): boolean {
    this.list.push({ ok, what, files, ...(detail !== undefined ? { detail } : {}) });
    return ok;
  }
}

/**
 * Checks an evidence bundle offline, with nothing but its own files (and, if given, anchors the
 * verifier trusts). Every check names the files it is about, so a changed byte anywhere is
 * reported against the file that holds it. See docs/evidence.md for what each check proves.
 */
export async function verifyEvidence(files: BundleFiles, opts: VerifyOptions = {}): Promise<EvidenceVerdict> {
  const c = new Checks();

  // 1. The manifest: canonical, complete, and every digest right.
  const manifestBytes = files.get(MANIFEST);
  const manifest = parseJson<Manifest>(manifestBytes);
  if (!manifestBytes || !manifest || !Array.isArray(manifest.files)) {
    c.add(false, "the bundle has a readable manifest.json", [MANIFEST]);
    return verdict(c, null, [], "none");
  }
  let canonicalManifest = false;
  try {
    canonicalManifest = jcs(manifest) === manifestBytes.toString("utf8");
  } catch {
    canonicalManifest = false;
  }
  c.add(canonicalManifest, "manifest.json is in RFC 8785 canonical form (no byte can change unseen)", [
    MANIFEST,
  ]);
  const ucr = typeof manifest.ucr === "string" ? manifest.ucr : null;
  const listed = new Set<string>();
  const entries: unknown[] = manifest.files;
  for (const e of entries) {
    if (!isEntry(e)) {
      c.add(false, "every manifest entry has a path, a SHA-256 and a size", [MANIFEST]);
      continue;
    }
    listed.add(e.path);
    const b = files.get(e.path);
    if (!b)
      c.add(false, `${e.path} is in the bundle`, [e.path, MANIFEST], "listed in the manifest but missing");
    else
      c.add(
        sha256(b) === e.sha256 && b.length === e.size,
        `${e.path} has the SHA-256 and size the signed manifest lists`,
        [e.path],
        sha256(b) === e.sha256 ? undefined : `sha256 ${sha256(b)}, manifest says ${e.sha256}`,
      );
  }
  for (const path of files.keys())
    if (path !== MANIFEST && path !== MANIFEST_SIG && !listed.has(path))
      c.add(false, `${path} is listed in the manifest`, [path], "a file the manifest does not list");

  // 2. Certificates: each seal chain, to the anchors.
  const pinned = opts.anchors !== undefined && opts.anchors.length > 0;
  let anchors: Cert[] = opts.anchors && pinned ? [...opts.anchors] : [];
  if (!pinned) {
    const a = files.get(ANCHORS);
    try {
      anchors = a ? splitPem(a.toString("utf8")).map((p) => certFromDer(new X509Certificate(p).raw)) : [];
    } catch {
      c.add(false, `${ANCHORS} holds certificates`, [ANCHORS]);
    }
  }
  const keyFiles = new Map<string, { key: SealVerifierKey; leaf: Cert; file: string; chain: Cert[] }>();
  const certFiles = [...files.keys()].filter((p) => p.startsWith("certs/seal-") && p.endsWith(".pem")).sort();
  const intermediates: Cert[] = [];
  for (const f of certFiles) {
    try {
      const chain = splitPem(files.get(f)!.toString("utf8")).map((p) =>
        certFromDer(new X509Certificate(p).raw),
      );
      const leaf = chain[0];
      const alg = leaf && algFor(leaf.publicKey);
      if (!leaf || !alg) throw new Error("no usable leaf certificate");
      intermediates.push(...chain.slice(1));
      const kid = kidOf(leaf.node);
      keyFiles.set(kid, {
        file: f,
        leaf,
        chain,
        key: {
          kid,
          alg,
          x5c: chain.map((x) => x.der.toString("base64")),
          verify: (data, sig) => verifyWithKey(alg, leaf.publicKey, data, sig),
        },
      });
    } catch (e) {
      c.add(false, `${f} holds a certificate chain`, [f], (e as Error).message);
    }
  }
  const validator = new ChainValidator({ anchors: { gateway: anchors }, intermediates, crls: [] });
  const anchorFiles = pinned ? [] : [ANCHORS];
  const trusted = new Map<string, Promise<boolean>>();
  /** Checks the signer's certificate at `at` once per (kid, time), recording the result. */
  const certTrusted = (kid: string, at: Date, forFile: string): Promise<boolean> => {
    const k = keyFiles.get(kid);
    if (!k) return Promise.resolve(false);
    const key = `${kid}@${at.toISOString()}`;
    let p = trusted.get(key);
    if (!p) {
      p = validator
        .validate(k.leaf, { kind: "gateway", at })
        .then((v) =>
          c.add(
            v.ok,
            `the signing certificate ${describeCert(k.leaf)} chains to a trust anchor at ${at.toISOString()} (for ${forFile})`,
            [k.file, ...anchorFiles],
            v.ok ? undefined : v.message,
          ),
        );
      trusted.set(key, p);
    }
    return p;
  };
  const resolveKey = (kid: string) => keyFiles.get(kid)?.key;
  /** A JWS in the bundle, checked with a key from the bundle's certificates only. */
  const checkJws = async (
    what: string,
    jwsFile: string,
    payloadFile: string | null,
    /** When it was signed: the certificate must have been valid then. */
    signedAt: (payload: Buffer) => Date | undefined,
  ): Promise<Buffer | undefined> => {
    const jws = files.get(jwsFile)?.toString("utf8");
    const payload = payloadFile ? files.get(payloadFile) : undefined;
    const involved = payloadFile ? [payloadFile, jwsFile] : [jwsFile];
    if (!jws || (payloadFile && !payload)) {
      c.add(false, what, involved, "missing");
      return undefined;
    }
    const v = verifyJws(jws, resolveKey, payload);
    let kid: string | undefined;
    try {
      kid = decodeJws(jws).header.kid;
    } catch {
      kid = undefined;
    }
    const signer = kid ? keyFiles.get(kid) : undefined;
    c.add(v.ok, what, signer ? [...involved, signer.file] : involved, v.ok ? `key ${kid}` : v.reason);
    const at = v.ok ? signedAt(v.payload) : undefined;
    if (v.ok && kid) {
      if (at) await certTrusted(kid, at, jwsFile);
      else c.add(false, `${jwsFile} says when it was signed`, involved);
    }
    return v.ok ? v.payload : undefined;
  };

  await checkJws(
    "the gateway's signature over manifest.json verifies (so the file list and digests are the gateway's)",
    MANIFEST_SIG,
    MANIFEST,
    () => timeOf(manifest.generatedAt),
  );

  // 3. The chain of events, recomputed.
  const events = parseJson<AuditEventRecord[]>(files.get(EVENTS));
  const proof = parseJson<ChainProof>(files.get(PROOF));
  if (!Array.isArray(events) || events.length === 0) {
    c.add(false, `${EVENTS} holds the consignment's events`, [EVENTS]);
    return verdict(c, ucr, anchors, pinned ? "pinned" : "bundle");
  }
  const chainVerdict = verifyChain(ucr ?? "", events);
  c.add(
    chainVerdict.ok && events.every((e) => e.chain === ucr),
    `the hash chain of ${ucr ?? "?"} recomputes from its first event to seq ${chainVerdict.headSeq} (${events.length} events, hash = sha256(prev ‖ JCS(event)))`,
    [EVENTS],
    chainVerdict.firstBreak?.message ?? (chainVerdict.ok ? undefined : "events of another chain"),
  );

  // 4. The Merkle path from the head to the checkpoint, and the checkpoint's signature.
  if (!proof || !proof.checkpoint || !Array.isArray(proof.auditPath)) {
    c.add(false, `${PROOF} holds the Merkle proof`, [PROOF]);
  } else {
    c.add(
      proof.chain === ucr &&
        proof.head.seq === chainVerdict.headSeq &&
        proof.head.hash === chainVerdict.headHash,
      `the proof is about this chain's head (seq ${proof.head.seq})`,
      [PROOF, EVENTS],
    );
    let root: string | undefined;
    try {
      root = rootFromPath(
        { chain: proof.chain, seq: proof.head.seq, hash: proof.head.hash },
        proof.leafIndex,
        proof.checkpoint.leafCount,
        proof.auditPath,
      );
    } catch (e) {
      c.add(false, "the Merkle audit path is well formed", [PROOF], (e as Error).message);
    }
    if (root !== undefined)
      c.add(
        root === proof.checkpoint.root,
        `the RFC 6962 audit path (${proof.auditPath.length} hashes) leads from the head to the root of checkpoint ${proof.checkpoint.id} over ${proof.checkpoint.leafCount} chain heads`,
        [PROOF],
      );
    const cpSig = files.get(CHECKPOINT_SIG)?.toString("utf8");
    if (!cpSig) c.add(false, "the checkpoint signature is in the bundle", [CHECKPOINT_SIG]);
    else {
      const v = verifyCheckpointSignature({ ...proof.checkpoint, signature: cpSig }, resolveKey);
      let kid: string | undefined;
      try {
        kid = decodeJws(cpSig).header.kid;
      } catch {
        kid = undefined;
      }
      c.add(
        v.ok,
        `checkpoint ${proof.checkpoint.id} (${proof.checkpoint.at}) is signed by the gateway and says exactly this root, previous root and leaf count`,
        [CHECKPOINT_SIG, PROOF, ...(kid && keyFiles.get(kid) ? [keyFiles.get(kid)!.file] : [])],
        v.ok ? undefined : v.reason,
      );
      if (v.ok && kid) await certTrusted(kid, new Date(proof.checkpoint.at), CHECKPOINT_SIG);
    }
  }

  // 5. Documents: seals over canonical bytes, originals against their digests, both bound to the chain.
  const docIds = new Set([...files.keys()].flatMap((p) => /^documents\/([^/]+)\//.exec(p)?.[1] ?? []));
  const eventFor = (pred: (e: AuditEventRecord) => boolean) => events.find(pred);
  const canonicalOf = new Map<string, Buffer>();
  const originalOf = new Map<string, Buffer>();
  for (const id of [...docIds].sort()) {
    const dir = `documents/${id}/`;
    const sealFile = `${dir}seal.jws`;
    const canonicalFile = `${dir}canonical.json`;
    const originalFile = [...files.keys()].find((p) => p.startsWith(`${dir}original.`));
    const ev = eventFor((e) => DOCUMENT_EVENTS.includes(e.type) && e.subject.documentId === id);
    const evData = (ev?.data ?? {}) as { originalDigest?: unknown; canonicalDigest?: unknown };
    if (files.has(`${dir}tombstone.json`)) {
      const payload = await checkJws(
        `the gateway signed the tombstone of purged document ${id}`,
        `${dir}tombstone.jws`,
        `${dir}tombstone.json`,
        (p) => timeOf(parseJson<{ purgedAt?: unknown }>(p)?.purgedAt),
      );
      const st = parseJson<{ documentId?: unknown; originalDigest?: unknown; canonicalDigest?: unknown }>(
        payload,
      );
      c.add(
        !!st &&
          st.documentId === id &&
          st.originalDigest === evData.originalDigest &&
          st.canonicalDigest === evData.canonicalDigest,
        `the tombstone of ${id} keeps the digests its chain event recorded (its bodies were purged; the seal stays checkable against the canonical bytes wherever they are kept)`,
        [`${dir}tombstone.json`, EVENTS],
      );
      continue;
    }
    const canonical = files.get(canonicalFile);
    const original = originalFile ? files.get(originalFile) : undefined;
    if (!canonical || !original || !originalFile) {
      c.add(false, `document ${id} has its canonical and original files`, [dir]);
      continue;
    }
    canonicalOf.set(id, canonical);
    originalOf.set(id, original);
    const sealJws = files.get(sealFile)?.toString("utf8") ?? "";
    await checkJws(
      `the gateway seal of document ${id} verifies over its canonical bytes`,
      sealFile,
      canonicalFile,
      () => sigTime(sealJws),
    );
    const doc = parseJson<{ id?: unknown; ucr?: unknown; original?: { digest?: unknown } }>(canonical);
    c.add(
      !!doc && doc.id === id && doc.ucr === ucr,
      `canonical document ${id} names itself and consignment ${ucr ?? "?"}`,
      [canonicalFile],
    );
    c.add(
      doc?.original?.digest === digestOf(original),
      `the original of ${id} has the digest its canonical document records in original.digest`,
      [originalFile, canonicalFile],
      `original is ${digestOf(original)}`,
    );
    c.add(
      !!ev && evData.canonicalDigest === digestOf(canonical) && evData.originalDigest === digestOf(original),
      `the chain recorded these exact canonical and original digests for ${id} (event seq ${ev?.seq ?? "?"})`,
      [canonicalFile, originalFile, EVENTS],
    );
  }

  // 6. Receipts: signed, and about these documents and this request.
  const submissionIds = new Set(
    [...files.keys()].flatMap((p) => /^submissions\/([^/]+)\//.exec(p)?.[1] ?? []),
  );
  for (const sid of [...submissionIds].sort()) {
    const rFile = `submissions/${sid}/receipt.json`;
    const payload = await checkJws(
      `the receipt of submission ${sid} is signed by the gateway`,
      `submissions/${sid}/receipt.jws`,
      rFile,
      (p) => timeOf(parseJson<{ issuedAt?: unknown }>(p)?.issuedAt),
    );
    const r = parseJson<{
      submissionId?: unknown;
      ucr?: unknown;
      request?: { digest?: unknown };
      documents?: { id?: unknown; canonicalDigest?: unknown; originalDigest?: unknown }[];
    }>(payload);
    const ev = eventFor((e) => e.type === "submission.accepted" && e.subject.submissionId === sid);
    c.add(
      !!r &&
        r.submissionId === sid &&
        r.ucr === ucr &&
        !!ev &&
        r.request?.digest === ev.data["requestDigest"],
      `the receipt of ${sid} carries the request digest the chain recorded (event seq ${ev?.seq ?? "?"})`,
      [rFile, EVENTS],
    );
    for (const d of Array.isArray(r?.documents) ? r.documents : []) {
      const did = d.id;
      if (typeof did !== "string" || !docIds.has(did)) continue;
      const can = canonicalOf.get(did);
      const orig = originalOf.get(did);
      if (!can || !orig) continue;
      const origFile = [...files.keys()].find((p) => p.startsWith(`documents/${did}/original.`))!;
      c.add(
        d.canonicalDigest === digestOf(can) && d.originalDigest === digestOf(orig),
        `the receipt of ${sid} names the digests of document ${did}'s canonical and original files`,
        [rFile, `documents/${did}/canonical.json`, origFile],
      );
    }
  }

  // 7. Partner responses: the original bytes and the status the chain recorded.
  const responseIds = new Set([...files.keys()].flatMap((p) => /^responses\/([^/]+)\//.exec(p)?.[1] ?? []));
  for (const rid of [...responseIds].sort()) {
    const eventFile = `responses/${rid}/event.json`;
    const originalFile = [...files.keys()].find((p) => p.startsWith(`responses/${rid}/original.`));
    const ev = eventFor((e) => e.type === "response.received" && e.subject.responseId === rid);
    const original = originalFile ? files.get(originalFile) : undefined;
    const statusEvent = parseJson<{
      status?: unknown;
      partnerId?: unknown;
      answers?: { documentId?: unknown };
    }>(files.get(eventFile));
    c.add(
      !!ev && !!original && ev.data["originalDigest"] === digestOf(original),
      `partner response ${rid}: its original bytes have the digest the chain recorded (event seq ${ev?.seq ?? "?"})`,
      [originalFile ?? `responses/${rid}/`, EVENTS],
    );
    let canonicalEvent = false;
    try {
      canonicalEvent = !!statusEvent && jcs(statusEvent) === files.get(eventFile)!.toString("utf8");
    } catch {
      canonicalEvent = false;
    }
    c.add(
      canonicalEvent &&
        !!ev &&
        statusEvent!.status === ev.data["status"] &&
        statusEvent!.partnerId === ev.data["partnerId"] &&
        statusEvent!.answers?.documentId === ev.subject.documentId,
      `partner response ${rid}: its canonical status event (${typeof statusEvent?.status === "string" ? statusEvent.status : "?"}) is the one the chain recorded`,
      [eventFile, EVENTS],
    );
  }

  await Promise.all(trusted.values());
  return verdict(c, ucr, anchors, pinned ? "pinned" : anchors.length > 0 ? "bundle" : "none");
}

function verdict(
  c: Checks,
  ucr: string | null,
  anchors: readonly Cert[],
  anchorSource: EvidenceVerdict["anchorSource"],
): EvidenceVerdict {
  const failed = c.list.filter((x) => !x.ok);
  return {
    ok: failed.length === 0 && c.list.length > 0,
    ucr,
    checks: c.list,
    failedFiles: [...new Set(failed.flatMap((x) => x.files))].sort(),
    anchors: anchors.map((a) => a.fingerprint),
    anchorSource,
  };
}
