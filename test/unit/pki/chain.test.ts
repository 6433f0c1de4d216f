import { describe, expect, it } from "vitest";
import { readCerts, type Cert } from "../../../src/pki/cert.js";
import { ChainValidator } from "../../../src/pki/chain.js";
import { x509 } from "../../../src/pki/peculiar.js";
import { loadTrustStore, sampleTrustStore } from "../../../src/pki/trust.js";
import { corpusPath } from "../../helpers/corpora.js";
import { make, makeCrl } from "./helpers/mini-pki.js";
import { SAMPLE_DIR, sampleCert } from "./helpers/sample.js";

const DAY = 86_400_000;
const x = (f: string) => corpusPath("x509-test-certs", f);
const one = (f: string): Cert => {
  const [c] = readCerts(x(f));
  if (!c) throw new Error(f);
  return c;
};

describe("chain validation on the xmlsec test PKI (corpora/x509-test-certs)", () => {
  const validator = new ChainValidator(
    loadTrustStore({
      anchors: { bank: [x("cacert.pem")] },
      intermediates: [x("ca2cert.pem")],
      crls: [x("rsa/rsa-2048-cert-revoked-crl.pem")],
    }),
  );
  // The CRL runs 2026-03-15 to 2026-04-14, so this instant has a fresh CRL and every leaf in force.
  const inCrlWindow = new Date("2026-03-20T00:00:00Z");

  it("accepts the valid RSA and EC leaves, with the path up to the root", async () => {
    for (const f of ["rsa/rsa-4096-cert.pem", "ec/ec-prime256v1-cert.pem", "ec/ec-prime384v1-cert.pem"]) {
      const v = await validator.validate(one(f), { kind: "bank", at: inCrlWindow });
      expect(v.reason, f).toBe("valid");
      expect(v.ok).toBe(true);
      expect(v.chain.map((c) => c.fingerprint)).toEqual([
        one(f).fingerprint,
        one("ca2cert.pem").fingerprint,
        one("cacert.pem").fingerprint,
      ]);
    }
  });

  it("refuses the revoked leaf and names it", async () => {
    const leaf = one("rsa/rsa-2048-cert.pem");
    const v = await validator.validate(leaf, { kind: "bank", at: inCrlWindow });
    expect(v).toMatchObject({ ok: false, reason: "revoked" });
    expect(v.subject?.fingerprint).toBe(leaf.fingerprint);
    expect(v.message).toContain("Test Key rsa-2048");
  });

  it("refuses the expired leaf after 2026-03-22 and accepts it before", async () => {
    const leaf = one("rsa/rsa-expired-cert.pem");
    const later = await validator.validate(leaf, { kind: "bank", at: new Date("2026-06-01T00:00:00Z") });
    expect(later).toMatchObject({ ok: false, reason: "expired" });
    const before = await validator.validate(leaf, { kind: "bank", at: inCrlWindow });
    expect(before.reason).toBe("valid");
  });

  it("refuses a self-signed certificate that is not an anchor", async () => {
    const v = await validator.validate(one("same-subj-cert1.pem"), { kind: "bank", at: inCrlWindow });
    expect(v).toMatchObject({ ok: false, reason: "untrusted" });
    expect(v.message).toContain("self-signed");
  });

  it("keeps anchors per kind: the bank's root does not vouch for customs", async () => {
    const v = await validator.validate(one("ec/ec-prime256v1-cert.pem"), {
      kind: "customs",
      at: inCrlWindow,
    });
    expect(v).toMatchObject({ ok: false, reason: "untrusted" });
  });

  it("says revocation-unknown, naming the certificate, when a required CRL is missing or stale", async () => {
    const leaf = one("rsa/rsa-4096-cert.pem");
    // No CRL from the root covers the second-level CA.
    const missing = await validator.validate(leaf, { kind: "bank", at: inCrlWindow, revocation: "require" });
    expect(missing.reason).toBe("revocation-unknown");
    expect(missing.subject?.fingerprint).toBe(one("ca2cert.pem").fingerprint);
    // After 2026-04-14 the second-level CA's CRL is stale too, and the leaf is the first without one.
    const at = new Date("2026-06-01T00:00:00Z");
    expect((await validator.validate(leaf, { kind: "bank", at })).reason).toBe("valid");
    const stale = await validator.validate(leaf, { kind: "bank", at, revocation: "require" });
    expect(stale.reason).toBe("revocation-unknown");
    expect(stale.subject?.fingerprint).toBe(leaf.fingerprint);
  });
});

describe("chain validation on the sample PKI (certs-sample)", () => {
  const validator = new ChainValidator(sampleTrustStore(SAMPLE_DIR));
  const now = new Date();
  const check = (name: string, at = now) =>
    validator.validate(sampleCert(name), { kind: "exporter", at, revocation: "require" });

  it("accepts EC, RSA (forge-made, under the RSA issuing CA) and SM2 party certificates", async () => {
    for (const name of [
      "exporter-ec",
      "exporter-rsa",
      "exporter-sm2",
      "bank-rsa",
      "carrier-ec",
      "gateway-seal",
    ]) {
      const v = await check(name);
      expect(v.reason, name).toBe("valid");
      expect(v.chain).toHaveLength(3);
    }
  });

  it("gives expired, revoked, bad-usage and not-yet-valid their own reasons", async () => {
    expect((await check("exporter-expired")).reason).toBe("expired");
    const revoked = await check("exporter-revoked");
    expect(revoked.reason).toBe("revoked");
    expect(revoked.message).toContain("keyCompromise");
    expect((await check("exporter-tls")).reason).toBe("bad-usage");
    const early = new Date(sampleCert("exporter-ec").notBefore.getTime() - DAY);
    expect((await check("exporter-ec", early)).reason).toBe("not-yet-valid");
  });
});

