import type { ErrorCode } from "../errors/registry.js";
import { ProblemError } from "../errors/problem.js";
import type { BindingVerdict } from "./binding.js";
import type { Cert } from "./cert.js";
import type { ChainReason, ChainVerdict } from "./chain.js";

export const SIGNATURE_REASONS = [
  "valid",
  "not-signed",
  "malformed",
  "invalid-signature",
  "digest-mismatch",
  "reference-not-found",
  "key-mismatch",
  "wrapping",
  "multiple-signers",
  "unsupported-algorithm",
  "unsupported-transform",
  "unsupported-key-info",
  "algorithm-refused",
  "external-reference",
  "forbidden-construct",
  "certificate-expired",
  "certificate-not-yet-valid",
  "certificate-revoked",
  "certificate-untrusted",
  "certificate-bad-usage",
  "certificate-invalid",
  "certificate-not-bound",
] as const;
export type SignatureReason = (typeof SIGNATURE_REASONS)[number];

/** The verdict families of test/fixtures/xmldsig-verdicts.json, plus trust and absence. */
export type VerdictClass =
  "valid" | "invalid" | "wrapping" | "refused-unsupported" | "refused-policy" | "refused-trust" | "unsigned";

export type SignatureFormat = "xmldsig" | "jades" | "cms";

export interface SignatureVerdict {
  readonly ok: boolean;
  readonly class: VerdictClass;
  readonly reason: SignatureReason;
  readonly message: string;
  readonly format: SignatureFormat;
  readonly algorithm?: string;
  readonly signer?: Cert;
  /** Absent when trust was not evaluated (crypto-only checks) or the signature failed first. */
  readonly chain?: ChainVerdict;
  readonly binding?: BindingVerdict;
  /** The signing time the signature claims (JAdES sigT, CMS signingTime); not a trusted timestamp. */
  readonly signedAt?: Date;
  /** XML-DSig: the canonical XML of what was signed. Use it, not the original tree. */
  readonly signedContent?: readonly string[];
}

export function classOf(reason: SignatureReason): VerdictClass {
  switch (reason) {
    case "valid":
      return "valid";
    case "not-signed":
      return "unsigned";
    case "malformed":
    case "invalid-signature":
    case "digest-mismatch":
    case "reference-not-found":
    case "key-mismatch":
      return "invalid";
    case "wrapping":
      return "wrapping";
    case "unsupported-algorithm":
    case "unsupported-transform":
    case "unsupported-key-info":
      return "refused-unsupported";
    case "algorithm-refused":
    case "multiple-signers":
    case "external-reference":
    case "forbidden-construct":
      return "refused-policy";
    case "certificate-expired":
    case "certificate-not-yet-valid":
    case "certificate-revoked":
    case "certificate-untrusted":
    case "certificate-bad-usage":
    case "certificate-invalid":
    case "certificate-not-bound":
      return "refused-trust";
  }
}

export function reasonForChain(r: ChainReason): SignatureReason {
  switch (r) {
    case "valid":
      return "valid";
    case "expired":
      return "certificate-expired";
    case "not-yet-valid":
      return "certificate-not-yet-valid";
    case "revoked":
      return "certificate-revoked";
    case "untrusted":
      return "certificate-untrusted";
    case "bad-usage":
      return "certificate-bad-usage";
    case "not-ca":
    case "path-length-exceeded":
    case "unsupported-critical-extension":
    case "revocation-unknown":
    case "malformed":
      return "certificate-invalid";
  }
}

/**
 * The last line of "bad input never throws": a verifier's unexpected exception (a library choking
 * on a hostile structure) becomes a malformed verdict instead of escaping.
 */
export async function guarded(
  format: SignatureFormat,
  verify: () => Promise<SignatureVerdict>,
): Promise<SignatureVerdict> {
  try {
    return await verify();
  } catch (e) {
    return refuse(
      format,
      "malformed",
      `the signature cannot be processed: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** A failed verdict without trust details: the signature itself is the problem. */
export function refuse(
  format: SignatureFormat,
  reason: SignatureReason,
  message: string,
  extra: Partial<Pick<SignatureVerdict, "algorithm" | "signer" | "signedAt">> = {},
): SignatureVerdict {
  return { ok: false, class: classOf(reason), reason, message, format, ...extra };
}

const ERROR_CODES: Partial<Record<SignatureReason, ErrorCode>> = {
  "not-signed": "SWG_SIGNATURE_REQUIRED",
  "certificate-revoked": "SWG_CERTIFICATE_REVOKED",
  "certificate-expired": "SWG_CERTIFICATE_EXPIRED",
  "certificate-not-yet-valid": "SWG_CERTIFICATE_EXPIRED",
  "certificate-not-bound": "SWG_CERTIFICATE_NOT_BOUND",
  "certificate-untrusted": "SWG_CERTIFICATE_UNTRUSTED",
  "certificate-bad-usage": "SWG_CERTIFICATE_UNTRUSTED",
  "certificate-invalid": "SWG_CERTIFICATE_UNTRUSTED",
};

/** The error registry code a refused submission answers with; null for a verdict that passes. */
export function errorCodeFor(v: SignatureVerdict): ErrorCode | null {
  if (v.ok) return null;
  return ERROR_CODES[v.reason] ?? "SWG_SIGNATURE_INVALID";
}

/**
 * The problem+json error for a refused signature, naming the reason and the certificate, or null
 * when the verdict passes. The HTTP layer renders it (src/errors/problem.ts).
 */
export function problemFor(v: SignatureVerdict): ProblemError | null {
  const code = errorCodeFor(v);
  if (!code) return null;
  const cert = v.chain?.subject ?? v.signer;
  return new ProblemError(code, v.message, [], {
    reason: v.reason,
    format: v.format,
    ...(v.chain && !v.chain.ok ? { chainReason: v.chain.reason } : {}),
    ...(cert
      ? {
          certificate: {
            subject: cert.subject,
            issuer: cert.issuer,
            serial: cert.serial,
            sha256: cert.fingerprint,
            notAfter: cert.notAfter.toISOString(),
          },
        }
      : {}),
  });
}
