import type { KeyStore } from "../../ports/keystore.js";
import { signJws } from "../../pki/jws.js";
import { digestOf } from "../../util/digest.js";
import { jcs } from "../../util/jcs.js";
import type { SealedDoc, SignedReceipt, Submitter } from "../types.js";

export const RECEIPT_TYP = "swg-receipt+jws";

/**
 * Non-repudiation of receipt (as in AS4): the gateway signs the digest of exactly the bytes it
 * received, with the ids it assigned and the times, before answering.
 */
export function makeReceipt(
  keys: KeyStore,
  input: {
    submissionId: string;
    ucr: string;
    body: Buffer;
    mediaType: string;
    receivedAt: Date;
    submitter: Submitter;
    warnings: number;
  },
  docs: readonly SealedDoc[],
  now: Date,
): SignedReceipt {
  const receipt = {
    v: 1,
    type: "submission-receipt",
    submissionId: input.submissionId,
    ucr: input.ucr,
    receivedAt: input.receivedAt.toISOString(),
    issuedAt: now.toISOString(),
    submitter: { partyId: input.submitter.partyId, onBehalfOf: input.submitter.onBehalfOf },
    request: { digest: digestOf(input.body), mediaType: input.mediaType, size: input.body.length },
    documents: docs.map((d) => ({
      id: d.canonical.id,
      type: d.canonical.type,
      number: d.canonical.number,
      version: d.canonical.version,
      functionCode: d.canonical.functionCode,
      originalDigest: d.originalDigest,
      canonicalDigest: d.canonicalDigest,
      ...(d.canonical.original.format === "derived" ? { derived: true } : {}),
    })),
    warnings: input.warnings,
  };
  return {
    receipt,
    signature: signJws(keys.current(), Buffer.from(jcs(receipt)), { typ: RECEIPT_TYP }, { detached: true }),
  };
}
