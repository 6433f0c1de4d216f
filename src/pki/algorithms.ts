import { constants, sign as nodeSign, verify as nodeVerify, type KeyObject } from "node:crypto";
import { isSm2Key, sm2PrivateFromKeyObject, sm2PublicFromKeyObject, sm2Sign, sm2Verify } from "./sm2.js";

/** Signature algorithms by one name across XML-DSig, JWS and CMS. */
export const SIGNATURE_ALGORITHMS = [
  "RSA-SHA1",
  "RSA-SHA256",
  "RSA-SHA384",
  "RSA-SHA512",
  "RSA-PSS-SHA256",
  "ECDSA-SHA256",
  "ECDSA-SHA384",
  "ECDSA-SHA512",
  "EdDSA",
  "SM2-SM3",
] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

type Family = "rsa" | "rsa-pss" | "ecdsa" | "eddsa" | "sm2";

const SPECS: Record<SignatureAlgorithm, { readonly family: Family; readonly hash: string | null }> = {
  "RSA-SHA1": { family: "rsa", hash: "sha1" },
  "RSA-SHA256": { family: "rsa", hash: "sha256" },
  "RSA-SHA384": { family: "rsa", hash: "sha384" },
  "RSA-SHA512": { family: "rsa", hash: "sha512" },
  "RSA-PSS-SHA256": { family: "rsa-pss", hash: "sha256" },
  "ECDSA-SHA256": { family: "ecdsa", hash: "sha256" },
  "ECDSA-SHA384": { family: "ecdsa", hash: "sha384" },
  "ECDSA-SHA512": { family: "ecdsa", hash: "sha512" },
  EdDSA: { family: "eddsa", hash: null },
  "SM2-SM3": { family: "sm2", hash: "sm3" },
};

export function isSignatureAlgorithm(s: string): s is SignatureAlgorithm {
  return (SIGNATURE_ALGORITHMS as readonly string[]).includes(s);
}

/** Whether `key` is the kind of key `alg` signs with (an RSA key cannot make an ECDSA signature). */
export function keyFits(alg: SignatureAlgorithm, key: KeyObject): boolean {
  switch (SPECS[alg].family) {
    case "rsa":
      return key.asymmetricKeyType === "rsa";
    case "rsa-pss":
      return key.asymmetricKeyType === "rsa" || key.asymmetricKeyType === "rsa-pss";
    case "ecdsa":
      return key.asymmetricKeyType === "ec" && !isSm2Key(key);
    case "eddsa":
      return key.asymmetricKeyType === "ed25519" || key.asymmetricKeyType === "ed448";
    case "sm2":
      return isSm2Key(key);
  }
}

export interface RawOptions {
  /** SM2 signer identity (default "1234567812345678"). */
  readonly sm2Id?: Buffer;
  /** ECDSA and SM2 signature encoding: r ‖ s (JWS, XML-DSig; the default) or DER (CMS, X.509). */
  readonly encoding?: "p1363" | "der";
}

/** r ‖ s as a DER SEQUENCE of two INTEGERs. */
export function p1363ToDer(rs: Buffer): Buffer {
  const half = rs.length / 2;
  const int = (v: Buffer) => {
    let i = 0;
    while (i < v.length - 1 && v[i] === 0) i++;
    const t = v.subarray(i);
    const body = (t[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), t]) : t;
    return Buffer.concat([Buffer.from([0x02, body.length]), body]);
  };
  const seq = Buffer.concat([int(rs.subarray(0, half)), int(rs.subarray(half))]);
  const len = seq.length < 0x80 ? Buffer.from([seq.length]) : Buffer.from([0x81, seq.length]);
  return Buffer.concat([Buffer.from([0x30]), len, seq]);
}

function nodeKey(alg: SignatureAlgorithm, key: KeyObject, opts: RawOptions) {
  const family = SPECS[alg].family;
  if (family === "ecdsa")
    return { key, dsaEncoding: opts.encoding === "der" ? ("der" as const) : ("ieee-p1363" as const) };
  if (family === "rsa-pss")
    return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
  return key;
}

/** Signs with node:crypto (SM2 with sm2.ts). Elliptic-curve signatures are r ‖ s unless DER is asked for. */
export function signRaw(
  alg: SignatureAlgorithm,
  key: KeyObject,
  data: Buffer,
  opts: RawOptions = {},
): Buffer {
  if (!keyFits(alg, key))
    throw new TypeError(`a ${key.asymmetricKeyType ?? "non-standard"} key cannot sign ${alg}`);
  if (alg === "SM2-SM3") {
    const rs = sm2Sign(data, sm2PrivateFromKeyObject(key), { ...(opts.sm2Id ? { id: opts.sm2Id } : {}) });
    return opts.encoding === "der" ? p1363ToDer(rs) : rs;
  }
  return nodeSign(SPECS[alg].hash, data, nodeKey(alg, key, opts));
}

/**
 * Never throws: a key of the wrong kind, or a signature of the wrong length, just does not verify.
 * SM2 accepts either encoding, as signers in the field use both.
 */
export function verifyRaw(
  alg: SignatureAlgorithm,
  key: KeyObject,
  data: Buffer,
  signature: Buffer,
  opts: RawOptions = {},
): boolean {
  try {
    if (!keyFits(alg, key)) return false;
    if (alg === "SM2-SM3")
      return sm2Verify(data, signature, sm2PublicFromKeyObject(key), {
        ...(opts.sm2Id ? { id: opts.sm2Id } : {}),
      });
    return nodeVerify(SPECS[alg].hash, data, nodeKey(alg, key, opts), signature);
  } catch {
    return false;
  }
}
