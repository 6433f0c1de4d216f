/**
 * CMS (PKCS#7) detached signatures for EDIFACT and other bytes: pkijs and asn1js for the
 * structures, node:crypto (and sm2.ts) for the cryptography, as everywhere else in src/pki.
 * One SignerInfo with signed attributes (contentType, messageDigest, signingTime); the signer's
 * chain in `certificates`.
 */
import { createHash, type KeyObject } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { keyFits, signRaw, verifyRaw, type SignatureAlgorithm } from "./algorithms.js";
import { certFromDer, normalizeSerial, type Cert } from "./cert.js";
import { judgeSigner, type VerifyContext } from "./judge.js";
import { x509 } from "./peculiar.js";
import { allowsSha1, SEAL_ALGORITHMS } from "./policy.js";
import { guarded, refuse, type SignatureVerdict } from "./verdict.js";

const ID_DATA = "1.2.840.113549.1.7.1";
const ID_SIGNED_DATA = "1.2.840.113549.1.7.2";
const ATTR_CONTENT_TYPE = "1.2.840.113549.1.9.3";
const ATTR_MESSAGE_DIGEST = "1.2.840.113549.1.9.4";
const ATTR_SIGNING_TIME = "1.2.840.113549.1.9.5";

const DIGESTS: Readonly<Record<string, string>> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
  "1.2.156.10197.1.401": "sm3",
};

/** Signature algorithm OIDs; the generic key OIDs (rsaEncryption, id-ecPublicKey) take their hash from the digest. */
const SIGNATURES: Readonly<Record<string, SignatureAlgorithm | "rsa" | "ecdsa">> = {
  "1.2.840.113549.1.1.1": "rsa",
  "1.2.840.113549.1.1.5": "RSA-SHA1",
  "1.2.840.113549.1.1.11": "RSA-SHA256",
  "1.2.840.113549.1.1.12": "RSA-SHA384",
  "1.2.840.113549.1.1.13": "RSA-SHA512",
  "1.2.840.10045.2.1": "ecdsa",
  "1.2.840.10045.4.3.2": "ECDSA-SHA256",
  "1.2.840.10045.4.3.3": "ECDSA-SHA384",
  "1.2.840.10045.4.3.4": "ECDSA-SHA512",
  "1.3.101.112": "EdDSA",
  "1.2.156.10197.1.501": "SM2-SM3",
};

const HASH_OF: Readonly<Record<SignatureAlgorithm, string>> = {
  "RSA-SHA1": "sha1",
  "RSA-SHA256": "sha256",
  "RSA-SHA384": "sha384",
  "RSA-SHA512": "sha512",
  "RSA-PSS-SHA256": "sha256",
  "ECDSA-SHA256": "sha256",
  "ECDSA-SHA384": "sha384",
  "ECDSA-SHA512": "sha512",
  EdDSA: "sha512",
  "SM2-SM3": "sm3",
};

function oidOf<T>(table: Readonly<Record<string, T>>, value: T): string {
  const oid = Object.keys(table).find((k) => table[k] === value);
  if (!oid) throw new TypeError(`no OID for ${String(value)}`);
  return oid;
}

function resolveAlgorithm(sigOid: string, digest: string): SignatureAlgorithm | undefined {
  const s = SIGNATURES[sigOid];
  if (s === "rsa")
    return ({ sha1: "RSA-SHA1", sha256: "RSA-SHA256", sha384: "RSA-SHA384", sha512: "RSA-SHA512" } as const)[
      digest as "sha1"
    ];
  if (s === "ecdsa")
    return ({ sha256: "ECDSA-SHA256", sha384: "ECDSA-SHA384", sha512: "ECDSA-SHA512" } as const)[
      digest as "sha256"
    ];
  return s && HASH_OF[s] === digest ? s : undefined;
}

