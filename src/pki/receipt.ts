/**
 * Signed receipts (non-repudiation of receipt, as in AS4): the gateway seals a statement of exactly
 * what it received (its digest), the ids and the times. And the weight of a partner's acknowledgement.
 */
import { jcs } from "../util/jcs.js";
import { digestOf } from "../util/digest.js";
import type { KeyStore } from "../ports/keystore.js";
import type { ChainValidator } from "./chain.js";
import { verifySeal, type Sealer } from "./jades.js";
import { refuse, type SignatureVerdict } from "./verdict.js";

export interface ReceiptBody {
  readonly v: 1;
  readonly kind: "submission" | "delivery";
  readonly id: string;
  readonly submissionId?: string;
  readonly deliveryId?: string;
  readonly messageId?: string;
  readonly documentIds: readonly string[];
  readonly receivedAt: string;
  /** "sha256:<hex>" of exactly the bytes received. */
  readonly digest: string;
  readonly issuedAt: string;
}

export interface SignedReceipt {
  readonly receipt: ReceiptBody;
  /** Compact detached JAdES over JCS(receipt). */
  readonly seal: string;
}

export function issueReceipt(
  sealer: Sealer,
  body: Omit<ReceiptBody, "v" | "issuedAt">,
  at: Date,
): SignedReceipt {
  const receipt: ReceiptBody = { v: 1, ...body, issuedAt: at.toISOString() };
  return { receipt, seal: sealer.seal(jcs(receipt), at) };
}

/**
 * The seal over the receipt, and, when the bytes are at hand, that they are the ones it names.
 * Changing one byte of the receipt or of the bytes shows.
 */
export async function verifyReceipt(
  r: SignedReceipt,
  opts: {
    readonly keys: KeyStore;
    readonly trust: ChainValidator | "not-evaluated";
    readonly received?: Buffer;
  },
): Promise<SignatureVerdict> {
  let canonical: string;
  try {
    canonical = jcs(r.receipt);
  } catch {
    return refuse("jades", "malformed", "the receipt is not JSON");
  }
  const v = await verifySeal(r.seal, canonical, opts);
  if (!v.ok || !opts.received) return v;
  const actual = digestOf(opts.received);
  return actual === r.receipt.digest
    ? v
    : refuse(
        "jades",
        "digest-mismatch",
        `the bytes digest to ${actual}, the receipt names ${r.receipt.digest}`,
        {
          ...(v.algorithm ? { algorithm: v.algorithm } : {}),
          ...(v.signer ? { signer: v.signer } : {}),
        },
      );
}

/**
 * What a partner's acknowledgement proves: a verified signature is non-repudiation of receipt; an
 * unsigned one (null) is a weaker delivery confirmation, shown as such; a bad signature proves nothing.
 */
export type DeliveryEvidence =
  | { readonly level: "non-repudiation"; readonly verdict: SignatureVerdict }
  | { readonly level: "unsigned-confirmation" }
  | { readonly level: "refused"; readonly verdict: SignatureVerdict };

export function deliveryEvidence(ackVerdict: SignatureVerdict | null): DeliveryEvidence {
  if (!ackVerdict || ackVerdict.reason === "not-signed") return { level: "unsigned-confirmation" };
  return ackVerdict.ok
    ? { level: "non-repudiation", verdict: ackVerdict }
    : { level: "refused", verdict: ackVerdict };
}
