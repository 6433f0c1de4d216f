/**
 * Verifies an XML-DSig signature (enveloped, or detached within the same document) as the gateway
 * accepts it: exactly one Signature, only same-document references, known algorithms allowed by
 * the party's policy, and the element the application uses covered by a reference. xml-crypto
 * checks digests and the signature value; the structure is checked here first, on our own parse.
 */
import { certFromBase64, type Cert } from "../cert.js";
import { keyFits, type SignatureAlgorithm } from "../algorithms.js";
import { judgeSigner, unsigned, type VerifyContext } from "../judge.js";
import { allowsSha1 } from "../policy.js";
import { guarded, refuse, type SignatureReason, type SignatureVerdict } from "../verdict.js";
import {
  childElements,
  descendants,
  elementsById,
  isAncestorOrSelf,
  parseXml,
  pathOf,
  selectPath,
  type XDocument,
  type XElement,
} from "./dom.js";
import { newSignedXml } from "./engine.js";
import { CANONICALIZATIONS, DIGEST_METHODS, DSIG_NS, SIGNATURE_METHODS, TRANSFORMS } from "./uris.js";

export interface XmlVerifyOptions {
  /**
   * The element the application goes on to use, as a local-name path ("/Response/Assertion").
   * Default: the document element. A signature that does not cover it is refused as wrapping.
   */
  readonly use?: string;
  /** Certificates known out of band (the party's bound ones) for a KeyInfo without X509Certificate. */
  readonly signerCertificates?: readonly Cert[];
  readonly maxBytes?: number;
}

type Step<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly verdict: SignatureVerdict };

const no = (reason: SignatureReason, message: string, algorithm?: string): Step<never> => ({
  ok: false,
  verdict: refuse("xmldsig", reason, message, algorithm ? { algorithm } : {}),
});

const one = (parent: XElement, name: string): XElement[] => childElements(parent, DSIG_NS, name);

export function verifyXmlSignature(
  xml: string | Buffer,
  ctx: VerifyContext,
  opts: XmlVerifyOptions = {},
): Promise<SignatureVerdict> {
  return guarded("xmldsig", () => verifyParsed(xml, ctx, opts));
}

async function verifyParsed(
  xml: string | Buffer,
  ctx: VerifyContext,
  opts: XmlVerifyOptions,
): Promise<SignatureVerdict> {
  const parsed = parseXml(xml, opts.maxBytes);
  if (!parsed.ok)
    return refuse("xmldsig", parsed.forbidden ? "forbidden-construct" : "malformed", parsed.message);
  const { doc, text } = parsed;

  const signatures = descendants(doc, DSIG_NS, "Signature");
  const signature = signatures[0];
  if (!signature) return unsigned("xmldsig", ctx.policy);
  if (signatures.length > 1)
    return refuse("xmldsig", "wrapping", `${signatures.length} Signature elements; exactly one is accepted`);

  const shape = checkShape(doc, signature);
  if (!shape.ok) return shape.verdict;
  const { signedInfo } = shape.value;

  const alg = checkAlgorithm(signedInfo, ctx);
  if (!alg.ok) return alg.verdict;
  const algorithm = alg.value;

  const refs = checkReferences(doc, signedInfo, ctx, algorithm);
  if (!refs.ok) return refs.verdict;

  const scope = checkScope(doc, signature, refs.value, opts.use);
  if (!scope.ok) return scope.verdict;

  const keys = signerCandidates(signature, opts.signerCertificates ?? [], algorithm);
  if (!keys.ok) return keys.verdict;

  let last: SignatureVerdict | undefined;
  for (const signer of keys.value.candidates) {
    const checked = runXmlCrypto(text, signature, signer, algorithm);
    if (checked.ok)
      return judgeSigner(
        {
          format: "xmldsig",
          algorithm,
          signer,
          carried: keys.value.carried,
          signedContent: checked.value,
        },
        ctx,
      );
    last = checked.verdict;
    // Another candidate can only help when the signature value is what failed.
    if (last.reason !== "invalid-signature") break;
  }
  return last ?? refuse("xmldsig", "unsupported-key-info", "no signer certificate", { algorithm });
}

