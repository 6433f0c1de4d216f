import { fc, test as fcTest } from "@fast-check/vitest";
import { createPrivateKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readCerts } from "../../../src/pki/cert.js";
import { ChainValidator } from "../../../src/pki/chain.js";
import { DEFAULT_SIGNATURE_POLICY } from "../../../src/pki/policy.js";
import { sampleTrustStore } from "../../../src/pki/trust.js";
import { problemFor, SIGNATURE_REASONS } from "../../../src/pki/verdict.js";
import { exclusiveCanonical } from "../../../src/pki/xmldsig/canonical.js";
import { signCanonicalXml } from "../../../src/pki/xmldsig/fast-sign.js";
import { newSignedXml } from "../../../src/pki/xmldsig/engine.js";
import { signXml } from "../../../src/pki/xmldsig/sign.js";
import {
  CHINAPORT_SM2_SM3,
  CHINAPORT_SM3,
  ENVELOPED,
  EXC_C14N,
  SHA256_URI,
  signatureMethodUri,
} from "../../../src/pki/xmldsig/uris.js";
import { verifyXmlSignature } from "../../../src/pki/xmldsig/verify.js";
import { corpusPath, readCorpus } from "../../helpers/corpora.js";
import { HAND_MADE_UBL, LEGACY_POLICY, REQUIRED_POLICY, xmlSigner } from "./helpers/xml.js";
import { SAMPLE_DIR, sampleCert, sampleKey } from "./helpers/sample.js";

const trust = new ChainValidator(sampleTrustStore(SAMPLE_DIR));
const full = (bound: readonly string[] | "not-evaluated" = "not-evaluated") => ({
  policy: REQUIRED_POLICY,
  trust,
  bound,
});
const cryptoOnly = {
  policy: REQUIRED_POLICY,
  trust: "not-evaluated" as const,
  bound: "not-evaluated" as const,
};
const ubl21 = readCorpus("oasis-ubl-examples", "UBL-Invoice-2.1-Example.xml").toString("utf8");

describe("XML-DSig sign and verify", () => {
  for (const [name, alg] of [
    ["exporter-ec", "ECDSA-SHA256"],
    ["exporter-rsa", "RSA-SHA256"],
    ["exporter-sm2", "SM2-SM3"],
  ] as const) {
    it(`${alg}: signs a UBL invoice, verifies it with its chain and binding, detects one changed byte`, async () => {
      const signer = xmlSigner(name, alg);
      const leaf = signer.chain[0];
      if (!leaf) throw new Error("no leaf");
      for (const canonicalization of ["exclusive", "inclusive"] as const) {
        const signed = signXml(ubl21, signer, { canonicalization });
        const v = await verifyXmlSignature(signed, full([leaf.fingerprint]));
        expect(v, canonicalization).toMatchObject({ ok: true, reason: "valid", algorithm: alg });
        expect(v.chain?.chain).toHaveLength(3);
        expect(v.signedContent?.[0]).toContain("TOSL108");
        const changed = await verifyXmlSignature(signed.replace("TOSL108", "TOSL109"), full());
        expect(changed).toMatchObject({ ok: false, class: "invalid", reason: "digest-mismatch" });
      }
    });
  }

  it("detects a changed signature value", async () => {
    const signed = signXml(ubl21, xmlSigner("exporter-ec", "ECDSA-SHA256"));
    const value = /<ds:SignatureValue>([^<]+)</.exec(signed)?.[1] ?? "";
    const flipped = (value.startsWith("A") ? "B" : "A") + value.slice(1);
    const v = await verifyXmlSignature(signed.replace(value, flipped), cryptoOnly);
    expect(v.reason).toBe("invalid-signature");
  });

  it("signs inside UBLExtensions and still covers the whole document", async () => {
    const signed = signXml(HAND_MADE_UBL, xmlSigner("exporter-ec", "ECDSA-SHA256"), {
      location: { xpath: "//*[local-name()='ExtensionContent']", action: "append" },
    });
    expect(signed).toMatch(/<ext:ExtensionContent><ds:Signature/);
    expect((await verifyXmlSignature(signed, full())).reason).toBe("valid");
  });

  it("signs a CEB message with SM2-SM3 the way China E-port declares it", async () => {
    const ceb = readCorpus("china-customs-ceb-xml", "samples-202205", "export", "CEB303Message.xml")
      .toString("utf8")
      .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, "");
    const signed = signXml(ceb, xmlSigner("exporter-sm2", "SM2-SM3"), { canonicalization: "inclusive" });
    expect(signed).toContain(CHINAPORT_SM2_SM3);
    expect(signed).toContain(CHINAPORT_SM3);
    const v = await verifyXmlSignature(signed, full());
    expect(v).toMatchObject({ ok: true, algorithm: "SM2-SM3" });
  });

  it("verifies ECDSA-SHA384 made with the corpus P-384 key (xmlsec test PKI)", async () => {
    const key = createPrivateKey(readCorpus("x509-test-certs", "ec", "ec-prime384v1-key.pem"));
    const cert = readCerts(corpusPath("x509-test-certs", "ec", "ec-prime384v1-cert.pem"));
    const sx = newSignedXml({ privateKey: key, publicCert: cert[0]?.node.toString() ?? "" });
    sx.signatureAlgorithm = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384";
    sx.canonicalizationAlgorithm = EXC_C14N;
    sx.addReference({
      xpath: "/*",
      transforms: [ENVELOPED, EXC_C14N],
      digestAlgorithm: SHA256_URI,
      isEmptyUri: true,
    });
    sx.computeSignature(ubl21, { prefix: "ds" });
    const v = await verifyXmlSignature(sx.getSignedXml(), cryptoOnly);
    expect(v).toMatchObject({ ok: true, algorithm: "ECDSA-SHA384" });
    expect(/<ds:SignatureValue>([^<]+)</.exec(sx.getSignedXml())?.[1]?.length).toBe(128); // r ‖ s, 2 × 48 bytes
  });

  it("never signs RSA-SHA1", () => {
    expect(() => signXml(ubl21, xmlSigner("exporter-rsa", "RSA-SHA1"))).toThrow(
      /does not sign with RSA-SHA1/,
    );
    expect(() => signXml(ubl21, xmlSigner("exporter-rsa", "ECDSA-SHA256"))).toThrow(/cannot sign/);
  });
});

