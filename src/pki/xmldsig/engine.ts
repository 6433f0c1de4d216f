/**
 * xml-crypto, set up once: every signature and digest algorithm the gateway knows, implemented on
 * algorithms.ts (node:crypto, and sm2.ts for SM2), so XML-DSig signs and verifies exactly as JWS
 * and CMS do. HMAC stays disabled (xml-crypto's default): a shared secret is no signature.
 */
import { createHash, createPublicKey, KeyObject, X509Certificate, type KeyLike } from "node:crypto";
import {
  createOptionalCallbackFunction,
  SignedXml,
  type HashAlgorithm,
  type SignatureAlgorithm as XcSignatureAlgorithm,
} from "xml-crypto";
import { signRaw, verifyRaw, type SignatureAlgorithm } from "../algorithms.js";
import { DIGEST_METHODS, SIGNATURE_METHODS } from "./uris.js";

function publicKeyOf(key: KeyLike): KeyObject {
  if (key instanceof KeyObject) return key.type === "private" ? createPublicKey(key) : key;
  const text = typeof key === "string" ? key : Buffer.from(key).toString("latin1");
  return text.includes("BEGIN CERTIFICATE") ? new X509Certificate(text).publicKey : createPublicKey(text);
}

function privateKeyOf(key: KeyLike): KeyObject {
  if (key instanceof KeyObject && key.type === "private") return key;
  throw new TypeError("XML-DSig signing takes a private KeyObject");
}

function signatureClass(uri: string, alg: SignatureAlgorithm): new () => XcSignatureAlgorithm {
  return class {
    getSignature = createOptionalCallbackFunction((signedInfo: string | Buffer, privateKey: KeyLike) =>
      signRaw(alg, privateKeyOf(privateKey), Buffer.from(signedInfo)).toString("base64"),
    );
    verifySignature = createOptionalCallbackFunction((material: string, key: KeyLike, value: string) =>
      verifyRaw(
        alg,
        publicKeyOf(key),
        Buffer.from(material),
        Buffer.from(value.replace(/\s+/g, ""), "base64"),
      ),
    );
    getAlgorithmName = () => uri;
  };
}

function hashClass(uri: string, hash: string): new () => HashAlgorithm {
  return class {
    getHash = (xml: string) => createHash(hash).update(xml, "utf8").digest("base64");
    getAlgorithmName = () => uri;
  };
}

const SIGNATURES = Object.fromEntries(
  Object.entries(SIGNATURE_METHODS).map(([uri, alg]) => [uri, signatureClass(uri, alg)]),
);
const HASHES = Object.fromEntries(Object.entries(DIGEST_METHODS).map(([uri, h]) => [uri, hashClass(uri, h)]));

/**
 * A SignedXml that only knows our algorithms and only takes the key it is given: KeyInfo is never
 * read by xml-crypto (getCertFromKeyInfo returns null), the caller picks and validates the certificate.
 */
export function newSignedXml(opts: { publicCert?: string; privateKey?: KeyObject } = {}): SignedXml {
  const sx = new SignedXml({
    ...(opts.publicCert ? { publicCert: opts.publicCert } : {}),
    ...(opts.privateKey ? { privateKey: opts.privateKey } : {}),
    getCertFromKeyInfo: () => null,
  });
  sx.SignatureAlgorithms = { ...SIGNATURES };
  sx.HashAlgorithms = { ...HASHES };
  return sx;
}