/** One SignedInfo, one SignatureValue, each where it belongs; nothing duplicated elsewhere. */
function checkShape(doc: XDocument, signature: XElement): Step<{ signedInfo: XElement }> {
  for (const name of ["SignedInfo", "SignatureValue", "CanonicalizationMethod", "SignatureMethod"]) {
    const all = descendants(doc, DSIG_NS, name);
    if (all.length > 1) return no("wrapping", `${all.length} ${name} elements; exactly one is accepted`);
  }
  const signedInfo = one(signature, "SignedInfo")[0];
  const value = one(signature, "SignatureValue")[0];
  if (!signedInfo || !value) return no("malformed", "the Signature lacks SignedInfo or SignatureValue");
  if (
    one(signedInfo, "CanonicalizationMethod").length !== 1 ||
    one(signedInfo, "SignatureMethod").length !== 1
  )
    return no("malformed", "SignedInfo needs one CanonicalizationMethod and one SignatureMethod");
  return { ok: true, value: { signedInfo } };
}

function checkAlgorithm(signedInfo: XElement, ctx: VerifyContext): Step<SignatureAlgorithm> {
  const c14n = one(signedInfo, "CanonicalizationMethod")[0]?.getAttribute("Algorithm") ?? "";
  if (!CANONICALIZATIONS.includes(c14n))
    return no("unsupported-transform", `canonicalization ${c14n} is not supported`);
  const uri = one(signedInfo, "SignatureMethod")[0]?.getAttribute("Algorithm") ?? "";
  const alg = SIGNATURE_METHODS[uri];
  if (!alg) {
    if (/hmac/i.test(uri))
      return no("algorithm-refused", `${uri} is a shared-secret MAC, not a signature`, uri);
    if (/dsa-sha/i.test(uri) && !/ecdsa/i.test(uri))
      return no("unsupported-algorithm", `DSA signatures (${uri}) are not supported`, uri);
    return no("unsupported-algorithm", `signature method ${uri || "(none)"} is not supported`, uri);
  }
  if (!ctx.policy.algorithms.includes(alg))
    return no("algorithm-refused", `${alg} is not among the algorithms the policy accepts`, alg);
  return { ok: true, value: alg };
}

interface RefTarget {
  readonly uri: string;
  readonly target: XElement;
}

