import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PartnerConfig } from "../../../src/config/partners.js";
import { outboundSigner } from "../../../src/delivery/sign-outbound.js";
import { FileKeyStore } from "../../../src/pki/file-keystore.js";
import { DEFAULT_SIGNATURE_POLICY } from "../../../src/pki/policy.js";
import { verifyXmlSignature } from "../../../src/pki/xmldsig/verify.js";
import { readCorpus, ROOT } from "../../helpers/corpora.js";

const keys = new FileKeyStore({
  keyFile: join(ROOT, "certs-sample/gateway-seal.key.pem"),
  chainFile: join(ROOT, "certs-sample/gateway-seal.chain.pem"),
});
const sign = outboundSigner(keys);
const partner = (outboundSignature?: "xmldsig"): PartnerConfig => ({
  id: "customs-x",
  name: "Customs",
  kind: "customs",
  adapter: "customs-wco",
  transport: { type: "inbox" },
  ...(outboundSignature ? { outboundSignature } : {}),
});
const cryptoOnly = {
  policy: { ...DEFAULT_SIGNATURE_POLICY, requirement: "required" as const },
  trust: "not-evaluated" as const,
  bound: "not-evaluated" as const,
};

describe("outbound signer", () => {
  // A real UK CDS declaration: XML declaration, several namespaces, attributes, whitespace.
  const wco = readCorpus("wco-customs-hmrc-cds", "TT_EX009a", "TT_EX009a.xml");
  const rendered = { format: "wco-dec-3.6", mediaType: "application/xml", body: wco };

  it("leaves a partner's message alone unless the partner asks for a signature", () => {
    expect(sign(rendered, partner())).toBe(rendered);
  });

  it("signs a real declaration in canonical form, verifiably, and one changed byte breaks it", async () => {
    const signed = sign(rendered, partner("xmldsig"));
    expect(signed.mediaType).toBe("application/xml");
    const xml = signed.body.toString("utf8");
    expect(xml.startsWith("<?xml")).toBe(false);
    expect((await verifyXmlSignature(xml, cryptoOnly)).reason).toBe("valid");
    // The first character of the first text node: part of the declaration, before the signature.
    const at = xml.search(/>[A-Za-z0-9]/) + 1;
    expect(at).toBeLessThan(xml.indexOf("<ds:Signature"));
    const flipped = xml.slice(0, at) + (xml[at] === "X" ? "Y" : "X") + xml.slice(at + 1);
    expect(flipped).not.toBe(xml);
    expect((await verifyXmlSignature(flipped, cryptoOnly)).reason).toBe("digest-mismatch");
  });

  it("refuses to sign what is not XML, naming the partner and the media type", () => {
    expect(() =>
      sign({ mediaType: "application/json", body: Buffer.from("{}") }, partner("xmldsig")),
    ).toThrow("partner customs-x asks for an XML-DSig, but its adapter renders application/json");
  });
});