export interface CmsSigner {
  readonly algorithm: SignatureAlgorithm;
  readonly key: KeyObject;
  /** Leaf first. */
  readonly chain: readonly Cert[];
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** DER of a detached SignedData over `content`. RSA-SHA1 and other non-seal algorithms are refused. */
export function signCms(content: Buffer, signer: CmsSigner, at: Date): Buffer {
  if (!SEAL_ALGORITHMS.includes(signer.algorithm) || signer.algorithm === "EdDSA")
    throw new TypeError(`the gateway does not sign CMS with ${signer.algorithm}`);
  if (!keyFits(signer.algorithm, signer.key)) throw new TypeError(`the key cannot sign ${signer.algorithm}`);
  const leafCert = signer.chain[0];
  if (!leafCert) throw new TypeError("the signer has no certificate");
  const leaf = pkijs.Certificate.fromBER(leafCert.der);
  const hash = HASH_OF[signer.algorithm];
  const digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: oidOf(DIGESTS, hash) });
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      attribute(ATTR_CONTENT_TYPE, new asn1js.ObjectIdentifier({ value: ID_DATA })),
      attribute(
        ATTR_MESSAGE_DIGEST,
        new asn1js.OctetString({ valueHex: createHash(hash).update(content).digest() }),
      ),
      attribute(ATTR_SIGNING_TIME, new asn1js.UTCTime({ valueDate: at })),
    ],
  });
  // The signature covers the DER SET OF the attributes (RFC 5652 §5.4), not their [0] IMPLICIT form.
  const toSign = Buffer.from(signedAttrs.toSchema().toBER());
  toSign[0] = 0x31;
  const signature = signRaw(signer.algorithm, signer.key, toSign, { encoding: "der" });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [digestAlgorithm],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: ID_DATA }),
    certificates: signer.chain.map((c) => pkijs.Certificate.fromBER(c.der)),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
        digestAlgorithm,
        signedAttrs,
        signatureAlgorithm: new pkijs.AlgorithmIdentifier({
          algorithmId: oidOf(SIGNATURES, signer.algorithm),
        }),
        signature: new asn1js.OctetString({ valueHex: signature }),
      }),
    ],
  });
  const info = new pkijs.ContentInfo({ contentType: ID_SIGNED_DATA, content: signedData.toSchema(true) });
  return Buffer.from(info.toSchema().toBER());
}

export function cmsToPem(der: Buffer): string {
  return `${x509.PemConverter.encode(der, "CMS")}\n`;
}

/** PEM ("CMS" or "PKCS7") or DER. */
function derOf(input: Buffer): Buffer {
  const text = input.toString("latin1");
  const m = /-----BEGIN (?:CMS|PKCS7)-----([\s\S]+?)-----END (?:CMS|PKCS7)-----/.exec(text);
  return m ? Buffer.from((m[1] ?? "").replace(/\s+/g, ""), "base64") : input;
}

export interface CmsVerifyOptions {
  /** Signer certificates known out of band, when the SignedData carries none. */
  readonly signerCertificates?: readonly Cert[];
}

function findSigner(si: pkijs.SignerInfo, certs: readonly Cert[]): Cert | undefined {
  const sid: unknown = si.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    const serial = normalizeSerial(Buffer.from(sid.serialNumber.valueBlock.valueHexView).toString("hex"));
    return certs.find(
      (c) => c.serial === serial && pkijs.Certificate.fromBER(c.der).issuer.isEqual(sid.issuer),
    );
  }
  if (sid instanceof asn1js.Primitive) {
    const ski = Buffer.from(sid.valueBlock.valueHexView).toString("hex");
    return certs.find((c) => c.x509.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId === ski);
  }
  return undefined;
}

/** Verifies a detached CMS signature over `content`. Never throws on bad input. */
export function verifyCms(
  signature: Buffer,
  content: Buffer,
  ctx: VerifyContext,
  opts: CmsVerifyOptions = {},
): Promise<SignatureVerdict> {
  return guarded("cms", () => verifySignedData(signature, content, ctx, opts));
}

