/**
 * Outbound XML-DSig with xml-crypto: enveloped, one Reference URI="" over the whole document,
 * exclusive c14n (inclusive for profiles that demand it, such as China E-port's CEB), the signer's
 * chain in KeyInfo/X509Data. For already-canonical XML, fast-sign.ts does the same without a DOM.
 */
import { checkSigner, type XmlSigner } from "./signer.js";
import { newSignedXml } from "./engine.js";
import { C14N, digestUriFor, ENVELOPED, EXC_C14N, signatureMethodUri } from "./uris.js";

export interface XmlSignOptions {
  readonly canonicalization?: "exclusive" | "inclusive";
  /** Where the Signature goes (an XPath): appended to the document element by default. */
  readonly location?: { readonly xpath: string; readonly action: "append" | "prepend" | "before" | "after" };
  /** Namespaces the location XPath uses, by prefix. */
  readonly namespaces?: Readonly<Record<string, string>>;
}

export function signXml(xml: string, signer: XmlSigner, opts: XmlSignOptions = {}): string {
  checkSigner(signer);
  const c14n = opts.canonicalization === "inclusive" ? C14N : EXC_C14N;
  const sx = newSignedXml({
    privateKey: signer.key,
    publicCert: signer.chain.map((c) => c.node.toString()).join("\n"),
  });
  sx.signatureAlgorithm = signatureMethodUri(signer.algorithm);
  sx.canonicalizationAlgorithm = c14n;
  sx.addReference({
    xpath: "/*",
    transforms: [ENVELOPED, c14n],
    digestAlgorithm: digestUriFor(signer.algorithm),
    isEmptyUri: true,
  });
  sx.computeSignature(xml, {
    prefix: "ds",
    location: { reference: opts.location?.xpath ?? "/*", action: opts.location?.action ?? "append" },
    ...(opts.namespaces ? { existingPrefixes: { ...opts.namespaces } } : {}),
  });
  return sx.getSignedXml();
}
