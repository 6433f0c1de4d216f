import type { KeyStore } from "../../ports/keystore.js";
import { signJws } from "../../pki/jws.js";
import { digestOf } from "../../util/digest.js";
import { jcs } from "../../util/jcs.js";
import type { PreparedDoc, SealedDoc } from "../types.js";

export const CANONICAL_CTY = "application/vnd.swg.canonical+json";

/**
 * The gateway seal: a JAdES baseline-B style JWS (ES256 by default) with a detached payload over
 * the document's RFC 8785 bytes. The bytes are computed once and stored as they were sealed,
 * so verification never depends on re-serialising JSON.
 */
export function seal(docs: readonly PreparedDoc[], keys: KeyStore, now: Date): SealedDoc[] {
  const signer = keys.current();
  const sigT = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  return docs.map((d) => {
    const bytes = jcs(d.canonical);
    const buf = Buffer.from(bytes, "utf8");
    return {
      ...d,
      jcs: bytes,
      canonicalDigest: digestOf(buf),
      originalDigest: d.canonical.original.digest,
      seal: signJws(signer, buf, { cty: CANONICAL_CTY, sigT, crit: ["sigT"] }, { detached: true }),
    };
  });
}
