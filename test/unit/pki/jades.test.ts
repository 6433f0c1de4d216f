import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ChainValidator } from "../../../src/pki/chain.js";
import { FileKeyStore } from "../../../src/pki/file-keystore.js";
import { Sealer, verifyJades, verifyJsonSignature, verifySeal } from "../../../src/pki/jades.js";
import { signJws, verifyJws } from "../../../src/pki/jws.js";
import { REQUIRED_POLICY } from "./helpers/xml.js";
import { generateSealKey, rotateSealKey } from "../../../src/pki/rotation.js";
import { sampleTrustStore } from "../../../src/pki/trust.js";
import { b64u } from "../../../src/util/base64url.js";
import { jcs } from "../../../src/util/jcs.js";
import { sampleKeyStore, singleKeyStore } from "./helpers/keys.js";
import { SAMPLE_DIR, sampleCert, samplePath } from "./helpers/sample.js";

const trust = new ChainValidator(sampleTrustStore(SAMPLE_DIR));
const doc = {
  type: "commercial-invoice",
  number: "INV-1",
  lines: [{ hs: "850440", qty: 3, amount: "120.50" }],
};
const now = new Date();

describe("gateway seal (JAdES baseline B, detached over JCS)", () => {
  const keys = sampleKeyStore("gateway-seal");
  const { canonical, seal } = new Sealer(keys).sealDocument(doc, now);

  it("has the JAdES-B-B header and an empty payload segment", () => {
    const [h, p] = seal.split(".");
    const header = JSON.parse(Buffer.from(h ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    expect(p).toBe("");
    expect(header).toMatchObject({ alg: "ES256", crit: ["sigT"], kid: keys.current().kid });
    expect(header["sigT"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(header["x5c"]).toHaveLength(2);
    expect(typeof header["x5t#S256"]).toBe("string");
    expect(canonical).toBe(jcs(doc));
  });

  it("verifies with the chain at its signing time", async () => {
    const v = await verifySeal(seal, canonical, { keys, trust });
    expect(v).toMatchObject({ ok: true, reason: "valid", format: "jades", algorithm: "ECDSA-SHA256" });
    expect(v.chain?.chain).toHaveLength(3);
    expect(v.signedAt?.toISOString().slice(0, 19)).toBe(now.toISOString().slice(0, 19));
  });

  it("detects one changed byte of the canonical document", async () => {
    for (let i = 0; i < canonical.length; i += 7) {
      const changed =
        canonical.slice(0, i) + String.fromCharCode(canonical.charCodeAt(i) ^ 1) + canonical.slice(i + 1);
      const v = await verifySeal(seal, changed, { keys, trust: "not-evaluated" });
      expect(v.reason, `byte ${i}`).toBe("invalid-signature");
    }
  });

  it("detects a changed header (signing time moved)", async () => {
    const [h, , s] = seal.split(".");
    const header = JSON.parse(Buffer.from(h ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    const moved = `${b64u(JSON.stringify({ ...header, sigT: "2020-01-01T00:00:00Z" }))}..${s ?? ""}`;
    expect((await verifySeal(moved, canonical, { keys, trust })).reason).toBe("invalid-signature");
  });

  it("refuses a seal by a key that is not the gateway's, even with a valid chain", async () => {
    const forged = new Sealer(singleKeyStore("exporter-ec")).seal(canonical, now);
    const v = await verifySeal(forged, canonical, { keys, trust });
    expect(v).toMatchObject({ ok: false, reason: "certificate-not-bound" });
  });

  it("still verifies a seal made today after two key rotations", async () => {
    let state = {
      current: {
        keyFile: samplePath("gateway-seal.key.pem"),
        chainFile: samplePath("gateway-seal.chain.pem"),
      },
      retired: [] as readonly string[],
    };
    for (const next of ["gateway-seal-2", "gateway-seal-3"])
      state = rotateSealKey(state, {
        keyFile: samplePath(`${next}.key.pem`),
        chainFile: samplePath(`${next}.chain.pem`),
      });
    expect(state.retired).toEqual([
      samplePath("gateway-seal-2.chain.pem"),
      samplePath("gateway-seal.chain.pem"),
    ]);
    const rotated = new FileKeyStore(state.current, state.retired);
    expect(rotated.current().kid).not.toBe(keys.current().kid);
    expect((await verifySeal(seal, canonical, { keys: rotated, trust })).reason).toBe("valid");
    const fresh = new Sealer(rotated).seal(canonical, now);
    expect(fresh.split(".")[0]).not.toBe(seal.split(".")[0]);
    expect((await verifySeal(fresh, canonical, { keys: rotated, trust })).reason).toBe("valid");
  });

  it("rotates to a freshly generated key from the sample issuing CA, refused in production", async () => {
    const dir = mkdtempSync(join(tmpdir(), "swg-seal-"));
    const next = await generateSealKey({
      outDir: dir,
      name: "seal-next",
      commonName: "SWG Gateway Seal next",
      issuerCertFile: samplePath("issuing-ca.cert.pem"),
      issuerKeyFile: samplePath("issuing-ca.key.pem"),
      now,
    });
    const state = rotateSealKey(
      {
        current: {
          keyFile: samplePath("gateway-seal.key.pem"),
          chainFile: samplePath("gateway-seal.chain.pem"),
        },
        retired: [],
      },
      next,
    );
    const store = new FileKeyStore(state.current, state.retired);
    const fresh = new Sealer(store).seal(canonical, now);
    expect((await verifySeal(fresh, canonical, { keys: store, trust })).reason).toBe("valid");
    expect((await verifySeal(seal, canonical, { keys: store, trust })).reason).toBe("valid");
    expect(() => rotateSealKey(state, next, { production: true })).toThrow(/sample/);
  });
});

describe("JAdES on exporters' JSON submissions", () => {
  const exporter = new Sealer(singleKeyStore("exporter-ec"));
  const leaf = sampleCert("exporter-ec");
  const ctx = { policy: REQUIRED_POLICY, trust, bound: [leaf.fingerprint] };

  it("verifies over the JCS form, whatever the key order", async () => {
    const jws = exporter.seal(jcs(doc), now);
    const reordered = { lines: doc.lines, number: doc.number, type: doc.type };
    expect((await verifyJsonSignature(reordered, jws, ctx)).reason).toBe("valid");
    expect((await verifyJsonSignature({ ...doc, number: "INV-2" }, jws, ctx)).reason).toBe(
      "invalid-signature",
    );
  });

  it("refuses revoked, expired and unbound signers with their reasons", async () => {
    const sign = (name: string) => new Sealer(singleKeyStore(name)).seal(jcs(doc), now);
    expect(
      (await verifyJsonSignature(doc, sign("exporter-revoked"), { ...ctx, bound: "not-evaluated" })).reason,
    ).toBe("certificate-revoked");
    expect(
      (await verifyJsonSignature(doc, sign("exporter-expired"), { ...ctx, bound: "not-evaluated" })).reason,
    ).toBe("certificate-expired");
    expect((await verifyJsonSignature(doc, sign("bank-ec"), ctx)).reason).toBe("certificate-not-bound");
  });

  it("refuses alg none, HMAC, unknown critical parameters and a mismatched x5t#S256", async () => {
    const jws = exporter.seal(jcs(doc), now);
    const [h, , s] = jws.split(".");
    const header = JSON.parse(Buffer.from(h ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    const remake = (patch: Record<string, unknown>) =>
      `${b64u(JSON.stringify({ ...header, ...patch }))}..${s ?? ""}`;
    const payload = Buffer.from(jcs(doc));
    expect((await verifyJades(remake({ alg: "none" }), payload, ctx)).reason).toBe("algorithm-refused");
    expect((await verifyJades(remake({ alg: "HS256" }), payload, ctx)).reason).toBe("algorithm-refused");
    expect((await verifyJades(remake({ crit: ["sigT", "exp"] }), payload, ctx)).reason).toBe("malformed");
    expect((await verifyJades(remake({ crit: undefined }), payload, ctx)).reason).toBe("malformed");
    expect((await verifyJades(remake({ "x5t#S256": "AAAA" }), payload, ctx)).reason).toBe("malformed");
  });

  fcTest.prop([fc.string(), fc.uint8Array({ maxLength: 64 })])(
    "never throws on garbage",
    async (jws, bytes) => {
      const v = await verifyJades(jws, Buffer.from(bytes), ctx);
      expect(v.ok).toBe(false);
    },
  );
});

describe("compact JWS for existing callers (checkpoints)", () => {
  const keys = sampleKeyStore("gateway-seal", ["gateway-seal-2"]);

  it("still signs and verifies by kid", () => {
    const jws = signJws(keys.current(), Buffer.from("{}"), { typ: "swg-checkpoint+jws" });
    expect(verifyJws(jws, (kid) => keys.byKid(kid))).toMatchObject({ ok: true });
  });

  it("no longer trusts a JWS's own x5c for an unknown kid unless asked", () => {
    const stranger = singleKeyStore("exporter-ec").current();
    const forged = signJws(stranger, Buffer.from("{}"), { typ: "swg-checkpoint+jws" });
    expect(verifyJws(forged, (kid) => keys.byKid(kid))).toMatchObject({ ok: false });
    expect(verifyJws(forged, (kid) => keys.byKid(kid), undefined, { trustX5c: true })).toMatchObject({
      ok: true,
    });
  });

  it("refuses critical parameters it does not understand", () => {
    const jws = signJws(keys.current(), Buffer.from("{}"), { crit: ["exp"], exp: 1 });
    expect(verifyJws(jws, (kid) => keys.byKid(kid))).toMatchObject({ ok: false });
  });
});
