/**
 * The fast path for outbound XML-DSig: when the renderer already emits the document in exclusive
 * canonical form, the enveloped Reference's digest is the hash of those very bytes, and the
 * SignedInfo can be written directly in its canonical form. No parse, no c14n pass, no DOM.
 *
 * Precondition, which the caller guarantees (tests check it with xml-crypto's verifier): `xml` is
 * its own exclusive c14n — no XML declaration, DOCTYPE or comments, attributes in c14n order,
 * empty elements written as start/end pairs, namespace declarations only where first used, text
 * escaped as c14n escapes it. Otherwise the signature simply does not verify.
 */
import { createHash } from "node:crypto";
import type { SealSigner } from "../../ports/keystore.js";
import { signRaw, type SignatureAlgorithm } from "../algorithms.js";
import { JWS_ALGORITHMS } from "../jades.js";
import { checkSigner, type XmlSigner } from "./signer.js";
import { DIGEST_METHODS, digestUriFor, DSIG_NS, ENVELOPED, EXC_C14N, signatureMethodUri } from "./uris.js";

export interface FastSignOptions {
  /** The Signature goes right before the first occurrence of this text; default: the root's end tag. */
  readonly insertBefore?: string;
}

export function signCanonicalXml(xml: string, signer: XmlSigner, opts: FastSignOptions = {}): string {
  checkSigner(signer);
  return envelop(
    xml,
    signer.algorithm,
    (data) => signRaw(signer.algorithm, signer.key, data),
    signer.chain.map((c) => c.der.toString("base64")),
    opts,
  );
}

/**
 * The same, signed by the gateway's seal key as the key store holds it (the key itself may not be
 * exportable): outbound messages carry the certificate chain the seals carry.
 */
export function sealCanonicalXml(xml: string, seal: SealSigner, opts: FastSignOptions = {}): string {
  const algorithm = JWS_ALGORITHMS[seal.alg];
  if (!algorithm) throw new TypeError(`the seal algorithm ${seal.alg} has no XML-DSig form`);
  return envelop(xml, algorithm, (data) => seal.sign(data), seal.x5c, opts);
}

function envelop(
  xml: string,
  algorithm: SignatureAlgorithm,
  sign: (data: Buffer) => Buffer,
  chainBase64: readonly string[],
  opts: FastSignOptions,
): string {
  const at = opts.insertBefore === undefined ? xml.lastIndexOf("</") : xml.indexOf(opts.insertBefore);
  if (at <= 0 || !xml.endsWith(">")) throw new TypeError("no place for the signature in this XML");
  const digestUri = digestUriFor(algorithm);
  const hash = DIGEST_METHODS[digestUri] ?? "sha256";
  const digest = createHash(hash).update(xml, "utf8").digest("base64");
  const body =
    `<ds:CanonicalizationMethod Algorithm="${EXC_C14N}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${signatureMethodUri(algorithm)}"></ds:SignatureMethod>` +
    `<ds:Reference URI=""><ds:Transforms>` +
    `<ds:Transform Algorithm="${ENVELOPED}"></ds:Transform><ds:Transform Algorithm="${EXC_C14N}"></ds:Transform>` +
    `</ds:Transforms><ds:DigestMethod Algorithm="${digestUri}"></ds:DigestMethod>` +
    `<ds:DigestValue>${digest}</ds:DigestValue></ds:Reference>`;
  // Exclusive c14n of SignedInfo renders the ds declaration on SignedInfo itself.
  const canonicalSignedInfo = `<ds:SignedInfo xmlns:ds="${DSIG_NS}">${body}</ds:SignedInfo>`;
  const value = sign(Buffer.from(canonicalSignedInfo, "utf8")).toString("base64");
  const certs = chainBase64.map((c) => `<ds:X509Certificate>${c}</ds:X509Certificate>`);
  const signature =
    `<ds:Signature xmlns:ds="${DSIG_NS}"><ds:SignedInfo>${body}</ds:SignedInfo>` +
    `<ds:SignatureValue>${value}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data>${certs.join("")}</ds:X509Data></ds:KeyInfo></ds:Signature>`;
  return xml.slice(0, at) + signature + xml.slice(at);
}
