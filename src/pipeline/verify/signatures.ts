import { ProblemError } from "../../errors/index.js";
import type { ChainValidator } from "../../pki/chain.js";
import { verifyCms } from "../../pki/cms.js";
import { verifyJsonSignature } from "../../pki/jades.js";
import type { VerifyContext } from "../../pki/judge.js";
import { parseSignaturePolicy, type SignaturePolicy } from "../../pki/policy.js";
import { problemFor, type SignatureVerdict } from "../../pki/verdict.js";
import { verifyXmlSignature } from "../../pki/xmldsig/verify.js";
import type { Part } from "../types.js";

/** What the trace keeps of a verified submitter signature. */
export interface SignatureSummary {
  readonly format: SignatureVerdict["format"];
  readonly algorithm: string | null;
  readonly signer: { readonly subject: string; readonly sha256: string; readonly serial: string } | null;
  readonly signedAt: string | null;
}

export interface SignatureInputs {
  readonly validator: ChainValidator;
  /** The submitting party's signature policy, as stored in its profile (absent: the default, optional). */
  readonly rawPolicy: unknown;
  /** Loads the party's bound certificate fingerprints, only when a signature needs them. */
  readonly bound: () => Promise<readonly string[]>;
  readonly now: Date;
}

const DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
const SIGNATURE_ELEMENT = /<([A-Za-z_][\w.-]*:)?Signature[\s>]/;

/** A ds:Signature element: only then is the (slow) XML-DSig verifier worth running. */
function hasXmlSignature(part: Part): boolean {
  const text = part.bytes.toString("utf8");
  return text.includes(DSIG_NS) && SIGNATURE_ELEMENT.test(text);
}

function isSigned(part: Part): boolean {
  return part.signature !== undefined || (kindOf(part) === "xml" && hasXmlSignature(part));
}

function kindOf(part: Part): "xml" | "json" | "edifact" | "other" {
  let i = part.bytes[0] === 0xef && part.bytes[1] === 0xbb && part.bytes[2] === 0xbf ? 3 : 0;
  while (
    i < part.bytes.length &&
    (part.bytes[i] === 0x20 || part.bytes[i] === 0x0a || part.bytes[i] === 0x0d || part.bytes[i] === 0x09)
  )
    i++;
  const c = part.bytes[i];
  if (c === 0x3c) return "xml";
  if (c === 0x7b) return "json";
  if (c === 0x55) return "edifact";
  return "other";
}

function cmsBytes(sig: string): Buffer {
  const pem = /-----BEGIN (?:PKCS7|CMS)-----([\s\S]+?)-----END (?:PKCS7|CMS)-----/.exec(sig);
  return Buffer.from((pem ? pem[1]! : sig).replace(/\s+/g, ""), "base64");
}

async function verifyPart(part: Part, ctx: VerifyContext): Promise<SignatureVerdict | null> {
  switch (kindOf(part)) {
    case "xml":
      if (part.signature) {
        throw new ProblemError(
          "SWG_SIGNATURE_INVALID",
          "XML documents carry their signature inside (enveloped XML-DSig), not beside them",
          [
            {
              message: "a detached signature was given for an XML document",
              document: part.index,
              ruleId: "SIG-PLACE",
            },
          ],
        );
      }
      return hasXmlSignature(part) ? verifyXmlSignature(part.bytes, ctx) : null;
    case "json": {
      if (!part.signature) return null;
      let doc: unknown;
      try {
        doc = JSON.parse(part.bytes.toString("utf8"));
      } catch {
        return null; // Malformed JSON is the reader's to report.
      }
      return verifyJsonSignature(doc, part.signature, ctx);
    }
    case "edifact":
    case "other":
      return part.signature ? verifyCms(cmsBytes(part.signature), part.bytes, ctx) : null;
  }
}

/**
 * The submitter's signatures: XML-DSig inside XML, a detached JAdES over the RFC 8785 form of
 * JSON, a detached CMS over EDIFACT (and other bytes). Each is checked cryptographically, then
 * its certificate chain against the trust anchors of the party's policy, then its binding to the
 * submitting party. The party's policy decides whether a signature is required and which
 * algorithms count. A failure names the certificate and the reason.
 */
export async function verifySignatures(
  parts: readonly Part[],
  inputs: SignatureInputs,
): Promise<Map<number, SignatureSummary>> {
  const parsed = parseSignaturePolicy(inputs.rawPolicy);
  if (!parsed.ok) {
    throw new ProblemError(
      "SWG_UNAVAILABLE",
      "the party's signature policy is misconfigured; an administrator must correct it",
      [],
      {
        problems: parsed.problems,
      },
    );
  }
  const policy: SignaturePolicy = parsed.policy;
  let bound: readonly string[] | undefined;
  const out = new Map<number, SignatureSummary>();
  for (const part of parts) {
    const signed = isSigned(part);
    if (signed && bound === undefined) bound = await inputs.bound();
    const ctx: VerifyContext = { policy, trust: inputs.validator, bound: bound ?? [], at: inputs.now };
    const v = signed ? await verifyPart(part, ctx) : null;
    if (!v) {
      if (policy.requirement === "required") {
        throw new ProblemError(
          "SWG_SIGNATURE_REQUIRED",
          `document ${part.index} is not signed, and the party's policy requires a signature`,
          [{ message: "no signature found", document: part.index, ruleId: "SIG-REQUIRED" }],
        );
      }
      continue;
    }
    if (!v.ok) {
      const p = problemFor(v);
      if (p)
        throw new ProblemError(
          p.code,
          p.message,
          [{ message: v.message, document: part.index, ruleId: `SIG-${v.reason}` }],
          p.extensions,
        );
    }
    out.set(part.index, {
      format: v.format,
      algorithm: v.algorithm ?? null,
      signer: v.signer
        ? { subject: v.signer.subject, sha256: v.signer.fingerprint, serial: v.signer.serial }
        : null,
      signedAt: v.signedAt?.toISOString() ?? null,
    });
  }
  return out;
}
