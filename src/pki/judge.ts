import { checkBinding } from "./binding.js";
import type { Cert } from "./cert.js";
import type { ChainValidator } from "./chain.js";
import type { SignaturePolicy } from "./policy.js";
import { classOf, reasonForChain, type SignatureFormat, type SignatureVerdict } from "./verdict.js";

/**
 * How far a verifier goes after the cryptography. `trust` and `bound` must be given or declined
 * explicitly ("not-evaluated"), so a caller cannot forget chain validation or the party binding.
 */
export interface VerifyContext {
  readonly policy: SignaturePolicy;
  readonly trust: ChainValidator | "not-evaluated";
  /** The submitting party's bound certificate fingerprints (SHA-256 of DER, hex). */
  readonly bound: readonly string[] | "not-evaluated";
  /** Validation time; now by default. */
  readonly at?: Date;
}

export interface CryptoPass {
  readonly format: SignatureFormat;
  readonly algorithm: string;
  readonly signer: Cert;
  /** Certificates the signature carried, as path candidates. */
  readonly carried: readonly Cert[];
  readonly signedAt?: Date;
  readonly signedContent?: readonly string[];
}

/** The signature verified; now the signer's chain, then its binding to the party. */
export async function judgeSigner(pass: CryptoPass, ctx: VerifyContext): Promise<SignatureVerdict> {
  const base = {
    format: pass.format,
    algorithm: pass.algorithm,
    signer: pass.signer,
    ...(pass.signedAt ? { signedAt: pass.signedAt } : {}),
    ...(pass.signedContent ? { signedContent: pass.signedContent } : {}),
  };
  const notes: string[] = [];
  let chain;
  if (ctx.trust === "not-evaluated") notes.push("certificate trust not evaluated");
  else {
    chain = await ctx.trust.validate(pass.signer, {
      kind: ctx.policy.trustKind,
      at: ctx.at ?? new Date(),
      revocation: ctx.policy.revocation,
      extra: pass.carried,
    });
    if (!chain.ok) {
      const reason = reasonForChain(chain.reason);
      return { ...base, ok: false, class: classOf(reason), reason, message: chain.message, chain };
    }
  }
  let binding;
  if (ctx.bound === "not-evaluated") notes.push("party binding not evaluated");
  else {
    binding = checkBinding(ctx.bound, pass.signer);
    if (!binding.ok)
      return {
        ...base,
        ok: false,
        class: "refused-trust",
        reason: "certificate-not-bound",
        message: binding.message,
        ...(chain ? { chain } : {}),
        binding,
      };
  }
  return {
    ...base,
    ok: true,
    class: "valid",
    reason: "valid",
    message: `${pass.algorithm} signature verifies` + (notes.length ? ` (${notes.join("; ")})` : ""),
    ...(chain ? { chain } : {}),
    ...(binding ? { binding } : {}),
  };
}

/** No signature at all: fine under an optional policy, refused under a required one. */
export function unsigned(format: SignatureFormat, policy: SignaturePolicy): SignatureVerdict {
  const ok = policy.requirement === "optional";
  return {
    ok,
    class: "unsigned",
    reason: "not-signed",
    message: ok ? "not signed (the policy makes signatures optional)" : "the policy requires a signature",
    format,
  };
}