describe("XML-DSig fast path over canonical XML", () => {
  it("produces what xml-crypto verifies, with the digest xml-crypto computes", async () => {
    const canonical = exclusiveCanonical(ubl21);
    for (const [name, alg] of [
      ["exporter-ec", "ECDSA-SHA256"],
      ["exporter-rsa", "RSA-SHA256"],
      ["exporter-sm2", "SM2-SM3"],
    ] as const) {
      const signer = xmlSigner(name, alg);
      const fast = signCanonicalXml(canonical, signer);
      expect((await verifyXmlSignature(fast, full())).reason, alg).toBe("valid");
      const slow = signXml(canonical, signer);
      const digest = (x: string) => /<ds:DigestValue>([^<]+)</.exec(x)?.[1];
      expect(digest(fast)).toBe(digest(slow));
      expect((await verifyXmlSignature(fast.replace("TOSL108", "TOSL109"), cryptoOnly)).reason).toBe(
        "digest-mismatch",
      );
    }
  });

  it("places the signature where asked", async () => {
    const canonical = exclusiveCanonical(HAND_MADE_UBL);
    const signed = signCanonicalXml(canonical, xmlSigner("exporter-ec", "ECDSA-SHA256"), {
      insertBefore: "</ext:ExtensionContent>",
    });
    expect(signed).toMatch(/<ds:Signature[^]*<\/ds:Signature><\/ext:ExtensionContent>/);
    expect((await verifyXmlSignature(signed, full())).reason).toBe("valid");
  });
});

