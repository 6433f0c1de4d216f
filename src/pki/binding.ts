import { describeCert, type Cert } from "./cert.js";

export type BindingVerdict =
  | { readonly ok: true; readonly fingerprint: string }
  | {
      readonly ok: false;
      readonly reason: "not-bound";
      readonly fingerprint: string;
      readonly message: string;
    };

/** Accepts "AB:CD:…", spaces and upper case, as operators paste them; returns 64 lowercase hex digits. */
export function normalizeFingerprint(fp: string): string {
  const hex = fp.replace(/[\s:]/g, "").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new TypeError(`not a SHA-256 fingerprint: ${fp}`);
  return hex;
}

/**
 * A signature counts for a party only if its certificate is one the party registered
 * (SHA-256 of the DER). Call it after the signature and the chain verified.
 */
export function checkBinding(bound: readonly string[], signer: Cert): BindingVerdict {
  const fingerprint = signer.fingerprint;
  const ok = bound.some((fp) => {
    try {
      return normalizeFingerprint(fp) === fingerprint;
    } catch {
      return false;
    }
  });
  return ok
    ? { ok: true, fingerprint }
    : {
        ok: false,
        reason: "not-bound",
        fingerprint,
        message: `${describeCert(signer)} is not bound to the submitting party`,
      };
}
