/**
 * The library behind `swg verify FILE`: recognizes a sealed canonical document ({document, seal}),
 * a signed receipt ({receipt, seal}, or the pipeline's {receipt, signature}), a signed XML
 * document or a CMS signature (with its content),
 * verifies it, and prints the verdict with the certificate chain.
 */
import type { KeyStore } from "../ports/keystore.js";
import { jcs } from "../util/jcs.js";
import { describeCert } from "./cert.js";
import type { ChainValidator } from "./chain.js";
import { verifyCms } from "./cms.js";
import { keyStoreFingerprints, SEAL_POLICY, verifyJades, verifySeal } from "./jades.js";
import { DEFAULT_SIGNATURE_POLICY, type SignaturePolicy } from "./policy.js";
import { verifyReceipt, type SignedReceipt } from "./receipt.js";
import { refuse, type SignatureVerdict } from "./verdict.js";
import { verifyXmlSignature } from "./xmldsig/verify.js";

export type FileKind = "sealed-document" | "receipt" | "xml" | "cms" | "unknown";

export interface VerifyFileOptions {
  /** The gateway's keys: seals and receipts must be made by one of them. Without it, any chain the trust store accepts. */
  readonly keys?: KeyStore;
  readonly trust: ChainValidator | "not-evaluated";
  /** For XML and CMS: the signer's policy (default: required, modern algorithms, exporter anchors). */
  readonly policy?: SignaturePolicy;
  /** The content a detached CMS signature covers. */
  readonly content?: Buffer;
  readonly at?: Date;
}

export interface FileVerdict {
  readonly kind: FileKind;
  readonly verdict: SignatureVerdict;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function gatewayJades(seal: string, canonical: string, opts: VerifyFileOptions): Promise<SignatureVerdict> {
  if (opts.keys) return verifySeal(seal, canonical, { keys: opts.keys, trust: opts.trust });
  return verifyJades(
    seal,
    Buffer.from(canonical),
    { policy: SEAL_POLICY, trust: opts.trust, bound: "not-evaluated" },
    { validateAt: "signing-time" },
  );
}

export async function verifyFile(bytes: Buffer, opts: VerifyFileOptions): Promise<FileVerdict> {
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const head = text.trimStart();
  const policy = opts.policy ?? { ...DEFAULT_SIGNATURE_POLICY, requirement: "required" };
  const ctx = {
    policy,
    trust: opts.trust,
    bound: "not-evaluated" as const,
    ...(opts.at ? { at: opts.at } : {}),
  };

  if (head.startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { kind: "unknown", verdict: refuse("jades", "malformed", "the file is not valid JSON") };
    }
    if (isRecord(json) && typeof json["seal"] === "string" && "document" in json) {
      let canonical: string;
      try {
        canonical = jcs(json["document"]);
      } catch {
        return {
          kind: "sealed-document",
          verdict: refuse("jades", "malformed", "the document has no canonical form"),
        };
      }
      return { kind: "sealed-document", verdict: await gatewayJades(json["seal"], canonical, opts) };
    }
    // The pipeline's receipts today: {receipt, signature}, a detached JWS without sigT.
    if (isRecord(json) && typeof json["signature"] === "string" && isRecord(json["receipt"])) {
      const issued = json["receipt"]["issuedAt"];
      const signedAt = typeof issued === "string" ? new Date(issued) : new Date(Number.NaN);
      if (Number.isNaN(signedAt.getTime()))
        return { kind: "receipt", verdict: refuse("jades", "malformed", "the receipt has no issuedAt") };
      const verdict = await verifyJades(
        json["signature"],
        Buffer.from(jcs(json["receipt"])),
        {
          policy: SEAL_POLICY,
          trust: opts.trust,
          bound: opts.keys ? keyStoreFingerprints(opts.keys) : "not-evaluated",
        },
        { validateAt: "signing-time", withoutSigT: { signedAt } },
      );
      return { kind: "receipt", verdict };
    }
    if (isRecord(json) && typeof json["seal"] === "string" && isRecord(json["receipt"])) {
      const r = json as unknown as SignedReceipt;
      const verdict = opts.keys
        ? await verifyReceipt(r, { keys: opts.keys, trust: opts.trust })
        : await gatewayJades(r.seal, jcs(r.receipt), opts);
      return { kind: "receipt", verdict };
    }
    return {
      kind: "unknown",
      verdict: refuse("jades", "malformed", "JSON, but neither {document, seal} nor {receipt, seal}"),
    };
  }
  if (head.startsWith("<")) return { kind: "xml", verdict: await verifyXmlSignature(bytes, ctx) };
  if (/^-----BEGIN (CMS|PKCS7)-----/.test(head) || bytes[0] === 0x30) {
    if (!opts.content)
      return {
        kind: "cms",
        verdict: refuse("cms", "malformed", "a detached CMS signature needs its content file"),
      };
    return { kind: "cms", verdict: await verifyCms(bytes, opts.content, ctx) };
  }
  return {
    kind: "unknown",
    verdict: refuse("jades", "malformed", "not a sealed document, receipt, XML or CMS file"),
  };
}

/** The verdict as a person reads it: outcome, reason, signer, and the chain up to the anchor. */
export function formatVerdict(fv: FileVerdict): string {
  const v = fv.verdict;
  const lines = [
    `${v.ok ? "VALID" : "NOT VALID"}  ${fv.kind} (${v.format}${v.algorithm ? `, ${v.algorithm}` : ""})`,
    `  verdict: ${v.class} / ${v.reason}`,
    `  ${v.message}`,
  ];
  if (v.signedAt) lines.push(`  signed at: ${v.signedAt.toISOString()} (as claimed by the signer)`);
  if (v.signer) lines.push(`  signer: ${describeCert(v.signer)}`);
  if (v.chain) {
    const chain = v.chain;
    lines.push(`  chain: ${chain.reason}, checked at ${chain.at.toISOString()}`);
    chain.chain.forEach((c, i) => {
      const mark =
        !chain.ok && chain.subject?.fingerprint === c.fingerprint
          ? `  <-- ${chain.reason}`
          : chain.ok && i === chain.chain.length - 1
            ? "  (trust anchor)"
            : "";
      lines.push(
        `    [${i}] ${c.subject}  valid ${c.notBefore.toISOString()} .. ${c.notAfter.toISOString()}${mark}`,
      );
    });
  } else if (v.signer) lines.push("  chain: not evaluated");
  if (v.binding) lines.push(`  party binding: ${v.binding.ok ? "bound" : "NOT bound"}`);
  return lines.join("\n");
}
