import { readFileSync } from "node:fs";
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ChainValidator } from "../../../src/pki/chain.js";
import { cmsToPem, signCms, verifyCms } from "../../../src/pki/cms.js";
import { sampleTrustStore } from "../../../src/pki/trust.js";
import { SIGNATURE_REASONS } from "../../../src/pki/verdict.js";
import { readCorpus, ROOT } from "../../helpers/corpora.js";
import { REQUIRED_POLICY } from "./helpers/xml.js";
import { SAMPLE_DIR, sampleChain, sampleKey } from "./helpers/sample.js";

const trust = new ChainValidator(sampleTrustStore(SAMPLE_DIR));
const edi = readCorpus("unedifact-samples", "php-edifact", "example_multiline.edi");
const ctx = { policy: REQUIRED_POLICY, trust, bound: "not-evaluated" as const };
const cryptoOnly = { ...ctx, trust: "not-evaluated" as const };
const signer = (name: string, algorithm: "ECDSA-SHA256" | "RSA-SHA256" | "SM2-SM3" | "RSA-SHA1") => ({
  algorithm,
  key: sampleKey(name),
  chain: sampleChain(name),
});

describe("CMS detached signatures", () => {
  for (const [name, alg] of [
    ["exporter-ec", "ECDSA-SHA256"],
    ["exporter-rsa", "RSA-SHA256"],
    ["exporter-sm2", "SM2-SM3"],
  ] as const) {
    it(`${alg}: sign and verify round trip, signing time and chain, one changed byte detected`, async () => {
      const at = new Date("2026-11-27T08:00:00Z");
      const der = signCms(edi, signer(name, alg), at);
      const v = await verifyCms(der, edi, ctx);
      expect(v).toMatchObject({ ok: true, format: "cms", algorithm: alg, reason: "valid" });
      expect(v.signedAt?.toISOString()).toBe(at.toISOString());
      expect(v.chain?.chain).toHaveLength(3);
      expect((await verifyCms(Buffer.from(cmsToPem(der)), edi, ctx)).reason).toBe("valid");
      const changed = Buffer.from(edi);
      changed[10] = (changed[10] ?? 0) ^ 1;
      expect((await verifyCms(der, changed, ctx)).reason).toBe("digest-mismatch");
    });
  }

  it("verifies OpenSSL's CMS, with signed attributes and without, by serial and by key id", async () => {
    for (const f of ["openssl-ec.p7s", "openssl-rsa-keyid-noattr.p7s"]) {
      const der = readFileSync(`${ROOT}/test/fixtures/pki/${f}`);
      const v = await verifyCms(der, edi, cryptoOnly);
      expect(v.reason, f).toBe("valid");
      const changed = Buffer.concat([edi, Buffer.from(" ")]);
      expect((await verifyCms(der, changed, cryptoOnly)).ok, f).toBe(false);
    }
  });

  it("refuses revoked signers, RSA-SHA1 for new signatures, and garbage without throwing", async () => {
    const revoked = signCms(edi, signer("exporter-revoked", "ECDSA-SHA256"), new Date());
    expect((await verifyCms(revoked, edi, ctx)).reason).toBe("certificate-revoked");
    expect(() => signCms(edi, signer("exporter-rsa", "RSA-SHA1"), new Date())).toThrow(/does not sign/);
    for (const junk of [
      Buffer.alloc(0),
      Buffer.from("not cms"),
      Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]),
    ]) {
      const v = await verifyCms(junk, edi, ctx);
      expect(v).toMatchObject({ ok: false, reason: "malformed" });
    }
  });

  fcTest.prop([fc.uint8Array({ maxLength: 200 }), fc.nat({ max: 1500 })])(
    "never throws on corrupted CMS",
    async (junk, at) => {
      const der = signCms(edi, signer("exporter-ec", "ECDSA-SHA256"), new Date());
      const corrupted = Buffer.concat([
        der.subarray(0, at),
        Buffer.from(junk),
        der.subarray(at + junk.length),
      ]);
      // Some bytes are unsigned (the carried intermediate), so a corruption may still verify; it must never throw.
      const v = await verifyCms(corrupted, edi, ctx);
      expect(SIGNATURE_REASONS).toContain(v.reason);
    },
  );
});