describe("chain validation on hand-made paths", () => {
  const now = new Date();

  it("refuses an issuer that is not a CA", async () => {
    const root = await make({ cn: "Root", ca: true });
    const notCa = await make({ cn: "Not a CA", issuer: root });
    const leaf = await make({ cn: "Leaf", issuer: notCa });
    const v = await new ChainValidator({
      anchors: { bank: [root.cert] },
      intermediates: [notCa.cert],
      crls: [],
    }).validate(leaf.cert, { kind: "bank", at: now });
    expect(v.reason).toBe("not-ca");
    expect(v.subject?.fingerprint).toBe(notCa.cert.fingerprint);
  });

  it("enforces pathLenConstraint", async () => {
    const root = await make({ cn: "Root", ca: true, pathLen: 1 });
    const a = await make({ cn: "Int A", ca: true, issuer: root });
    const b = await make({ cn: "Int B", ca: true, issuer: a });
    const leaf = await make({ cn: "Leaf", issuer: b });
    const trust = { anchors: { bank: [root.cert] }, intermediates: [a.cert, b.cert], crls: [] };
    const v = await new ChainValidator(trust).validate(leaf.cert, { kind: "bank", at: now });
    expect(v.reason).toBe("path-length-exceeded");
    expect(v.subject?.fingerprint).toBe(root.cert.fingerprint);
  });

  it("refuses a critical extension it does not process", async () => {
    const root = await make({ cn: "Root", ca: true });
    const leaf = await make({
      cn: "Leaf",
      issuer: root,
      extraExtensions: [new x509.Extension("1.3.6.1.4.1.99999.1", true, new Uint8Array([5, 0]))],
    });
    const v = await new ChainValidator({
      anchors: { bank: [root.cert] },
      intermediates: [],
      crls: [],
    }).validate(leaf.cert, { kind: "bank", at: now });
    expect(v.reason).toBe("unsupported-critical-extension");
  });

  it("uses intermediates the signature carried, without making them anchors", async () => {
    const root = await make({ cn: "Root", ca: true });
    const ca = await make({ cn: "CA", ca: true, issuer: root });
    const leaf = await make({ cn: "Leaf", issuer: ca });
    const validator = new ChainValidator({ anchors: { bank: [root.cert] }, intermediates: [], crls: [] });
    expect((await validator.validate(leaf.cert, { kind: "bank", at: now })).reason).toBe("untrusted");
    const v = await validator.validate(leaf.cert, { kind: "bank", at: now, extra: [ca.cert] });
    expect(v.reason).toBe("valid");
    const selfOnly = await validator.validate(leaf.cert, {
      kind: "bank",
      at: now,
      extra: [leaf.cert, ca.cert],
    });
    expect(selfOnly.chain).toHaveLength(3);
  });

  it("dates revocation: superseded counts from its date, keyCompromise always", async () => {
    const root = await make({ cn: "Root", ca: true });
    const superseded = await make({ cn: "Superseded", issuer: root });
    const compromised = await make({ cn: "Compromised", issuer: root });
    const revokedAt = new Date(now.getTime() - 2 * DAY);
    const crl = await makeCrl(root, [
      { cert: superseded.cert, date: revokedAt, reason: x509.X509CrlReason.superseded },
      { cert: compromised.cert, date: revokedAt, reason: x509.X509CrlReason.keyCompromise },
    ]);
    const validator = new ChainValidator({ anchors: { bank: [root.cert] }, intermediates: [], crls: [crl] });
    const before = new Date(revokedAt.getTime() - 1000);
    expect((await validator.validate(superseded.cert, { kind: "bank", at: before })).reason).toBe("valid");
    expect((await validator.validate(superseded.cert, { kind: "bank", at: now })).reason).toBe("revoked");
    expect((await validator.validate(compromised.cert, { kind: "bank", at: before })).reason).toBe("revoked");
  });

  it("ignores a CRL its issuer did not sign", async () => {
    const root = await make({ cn: "Root", ca: true });
    const impostor = await make({ cn: "Root", ca: true });
    const leaf = await make({ cn: "Leaf", issuer: root });
    const forged = await makeCrl(impostor, [{ cert: leaf.cert, date: new Date(now.getTime() - DAY) }]);
    const validator = new ChainValidator({
      anchors: { bank: [root.cert] },
      intermediates: [],
      crls: [forged],
    });
    expect((await validator.validate(leaf.cert, { kind: "bank", at: now })).reason).toBe("valid");
    const strict = await validator.validate(leaf.cert, { kind: "bank", at: now, revocation: "require" });
    expect(strict.reason).toBe("revocation-unknown");
  });
});
