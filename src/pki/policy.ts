import { isSignatureAlgorithm, SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from "./algorithms.js";
import { TRUST_KINDS, type TrustKind } from "./trust.js";

/** What a party's signatures must be: required or optional, by which algorithms, trusted by whom. */
export interface SignaturePolicy {
  readonly requirement: "required" | "optional";
  readonly algorithms: readonly SignatureAlgorithm[];
  /** Whose trust anchors validate the signer's certificate. */
  readonly trustKind: TrustKind;
  readonly revocation: "require" | "if-available";
}

/** Everything but RSA-SHA1. */
export const MODERN_ALGORITHMS: readonly SignatureAlgorithm[] = SIGNATURE_ALGORITHMS.filter(
  (a) => a !== "RSA-SHA1",
);

/** For verifying legacy senders (China E-port U-keys still sign RSA-SHA1). Never for new signatures. */
export const LEGACY_VERIFICATION_ALGORITHMS: readonly SignatureAlgorithm[] = SIGNATURE_ALGORITHMS;

/** What the gateway itself signs with: seals, receipts, outbound XML and CMS. */
export const SEAL_ALGORITHMS: readonly SignatureAlgorithm[] = [
  "ECDSA-SHA256",
  "RSA-SHA256",
  "EdDSA",
  "SM2-SM3",
];

export const DEFAULT_SIGNATURE_POLICY: SignaturePolicy = {
  requirement: "optional",
  algorithms: MODERN_ALGORITHMS,
  trustKind: "exporter",
  revocation: "if-available",
};

/** SHA-1 digests ride on RSA-SHA1: a policy that accepts one accepts the other. */
export function allowsSha1(policy: SignaturePolicy): boolean {
  return policy.algorithms.includes("RSA-SHA1");
}

export type PolicyParse =
  | { readonly ok: true; readonly policy: SignaturePolicy }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Reads a policy from a party profile's `signaturePolicy` object (JSON). Missing fields take the
 * defaults, unknown algorithm names and fields are problems, so a typo never weakens a policy.
 */
export function parseSignaturePolicy(
  raw: unknown,
  defaults: SignaturePolicy = DEFAULT_SIGNATURE_POLICY,
): PolicyParse {
  if (raw === undefined || raw === null) return { ok: true, policy: defaults };
  if (typeof raw !== "object" || Array.isArray(raw))
    return { ok: false, problems: ["signaturePolicy must be an object"] };
  const o = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of Object.keys(o))
    if (!["requirement", "algorithms", "trustKind", "revocation"].includes(k))
      problems.push(`unknown field ${k}`);

  const requirement = o["requirement"] ?? defaults.requirement;
  if (requirement !== "required" && requirement !== "optional")
    problems.push('requirement must be "required" or "optional"');

  const algorithms = o["algorithms"] ?? defaults.algorithms;
  if (!Array.isArray(algorithms) || algorithms.length === 0)
    problems.push("algorithms must be a non-empty array");
  else
    for (const a of algorithms as unknown[])
      if (typeof a !== "string" || !isSignatureAlgorithm(a)) problems.push(`unknown algorithm ${String(a)}`);

  const trustKind = o["trustKind"] ?? defaults.trustKind;
  if (typeof trustKind !== "string" || !(TRUST_KINDS as readonly string[]).includes(trustKind))
    problems.push(`trustKind must be one of ${TRUST_KINDS.join(", ")}`);

  const revocation = o["revocation"] ?? defaults.revocation;
  if (revocation !== "require" && revocation !== "if-available")
    problems.push('revocation must be "require" or "if-available"');

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    policy: {
      requirement: requirement as SignaturePolicy["requirement"],
      algorithms: algorithms as SignatureAlgorithm[],
      trustKind: trustKind as TrustKind,
      revocation: revocation as SignaturePolicy["revocation"],
    },
  };
}
