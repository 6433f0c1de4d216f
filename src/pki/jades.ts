/**
 * JAdES baseline B (ETSI TS 119 182-1) in compact form, detached: the gateway's seal over every
 * canonical document, and the verifier for it and for exporters' JSON submissions.
 *
 * Header: alg, kid, x5c (leaf first), x5t#S256, sigT (claimed signing time, whole seconds, UTC),
 * crit ["sigT"], cty "json". The payload is the RFC 8785 (JCS) bytes, detached as in RFC 7515
 * Appendix F (b64 stays true), so the signing input is BASE64URL(header) "." BASE64URL(JCS). No
 * sigD: the verifier is handed the canonical bytes (DSS calls this packaging "NO_SIG_D").
 */
import { createHash } from "node:crypto";
import type { KeyStore, SealSigner } from "../ports/keystore.js";
import { b64u, fromB64u } from "../util/base64url.js";
import { jcs } from "../util/jcs.js";
import { keyFits, verifyRaw, type SignatureAlgorithm } from "./algorithms.js";
import { certFromBase64, type Cert } from "./cert.js";
import type { ChainValidator } from "./chain.js";
import { judgeSigner, type VerifyContext } from "./judge.js";
import { critProblem, x5tS256, type JwsHeader } from "./jws.js";
import { SEAL_ALGORITHMS, type SignaturePolicy } from "./policy.js";
import { guarded, refuse, type SignatureVerdict } from "./verdict.js";

export const JWS_ALGORITHMS: Readonly<Record<string, SignatureAlgorithm>> = {
  ES256: "ECDSA-SHA256",
  ES384: "ECDSA-SHA384",
  ES512: "ECDSA-SHA512",
  RS256: "RSA-SHA256",
  RS384: "RSA-SHA384",
  RS512: "RSA-SHA512",
  PS256: "RSA-PSS-SHA256",
  EdDSA: "EdDSA",
};

/** JAdES sigT: UTC to the second ("2026-11-27T08:00:00Z"). */
export function sigT(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** header "." payload, written straight into one buffer (no intermediate string of 20+ KB). */
function signingInput(headerB64: string, payloadB64: string): Buffer {
  const input = Buffer.allocUnsafe(headerB64.length + 1 + payloadB64.length);
  input.write(headerB64, 0, "latin1");
  input[headerB64.length] = 0x2e;
  input.write(payloadB64, headerB64.length + 1, "latin1");
  return input;
}

const SIGT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * Makes seals with the key store's current key. The encoded header changes once a second (sigT)
 * or on rotation, so it is built once and reused: a seal then costs one base64url pass and one signature.
 */
export class Sealer {
  private cached: { readonly kid: string; readonly sigT: string; readonly headerB64: string } | undefined;

  constructor(private readonly keys: KeyStore) {}

  /** The compact detached JAdES over `canonical` (already JCS bytes). */
  seal(canonical: string | Buffer, at: Date): string {
    const signer = this.keys.current();
    const t = sigT(at);
    const headerB64 = this.header(signer, t);
    const payloadB64 = Buffer.from(canonical).toString("base64url");
    return `${headerB64}..${b64u(signer.sign(signingInput(headerB64, payloadB64)))}`;
  }

  /** Canonicalizes (RFC 8785) and seals: what the pipeline stores is exactly what was sealed. */
  sealDocument(document: unknown, at: Date): { readonly canonical: string; readonly seal: string } {
    const canonical = jcs(document);
    return { canonical, seal: this.seal(canonical, at) };
  }

  private header(signer: SealSigner, t: string): string {
    const c = this.cached;
    if (c && c.kid === signer.kid && c.sigT === t) return c.headerB64;
    const leaf = signer.x5c[0];
    if (!leaf) throw new Error("the seal key has no certificate");
    const header: JwsHeader = {
      alg: signer.alg,
      kid: signer.kid,
      cty: "json",
      x5c: signer.x5c,
      "x5t#S256": x5tS256(leaf),
      sigT: t,
      crit: ["sigT"],
    };
    const headerB64 = b64u(JSON.stringify(header));
    this.cached = { kid: signer.kid, sigT: t, headerB64 };
    return headerB64;
  }
}

export interface JadesOptions {
  /** Check the certificate at the claimed sigT (the gateway's own seals) or now (submissions). */
  readonly validateAt?: "now" | "signing-time";
  /**
   * Accept a plain detached JWS without sigT (as the pipeline's receipts are signed today), taking
   * this as its signing time. Without it, a missing sigT is not JAdES baseline B and is refused.
   */
  readonly withoutSigT?: { readonly signedAt: Date };
}

interface ParsedHeader {
  readonly header: JwsHeader;
  readonly algorithm?: SignatureAlgorithm;
  readonly chain?: readonly Cert[];
  readonly signedAt?: Date;
  readonly problem?: SignatureVerdict;
}

const HEADER_CACHE_LIMIT = 256;
const headerCache = new Map<string, ParsedHeader>();

/** Header checks that depend on the header alone, cached by its encoding (seals share headers). */
function parseHeader(headerB64: string): ParsedHeader {
  const hit = headerCache.get(headerB64);
  if (hit) return hit;
  const parsed = parseHeaderUncached(headerB64);
  if (headerCache.size >= HEADER_CACHE_LIMIT) headerCache.clear();
  headerCache.set(headerB64, parsed);
  return parsed;
}

function parseHeaderUncached(headerB64: string): ParsedHeader {
  let header: JwsHeader;
  try {
    header = JSON.parse(fromB64u(headerB64).toString("utf8")) as JwsHeader;
    if (typeof header !== "object" || header === null || typeof header.alg !== "string")
      throw new Error("no alg");
  } catch {
    return {
      header: { alg: "ES256" },
      problem: refuse("jades", "malformed", "the JWS header is not a JSON object with alg"),
    };
  }
  const bad = (reason: Parameters<typeof refuse>[1], message: string): ParsedHeader => ({
    header,
    problem: refuse("jades", reason, message, { algorithm: String(header.alg) }),
  });
  const alg = String(header.alg);
  const algorithm = JWS_ALGORITHMS[alg];
  if (!algorithm) {
    if (alg === "none" || alg.startsWith("HS")) return bad("algorithm-refused", `alg ${alg} is no signature`);
    return bad("unsupported-algorithm", `alg ${alg} is not supported`);
  }
  const crit = critProblem(header);
  if (crit) return bad("malformed", crit);
  const t = header["sigT"];
  const hasSigT = t !== undefined || header.crit?.includes("sigT") === true;
  if (hasSigT && (typeof t !== "string" || !SIGT.test(t) || !header.crit?.includes("sigT")))
    return bad("malformed", "sigT must be UTC to the second and listed in crit");
  const x5c = header.x5c;
  if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((c) => typeof c === "string"))
    return bad("unsupported-key-info", "the header carries no x5c certificate chain");
  const leafB64 = x5c[0] ?? "";
  if (header["x5t#S256"] !== x5tS256(leafB64))
    return bad("malformed", "x5t#S256 does not identify the x5c signing certificate");
  let chain: Cert[];
  try {
    chain = x5c.map(certFromBase64);
  } catch {
    return bad("malformed", "a certificate in x5c does not parse");
  }
  return { header, algorithm, chain, ...(typeof t === "string" ? { signedAt: new Date(t) } : {}) };
}

