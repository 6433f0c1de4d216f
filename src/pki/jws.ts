import {
  createHash,
  createPublicKey,
  verify as cryptoVerify,
  X509Certificate,
  type KeyObject,
} from "node:crypto";
import type { SealSigner, SealVerifierKey } from "../ports/keystore.js";
import { b64u, fromB64u } from "../util/base64url.js";

export type JwsAlg = SealSigner["alg"];

export interface JwsHeader {
  readonly alg: JwsAlg;
  readonly kid?: string;
  readonly typ?: string;
  readonly cty?: string;
  readonly x5c?: readonly string[];
  readonly "x5t#S256"?: string;
  readonly b64?: boolean;
  readonly crit?: readonly string[];
  readonly [k: string]: unknown;
}

/** x5t#S256: base64url SHA-256 of the leaf certificate's DER (RFC 7515 §4.1.8). */
export function x5tS256(x5cLeaf: string): string {
  return b64u(createHash("sha256").update(Buffer.from(x5cLeaf, "base64")).digest());
}

/**
 * Compact JWS. With `detached`, the payload segment is left empty (RFC 7515 Appendix F):
 * the verifier supplies the bytes, so a sealed document is stored once, not twice.
 */
export function signJws(
  signer: SealSigner,
  payload: Buffer,
  extraHeader: Record<string, unknown> = {},
  opts: { detached?: boolean } = {},
): string {
  const header: JwsHeader = {
    alg: signer.alg,
    kid: signer.kid,
    x5c: signer.x5c,
    "x5t#S256": signer.x5c[0] ? x5tS256(signer.x5c[0]) : undefined,
    ...extraHeader,
  };
  const h = b64u(JSON.stringify(header));
  const p = b64u(payload);
  const sig = signer.sign(Buffer.from(`${h}.${p}`));
  return `${h}.${opts.detached ? "" : p}.${b64u(sig)}`;
}

export interface DecodedJws {
  readonly header: JwsHeader;
  readonly protectedB64: string;
  readonly payloadB64: string;
  readonly signature: Buffer;
}

export function decodeJws(jws: string): DecodedJws {
  const parts = jws.split(".");
  if (parts.length !== 3) throw new Error("a compact JWS has three parts");
  const [h, p, s] = parts as [string, string, string];
  const header = JSON.parse(fromB64u(h).toString("utf8")) as JwsHeader;
  if (typeof header.alg !== "string") throw new Error("JWS header has no alg");
  return { header, protectedB64: h, payloadB64: p, signature: fromB64u(s) };
}

/** Node's verify parameters for a JWS alg; ECDSA signatures are r‖s (IEEE P1363), as JWS requires. */
export function nodeAlg(alg: JwsAlg): { hash: string | null; dsaEncoding?: "ieee-p1363" } {
  switch (alg) {
    case "ES256":
      return { hash: "sha256", dsaEncoding: "ieee-p1363" };
    case "RS256":
      return { hash: "sha256" };
    case "EdDSA":
      return { hash: null };
  }
}

export function verifyWithKey(alg: JwsAlg, key: KeyObject, data: Buffer, signature: Buffer): boolean {
  const a = nodeAlg(alg);
  return cryptoVerify(a.hash, data, a.dsaEncoding ? { key, dsaEncoding: a.dsaEncoding } : key, signature);
}

export type JwsVerdict =
  | { readonly ok: true; readonly header: JwsHeader; readonly payload: Buffer; readonly kid?: string }
  | { readonly ok: false; readonly reason: string };

/** Header parameters this verifier understands when a JWS lists them in `crit` (RFC 7515 §4.1.11). */
export const UNDERSTOOD_CRIT: readonly string[] = ["sigT"];

/** Why a header cannot be processed: an unknown critical parameter, or the unencoded payload option. */
export function critProblem(header: JwsHeader): string | undefined {
  if (header.b64 === false) return "the unencoded payload option (b64: false) is not supported";
  if (header.crit === undefined) return undefined;
  const crit: unknown = header.crit;
  if (!Array.isArray(crit) || crit.length === 0) return "crit must be a non-empty array";
  const unknown = (crit as unknown[]).find((p) => typeof p !== "string" || !UNDERSTOOD_CRIT.includes(p));
  return unknown === undefined
    ? undefined
    : `critical header parameter ${JSON.stringify(unknown)} is not understood`;
}

/**
 * Verifies a compact JWS against a known key (by kid). Only with `trustX5c` does an unknown kid
 * fall back to the JWS's own x5c leaf, and then chain trust is the caller's job (pki/chain.ts):
 * without it, anyone could sign with a key of their own and name it in x5c.
 */
export function verifyJws(
  jws: string,
  resolveKey: (kid: string) => SealVerifierKey | undefined,
  detachedPayload?: Buffer,
  opts: { readonly trustX5c?: boolean } = {},
): JwsVerdict {
  let d: DecodedJws;
  try {
    d = decodeJws(jws);
  } catch (e) {
    return { ok: false, reason: `malformed JWS: ${(e as Error).message}` };
  }
  const crit = critProblem(d.header);
  if (crit) return { ok: false, reason: crit };
  const payload = detachedPayload ?? fromB64u(d.payloadB64);
  if (detachedPayload && d.payloadB64 !== "")
    return { ok: false, reason: "JWS is not detached but a payload was supplied" };
  const signingInput = Buffer.from(`${d.protectedB64}.${b64u(payload)}`);
  const kid = d.header.kid;
  const known = kid ? resolveKey(kid) : undefined;
  if (known) {
    if (known.alg !== d.header.alg)
      return { ok: false, reason: `alg ${d.header.alg} does not match key ${kid}` };
    return known.verify(signingInput, d.signature)
      ? { ok: true, header: d.header, payload, kid }
      : { ok: false, reason: "signature does not verify" };
  }
  const leaf = d.header.x5c?.[0];
  if (!opts.trustX5c) return { ok: false, reason: `unknown key ${kid ?? "(no kid)"}` };
  if (!leaf) return { ok: false, reason: `unknown key ${kid ?? "(no kid)"} and no x5c` };
  const key = createPublicKey(
    new X509Certificate(Buffer.from(leaf, "base64")).publicKey.export({ format: "pem", type: "spki" }),
  );
  return verifyWithKey(d.header.alg, key, signingInput, d.signature)
    ? { ok: true, header: d.header, payload }
    : { ok: false, reason: "signature does not verify" };
}
