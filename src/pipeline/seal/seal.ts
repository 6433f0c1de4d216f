import type { Sealer } from "../../pki/jades.js";
import { digestOf } from "../../util/digest.js";
import { jcs } from "../../util/jcs.js";
import type { PreparedDoc, SealedDoc } from "../types.js";

/**
 * The gateway seal: JAdES baseline B (src/pki/jades.ts), a JWS with a detached payload over the
 * document's RFC 8785 bytes. The bytes are computed once and stored as they were sealed, so
 * verification never depends on serialising JSON again.
 */
export function seal(docs: readonly PreparedDoc[], sealer: Sealer, now: Date): SealedDoc[] {
  return docs.map((d) => {
    const bytes = jcs(d.canonical);
    const buf = Buffer.from(bytes, "utf8");
    return {
      ...d,
      jcs: bytes,
      canonicalDigest: digestOf(buf),
      originalDigest: d.canonical.original.digest,
      seal: sealer.seal(buf, now),
    };
  });
}