/**
 * Verifies a compact JAdES signature over `payload` (the JCS bytes), detached or attached. Never
 * throws on bad input: every problem is a verdict.
 */
export function verifyJades(
  jws: string,
  payload: Buffer,
  ctx: VerifyContext,
  opts: JadesOptions = {},
): Promise<SignatureVerdict> {
  return guarded("jades", () => verifyCompact(jws, payload, ctx, opts));
}

async function verifyCompact(
  jws: string,
  payload: Buffer,
  ctx: VerifyContext,
  opts: JadesOptions,
): Promise<SignatureVerdict> {
  const parts = typeof jws === "string" ? jws.split(".") : [];
  const [headerB64, payloadB64, sigB64] = parts;
  if (parts.length !== 3 || headerB64 === undefined || payloadB64 === undefined || sigB64 === undefined)
    return refuse("jades", "malformed", "a compact JWS has three parts");
  const h = parseHeader(headerB64);
  if (h.problem) return h.problem;
  const { algorithm, chain } = h;
  const signer = chain?.[0];
  if (!algorithm || !signer) return refuse("jades", "malformed", "incomplete JAdES header");
  const signedAt = h.signedAt ?? opts.withoutSigT?.signedAt;
  if (!signedAt) return refuse("jades", "malformed", "not JAdES baseline B: no sigT", { algorithm });
  if (!ctx.policy.algorithms.includes(algorithm))
    return refuse(
      "jades",
      "algorithm-refused",
      `${algorithm} is not among the algorithms the policy accepts`,
      {
        algorithm,
      },
    );
  const contentB64 = b64u(payload);
  if (payloadB64 !== "" && payloadB64 !== contentB64)
    return refuse("jades", "invalid-signature", "the attached payload is not the content given", {
      algorithm,
    });
  if (!keyFits(algorithm, signer.publicKey))
    return refuse("jades", "key-mismatch", `${algorithm} cannot be made with the certificate's key`, {
      algorithm,
    });
  const ok = verifyRaw(algorithm, signer.publicKey, signingInput(headerB64, contentB64), fromB64u(sigB64));
  if (!ok)
    return refuse(
      "jades",
      "invalid-signature",
      "the signature does not verify over this content: the content changed, or another key signed",
      { algorithm, signer, signedAt },
    );
  const at = opts.validateAt === "signing-time" ? signedAt : (ctx.at ?? new Date());
  return judgeSigner({ format: "jades", algorithm, signer, carried: chain, signedAt }, { ...ctx, at });
}

/** An exporter's JSON submission with its detached JAdES over the JCS form. */
export function verifyJsonSignature(
  document: unknown,
  jws: string,
  ctx: VerifyContext,
): Promise<SignatureVerdict> {
  let canonical: string;
  try {
    canonical = jcs(document);
  } catch {
    return Promise.resolve(refuse("jades", "malformed", "the document has no JSON canonical form"));
  }
  return verifyJades(jws, Buffer.from(canonical), ctx, { validateAt: "now" });
}

export const SEAL_POLICY: SignaturePolicy = {
  requirement: "required",
  algorithms: SEAL_ALGORITHMS,
  trustKind: "gateway",
  revocation: "if-available",
};

/** SHA-256 fingerprints of the key store's certificates, current and retired. */
export function keyStoreFingerprints(keys: KeyStore): string[] {
  return keys.list().flatMap((k) => {
    const leaf = k.x5c[0];
    return leaf ? [createHash("sha256").update(Buffer.from(leaf, "base64")).digest("hex")] : [];
  });
}

/**
 * A gateway seal: made by one of our keys (current or rotated out: that is the binding), valid
 * over exactly these canonical bytes, its certificate checked at the seal's signing time.
 */
export function verifySeal(
  seal: string,
  canonical: string | Buffer,
  opts: { readonly keys: KeyStore; readonly trust: ChainValidator | "not-evaluated" },
): Promise<SignatureVerdict> {
  return verifyJades(
    seal,
    Buffer.from(canonical),
    { policy: SEAL_POLICY, trust: opts.trust, bound: keyStoreFingerprints(opts.keys) },
    { validateAt: "signing-time" },
  );
}