describe("XML-DSig defences", () => {
  const signed = signXml(ubl21, xmlSigner("exporter-ec", "ECDSA-SHA256"));

  it('follows URI="" to the new root when a signed document is wrapped, so the digest fails', async () => {
    const body = signed.replace(/^<\?xml[^>]*>\s*/, "");
    const v = await verifyXmlSignature(`<Evil><Forged>pay me</Forged>${body}</Evil>`, cryptoOnly);
    expect(v).toMatchObject({ class: "invalid", reason: "digest-mismatch" });
  });

  it("refuses an id-referenced signature whose element is not the one used (wrapping)", async () => {
    const sx = newSignedXml({
      privateKey: sampleKey("exporter-ec"),
      publicCert: sampleCert("exporter-ec").node.toString(),
    });
    sx.signatureAlgorithm = signatureMethodUri("ECDSA-SHA256");
    sx.canonicalizationAlgorithm = EXC_C14N;
    sx.addReference({
      xpath: "//*[@Id='o1']",
      transforms: [ENVELOPED, EXC_C14N],
      digestAlgorithm: SHA256_URI,
    });
    sx.computeSignature('<Order Id="o1"><Amount>10</Amount></Order>', { prefix: "ds" });
    const order = sx.getSignedXml();
    expect((await verifyXmlSignature(order, cryptoOnly)).reason).toBe("valid");
    const wrapped = `<Orders><Order Id="forged"><Amount>1000000</Amount></Order><Archive>${order}</Archive></Orders>`;
    const v = await verifyXmlSignature(wrapped, cryptoOnly, { use: "/Orders/Order" });
    expect(v).toMatchObject({ class: "wrapping", reason: "wrapping" });
    expect(v.message).toContain("/Orders/Archive/Order");
    expect((await verifyXmlSignature(wrapped, cryptoOnly, { use: "/Orders/Archive/Order" })).reason).toBe(
      "valid",
    );
  });

  it("refuses a second Signature and duplicated ids", async () => {
    const sig = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)?.[0] ?? "";
    const twice = signed.replace("</Invoice>", `<Extra>${sig}</Extra></Invoice>`);
    expect((await verifyXmlSignature(twice, cryptoOnly)).reason).toBe("wrapping");
    const vector = readCorpus("xmldsig-vectors", "xml-crypto", "valid_signature.xml").toString("utf8");
    const dup = vector.replace("<root>", '<root><x xmlns="ns" Id="_0"/>');
    const v = await verifyXmlSignature(dup, { ...cryptoOnly, policy: LEGACY_POLICY }, { use: "/root/y" });
    expect(v.reason).toBe("wrapping");
    expect(v.message).toContain("share the id");
  });

  it("refuses DOCTYPEs (no entity expansion) and survives garbage", async () => {
    const xxe = `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`;
    expect((await verifyXmlSignature(xxe, cryptoOnly)).reason).toBe("forbidden-construct");
    for (const junk of ["", "<", "not xml", "<a><b></a>", Buffer.from([0xff, 0xfe, 0, 1])]) {
      const v = await verifyXmlSignature(junk, cryptoOnly);
      expect(v.ok).toBe(false);
      expect(v.reason).toBe("malformed");
    }
  });

  fcTest.prop([fc.string({ maxLength: 300 }), fc.nat({ max: 4000 })])(
    "never throws on mangled signed XML",
    async (junk, at) => {
      const mangled = signed.slice(0, at) + junk + signed.slice(at + junk.length);
      const v = await verifyXmlSignature(mangled, cryptoOnly);
      expect(SIGNATURE_REASONS).toContain(v.reason);
    },
  );

  it("applies the policy: RSA-SHA1 only for legacy verification, a missing signature by requirement", async () => {
    const vector = readCorpus("xmldsig-vectors", "xml-crypto", "signature_with_inclusivenamespaces.xml");
    const modern = await verifyXmlSignature(vector, cryptoOnly);
    expect(modern).toMatchObject({ class: "refused-policy", reason: "algorithm-refused" });
    expect((await verifyXmlSignature(vector, { ...cryptoOnly, policy: LEGACY_POLICY })).reason).toBe("valid");
    expect((await verifyXmlSignature(ubl21, cryptoOnly)).reason).toBe("not-signed");
    expect((await verifyXmlSignature(ubl21, cryptoOnly)).ok).toBe(false);
    const optional = await verifyXmlSignature(ubl21, { ...cryptoOnly, policy: DEFAULT_SIGNATURE_POLICY });
    expect(optional).toMatchObject({ ok: true, reason: "not-signed" });
  });
});

describe("XML-DSig trust: revoked, expired, wrong usage and unbound certificates", () => {
  const cases = [
    ["exporter-revoked", "certificate-revoked", "SWG_CERTIFICATE_REVOKED"],
    ["exporter-expired", "certificate-expired", "SWG_CERTIFICATE_EXPIRED"],
    ["exporter-tls", "certificate-bad-usage", "SWG_CERTIFICATE_UNTRUSTED"],
  ] as const;
  for (const [name, reason, code] of cases) {
    it(`${name}: ${reason}, answered ${code} naming the certificate`, async () => {
      const signer = xmlSigner(name, "ECDSA-SHA256");
      const v = await verifyXmlSignature(signXml(ubl21, signer), full());
      expect(v).toMatchObject({ ok: false, class: "refused-trust", reason });
      const problem = problemFor(v);
      expect(problem?.code).toBe(code);
      expect(problem?.toBody()).toMatchObject({
        reason,
        certificate: { sha256: signer.chain[0]?.fingerprint },
      });
    });
  }

  it("refuses a valid certificate that is not bound to the submitting party", async () => {
    const signed = signXml(ubl21, xmlSigner("exporter-ec", "ECDSA-SHA256"));
    const other = xmlSigner("bank-ec", "ECDSA-SHA256").chain[0]?.fingerprint ?? "";
    const v = await verifyXmlSignature(signed, full([other]));
    expect(v).toMatchObject({ ok: false, reason: "certificate-not-bound" });
    expect(problemFor(v)?.code).toBe("SWG_CERTIFICATE_NOT_BOUND");
    expect(v.chain?.ok).toBe(true);
  });
});