function checkReferences(
  doc: XDocument,
  signedInfo: XElement,
  ctx: VerifyContext,
  algorithm: SignatureAlgorithm,
): Step<RefTarget[]> {
  const refs = one(signedInfo, "Reference");
  if (refs.length === 0) return no("malformed", "SignedInfo has no Reference", algorithm);
  const targets: RefTarget[] = [];
  for (const ref of refs) {
    for (const t of one(ref, "Transforms").flatMap((ts) => one(ts, "Transform"))) {
      const a = t.getAttribute("Algorithm") ?? "";
      if (!TRANSFORMS.includes(a))
        return no("unsupported-transform", `transform ${a} is not supported`, algorithm);
    }
    const digestUri = one(ref, "DigestMethod")[0]?.getAttribute("Algorithm") ?? "";
    const digest = DIGEST_METHODS[digestUri];
    if (!digest)
      return no("unsupported-algorithm", `digest ${digestUri || "(none)"} is not supported`, algorithm);
    if (digest === "sha1" && !allowsSha1(ctx.policy))
      return no("algorithm-refused", "SHA-1 digests are accepted only under a legacy policy", algorithm);

    if (!ref.hasAttribute("URI"))
      return no("external-reference", "a Reference without URI points outside the document", algorithm);
    const uri = ref.getAttribute("URI") ?? "";
    if (uri === "") {
      const root = doc.documentElement;
      if (root) targets.push({ uri, target: root });
      continue;
    }
    if (!uri.startsWith("#"))
      return no(
        "external-reference",
        `reference ${uri} is outside the document; external references are refused`,
        algorithm,
      );
    const id = uri.slice(1);
    if (id.startsWith("xpointer("))
      return no("unsupported-transform", `XPointer reference ${uri} is not supported`, algorithm);
    if (/['"]/.test(id)) return no("malformed", `reference ${uri} has quotes in its id`, algorithm);
    const found = elementsById(doc, id);
    const target = found[0];
    if (!target) return no("reference-not-found", `no element has the id of reference ${uri}`, algorithm);
    if (found.length > 1)
      return no("wrapping", `${found.length} elements share the id of reference ${uri}`, algorithm);
    targets.push({ uri, target });
  }
  return { ok: true, value: targets };
}

/** Some reference must cover the element the application uses (or an ancestor of it). */
function checkScope(
  doc: XDocument,
  signature: XElement,
  refs: readonly RefTarget[],
  use?: string,
): Step<true> {
  const used = use ? selectPath(doc, use) : doc.documentElement;
  if (!used)
    return no("wrapping", `the element the application uses, ${use ?? "/"}, is not (uniquely) there`);
  if (refs.some((r) => isAncestorOrSelf(r.target, used) && r.target !== signature))
    return { ok: true, value: true };
  const covered = refs.map((r) => pathOf(r.target)).join(", ") || "only the signature's own parts";
  return no("wrapping", `the signature covers ${covered}, not the element used, ${pathOf(used)}`);
}

interface Keys {
  readonly candidates: readonly Cert[];
  readonly carried: readonly Cert[];
}

/** The certificates in KeyInfo/X509Data, leaf-looking ones first; else the out-of-band ones. */
function signerCandidates(
  signature: XElement,
  outOfBand: readonly Cert[],
  algorithm: SignatureAlgorithm,
): Step<Keys> {
  const keyInfo = one(signature, "KeyInfo")[0];
  const encoded = keyInfo
    ? one(keyInfo, "X509Data").flatMap((d) => one(d, "X509Certificate").map((c) => c.textContent ?? ""))
    : [];
  let carried: Cert[];
  try {
    carried = encoded.map(certFromBase64);
  } catch {
    return no("malformed", "an X509Certificate in KeyInfo does not parse", algorithm);
  }
  const issuers = new Set(carried.map((c) => c.issuer));
  const leafFirst = [...carried].sort(
    (a, b) => Number(issuers.has(a.subject)) - Number(issuers.has(b.subject)),
  );
  const candidates = leafFirst.length > 0 ? leafFirst : [...outOfBand];
  if (candidates.length === 0) {
    const has = keyInfo
      ? Array.from(new Set(descendants(keyInfo, DSIG_NS, "*").map((e) => e.localName))).join(", ")
      : "nothing";
    return no(
      "unsupported-key-info",
      `KeyInfo carries no X509Certificate (it has ${has || "nothing"}) and no signer certificate is known`,
      algorithm,
    );
  }
  const fitting = candidates.filter((c) => keyFits(algorithm, c.publicKey));
  if (fitting.length === 0)
    return no(
      "key-mismatch",
      `${algorithm} cannot be made with the signer's ${candidates[0]?.publicKey.asymmetricKeyType ?? "unknown"} key`,
      algorithm,
    );
  return { ok: true, value: { candidates: fitting, carried } };
}

/** xml-crypto's core validation with exactly this certificate's key. */
function runXmlCrypto(
  text: string,
  signature: XElement,
  signer: Cert,
  algorithm: SignatureAlgorithm,
): Step<string[]> {
  const sx = newSignedXml({ publicCert: signer.node.toString() });
  try {
    sx.loadSignature(signature);
    if (sx.checkSignature(text)) return { ok: true, value: sx.getSignedReferences() };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (message.startsWith("invalid signature: the signature value"))
      return no("invalid-signature", "the signature value does not verify with the signer's key", algorithm);
    return no("malformed", `the signature cannot be checked: ${message}`, algorithm);
  }
  const failed = sx.getReferences().find((r) => r.validationError);
  const why = failed?.validationError?.message ?? "a reference does not validate";
  if (why.includes("could not find such element")) return no("reference-not-found", why, algorithm);
  return no("digest-mismatch", `the document changed after signing: ${why}`, algorithm);
}