async function verifySignedData(
  signature: Buffer,
  content: Buffer,
  ctx: VerifyContext,
  opts: CmsVerifyOptions,
): Promise<SignatureVerdict> {
  let signedData: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(derOf(signature));
    if (info.contentType !== ID_SIGNED_DATA) return refuse("cms", "malformed", "not a CMS SignedData");
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch (e) {
    return refuse(
      "cms",
      "malformed",
      `the CMS structure does not parse: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const [si, ...others] = signedData.signerInfos;
  if (!si) return refuse("cms", "malformed", "the SignedData has no SignerInfo");
  if (others.length > 0)
    return refuse("cms", "multiple-signers", `${others.length + 1} SignerInfos; exactly one is accepted`);

  const eContent = signedData.encapContentInfo.eContent;
  if (eContent && !Buffer.from(eContent.getValue()).equals(content))
    return refuse("cms", "digest-mismatch", "the encapsulated content is not the content given");

  const digest = DIGESTS[si.digestAlgorithm.algorithmId];
  const sigOid = si.signatureAlgorithm.algorithmId;
  if (!digest)
    return refuse(
      "cms",
      "unsupported-algorithm",
      `digest ${si.digestAlgorithm.algorithmId} is not supported`,
    );
  const algorithm = resolveAlgorithm(sigOid, digest);
  if (!algorithm)
    return refuse(
      "cms",
      "unsupported-algorithm",
      `signature ${sigOid} with digest ${digest} is not supported`,
    );
  if (!ctx.policy.algorithms.includes(algorithm) || (digest === "sha1" && !allowsSha1(ctx.policy)))
    return refuse("cms", "algorithm-refused", `${algorithm} is not among the algorithms the policy accepts`, {
      algorithm,
    });

  let carried: Cert[];
  try {
    carried = (signedData.certificates ?? [])
      .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
      .map((c) => certFromDer(Buffer.from(c.toSchema().toBER())));
  } catch {
    return refuse("cms", "malformed", "a certificate in the SignedData does not parse", { algorithm });
  }
  const signer = findSigner(si, [...carried, ...(opts.signerCertificates ?? [])]);
  if (!signer)
    return refuse("cms", "unsupported-key-info", "the signer's certificate is neither carried nor known", {
      algorithm,
    });
  if (!keyFits(algorithm, signer.publicKey))
    return refuse("cms", "key-mismatch", `${algorithm} cannot be made with the signer's key`, {
      algorithm,
      signer,
    });

  let signed: Buffer;
  let signedAt: Date | undefined;
  if (si.signedAttrs) {
    const attrs = si.signedAttrs.attributes;
    const get = (type: string) => attrs.filter((a) => a.type === type);
    const ct = get(ATTR_CONTENT_TYPE);
    const md = get(ATTR_MESSAGE_DIGEST);
    const ctValue: unknown = ct[0]?.values[0];
    const mdValue: unknown = md[0]?.values[0];
    if (
      ct.length !== 1 ||
      md.length !== 1 ||
      !(ctValue instanceof asn1js.ObjectIdentifier) ||
      !(mdValue instanceof asn1js.OctetString)
    )
      return refuse("cms", "malformed", "signed attributes need one contentType and one messageDigest", {
        algorithm,
        signer,
      });
    if (ctValue.getValue() !== signedData.encapContentInfo.eContentType)
      return refuse("cms", "malformed", "the contentType attribute differs from the content's type", {
        algorithm,
        signer,
      });
    const actual = createHash(digest).update(content).digest();
    if (!Buffer.from(mdValue.valueBlock.valueHexView).equals(actual))
      return refuse("cms", "digest-mismatch", "the content changed after signing (messageDigest differs)", {
        algorithm,
        signer,
      });
    const time: unknown = get(ATTR_SIGNING_TIME)[0]?.values[0];
    if (time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime) signedAt = time.toDate();
    // Verify over the attributes exactly as received, re-tagged as a SET.
    signed = Buffer.from(si.signedAttrs.encodedValue);
    signed[0] = 0x31;
  } else {
    if (signedData.encapContentInfo.eContentType !== ID_DATA)
      return refuse("cms", "malformed", "without signed attributes the content must be id-data", {
        algorithm,
        signer,
      });
    signed = content;
  }

  const ok = verifyRaw(
    algorithm,
    signer.publicKey,
    signed,
    Buffer.from(si.signature.valueBlock.valueHexView),
    {
      encoding: "der",
    },
  );
  if (!ok)
    return refuse("cms", "invalid-signature", "the signature value does not verify with the signer's key", {
      algorithm,
      signer,
      ...(signedAt ? { signedAt } : {}),
    });
  return judgeSigner({ format: "cms", algorithm, signer, carried, ...(signedAt ? { signedAt } : {}) }, ctx);
}
