import type { KeyObject } from "node:crypto";
import { keyFits, type SignatureAlgorithm } from "../algorithms.js";
import type { Cert } from "../cert.js";
import { SEAL_ALGORITHMS } from "../policy.js";

/** The gateway's key for outbound XML: an algorithm it may sign with, its key, its chain (leaf first). */
export interface XmlSigner {
  readonly algorithm: SignatureAlgorithm;
  readonly key: KeyObject;
  readonly chain: readonly Cert[];
}

/** Refuses RSA-SHA1 and other algorithms the gateway never signs with, and keys that do not fit. */
export function checkSigner(s: XmlSigner): void {
  if (!SEAL_ALGORITHMS.includes(s.algorithm))
    throw new TypeError(`the gateway does not sign with ${s.algorithm}`);
  if (!keyFits(s.algorithm, s.key)) throw new TypeError(`the key cannot sign ${s.algorithm}`);
  const leaf = s.chain[0];
  if (!leaf) throw new TypeError("the signer has no certificate");
}
