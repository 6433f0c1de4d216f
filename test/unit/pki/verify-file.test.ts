import { describe, expect, it } from "vitest";
import { ChainValidator } from "../../../src/pki/chain.js";
import { signCms } from "../../../src/pki/cms.js";
import { Sealer, verifySeal } from "../../../src/pki/jades.js";
import { signJws } from "../../../src/pki/jws.js";
import { issueReceipt } from "../../../src/pki/receipt.js";
import { sampleTrustStore } from "../../../src/pki/trust.js";
import { formatVerdict, verifyFile } from "../../../src/pki/verify-file.js";
import { signXml } from "../../../src/pki/xmldsig/sign.js";
import { jcs } from "../../../src/util/jcs.js";
import { readCorpus } from "../../helpers/corpora.js";
import { sampleKeyStore } from "./helpers/keys.js";
import { SAMPLE_DIR, sampleChain, sampleKey } from "./helpers/sample.js";
import { xmlSigner } from "./helpers/xml.js";

const keys = sampleKeyStore("gateway-seal");
const trust = new ChainValidator(sampleTrustStore(SAMPLE_DIR));
const sealer = new Sealer(keys);
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

describe("swg verify FILE", () => {
  const document = { type: "packing-list", number: "PL-7", packages: 3 };
  const { seal } = sealer.sealDocument(document, new Date());

  it("verifies a sealed canonical document and prints its chain", async () => {
    const fv = await verifyFile(json({ document, seal }), { keys, trust });
    expect(fv).toMatchObject({ kind: "sealed-document", verdict: { ok: true, reason: "valid" } });
    const text = formatVerdict(fv);
    expect(text).toMatch(/^VALID {2}sealed-document \(jades, ECDSA-SHA256\)/);
    expect(text).toContain("[0] CN=SWG Sample Gateway Seal");
    expect(text).toContain("[2] CN=SWG Sample Root CA");
    const changed = await verifyFile(json({ document: { ...document, packages: 4 }, seal }), { keys, trust });
    expect(formatVerdict(changed)).toMatch(/^NOT VALID/);
  });

  it("verifies a receipt, without the key store too (chain to the gateway anchor)", async () => {
    const r = issueReceipt(
      sealer,
      {
        kind: "delivery",
        id: "r-1",
        deliveryId: "d-1",
        documentIds: ["doc-1"],
        receivedAt: "2026-11-27T08:00:00Z",
        digest: "sha256:00",
      },
      new Date(),
    );
    expect((await verifyFile(json(r), { keys, trust })).verdict.reason).toBe("valid");
    expect((await verifyFile(json(r), { trust })).verdict.reason).toBe("valid");
  });

  it("verifies the pipeline's receipts ({receipt, signature}, a detached JWS without sigT) at their issuedAt", async () => {
    const receipt = {
      v: 1,
      type: "submission-receipt",
      submissionId: "s-1",
      issuedAt: new Date().toISOString(),
    };
    const signature = signJws(
      keys.current(),
      Buffer.from(jcs(receipt)),
      { typ: "swg-receipt+jws" },
      { detached: true },
    );
    const fv = await verifyFile(json({ receipt, signature }), { keys, trust });
    expect(fv).toMatchObject({ kind: "receipt", verdict: { ok: true, reason: "valid" } });
    const changed = await verifyFile(json({ receipt: { ...receipt, submissionId: "s-2" }, signature }), {
      keys,
      trust,
    });
    expect(changed.verdict.reason).toBe("invalid-signature");
  });

  it("verifies seals made the pipeline's way (signJws with sigT, crit and its own cty)", async () => {
    const canonical = jcs(document);
    const sigT = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    const pipelineSeal = signJws(
      keys.current(),
      Buffer.from(canonical),
      { cty: "application/vnd.swg.canonical+json", sigT, crit: ["sigT"] },
      { detached: true },
    );
    expect((await verifySeal(pipelineSeal, canonical, { keys, trust })).reason).toBe("valid");
    expect((await verifyFile(json({ document, seal: pipelineSeal }), { keys, trust })).verdict.ok).toBe(true);
  });

  it("verifies signed XML and marks the failing certificate", async () => {
    const ubl = readCorpus("oasis-ubl-examples", "UBL-Invoice-2.1-Example.xml").toString("utf8");
    const good = await verifyFile(Buffer.from(signXml(ubl, xmlSigner("exporter-rsa", "RSA-SHA256"))), {
      trust,
    });
    expect(good).toMatchObject({ kind: "xml", verdict: { ok: true } });
    const revoked = await verifyFile(
      Buffer.from(signXml(ubl, xmlSigner("exporter-revoked", "ECDSA-SHA256"))),
      {
        trust,
      },
    );
    expect(formatVerdict(revoked)).toMatch(/\[0\] CN=Sample Exporter Revoked.*<-- revoked/);
  });

  it("verifies CMS with its content, and says what is missing otherwise", async () => {
    const edi = readCorpus("unedifact-samples", "php-edifact", "example_multiline.edi");
    const der = signCms(
      edi,
      { algorithm: "ECDSA-SHA256", key: sampleKey("exporter-ec"), chain: sampleChain("exporter-ec") },
      new Date(),
    );
    expect((await verifyFile(der, { trust, content: edi })).verdict.reason).toBe("valid");
    expect((await verifyFile(der, { trust })).verdict.message).toContain("content");
    expect((await verifyFile(Buffer.from("hello"), { trust })).kind).toBe("unknown");
    expect((await verifyFile(Buffer.from("{ not json"), { trust })).verdict.reason).toBe("malformed");
  });
});
