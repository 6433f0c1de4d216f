/**
 * SM2/SM3 known-answer tests. The values are the published examples of the standards, as carried
 * by ww-rm/gmalg tests.py (commit 0011ad397a4082ba49465fe1a441d7bf2a744c69):
 *  - GB/T 32905-2016 (SM3) Annex A: "abc" and the 512-bit "abcd"×16 message;
 *  - GB/T 32918.2-2016 Annex A: signature on the Fp-256 example curve, ID "ALICE123@YAHOO.COM";
 *  - GM/T 0003.5 / GB/T 32918.5 style example on the recommended curve, default ID "1234567812345678".
 */
import { createHash, createPrivateKey, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  SM2_CURVE,
  sm2PrivateFromKeyObject,
  sm2PrivateKey,
  sm2PublicFromKeyObject,
  sm2PublicKey,
  sm2Sign,
  sm2Verify,
  type Curve,
} from "../../../src/pki/sm2.js";
import { samplePath } from "./helpers/sample.js";

const h = (s: string) => BigInt(`0x${s.replace(/[\s_]/g, "")}`);
const hex = (s: string) => Buffer.from(s.replace(/\s/g, ""), "hex");

describe("SM3 (GB/T 32905 Annex A)", () => {
  it("hashes the two published examples", () => {
    expect(createHash("sm3").update("abc").digest("hex")).toBe(
      "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
    );
    expect(createHash("sm3").update("abcd".repeat(16)).digest("hex")).toBe(
      "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
    );
  });
});

describe("SM2 signature, GB/T 32918.2 Annex A (Fp-256 example curve)", () => {
  const curve: Curve = {
    name: "GB/T 32918.2 Annex A Fp-256",
    p: h("8542D69E 4C044F18 E8B92435 BF6FF7DE 45728391 5C45517D 722EDB8B 08F1DFC3"),
    a: h("787968B4 FA32C3FD 2417842E 73BBFEFF 2F3C848B 6831D7E0 EC65228B 3937E498"),
    b: h("63E4C6D3 B23B0C84 9CF84241 484BFE48 F61D59A5 B16BA06E 6E12D1DA 27C5249A"),
    n: h("8542D69E 4C044F18 E8B92435 BF6FF7DD 29772063 0485628D 5AE74EE7 C32E79B7"),
    g: {
      x: h("421DEBD6 1B62EAB6 746434EB C3CC315E 32220B3B ADD50BDC 4C4E6C14 7FEDD43D"),
      y: h("0680512B CBB42C07 D47349D2 153B70C4 E5D7FDFC BFA36EA1 A85841B9 E46E09A2"),
    },
    size: 32,
  };
  const key = sm2PrivateKey(
    h("128B2FA8 BD433C6C 068C8D80 3DFF7979 2A519A55 171B1B65 0C23661D 15897263"),
    curve,
  );
  const id = Buffer.from("ALICE123@YAHOO.COM");
  const message = Buffer.from("message digest");
  const expected = hex(
    "40F1EC59 F793D9F4 9E09DCEF 49130D41 94F79FB1 EED2CAA5 5BACDB49 C4E755D1" +
      "6FC6DAC3 2C5D5CF1 0C77DFB2 0F7C2EB6 67A45787 2FB09EC5 6327A67E C7DEEBE7",
  );

  it("derives the published public key", () => {
    expect(key.point.x).toBe(h("0AE4C779 8AA0F119 471BEE11 825BE462 02BB79E2 A5844495 E97C04FF 4DF2548A"));
    expect(key.point.y).toBe(h("7C0240F8 8F1CD4E1 6352A73C 17B7F16F 07353E53 A176D684 A9FE0C6B B798E857"));
  });

  it("signs to the published (r, s) with the published k, and verifies it", () => {
    const k = h("6CB28D99 385C175C 94F94E93 4817663F C176D925 DD72B727 260DBAAE 1FB2F96F");
    const sig = sm2Sign(message, key, { id, nonce: () => k });
    expect(sig.toString("hex")).toBe(expected.toString("hex"));
    expect(sm2Verify(message, expected, sm2PublicKey(key.point, curve), { id })).toBe(true);
  });

  it("fails on another message, another ID, or a changed s", () => {
    const pub = sm2PublicKey(key.point, curve);
    expect(sm2Verify(Buffer.from("message digesT"), expected, pub, { id })).toBe(false);
    expect(sm2Verify(message, expected, pub)).toBe(false);
    const bad = Buffer.from(expected);
    bad[63] = (bad[63] ?? 0) ^ 1;
    expect(sm2Verify(message, bad, pub, { id })).toBe(false);
  });
});

describe("SM2 signature on the recommended curve (sm2p256v1), default ID", () => {
  const key = sm2PrivateKey(h("3945208F 7B2144B1 3F36E38A C6D39F95 88939369 2860B51A 42FB81EF 4DF7C5B8"));
  const message = Buffer.from("message digest");
  const expected = hex(
    "F5A03B06 48D2C463 0EEAC513 E1BB81A1 5944DA38 27D5B741 43AC7EAC EEE720B3" +
      "B1B6AA29 DF212FD8 763182BC 0D421CA1 BB9038FD 1F7F42D4 840B69C4 85BBC1AA",
  );

  it("derives the published public key and signs to the published (r, s)", () => {
    expect(key.point.x).toBe(h("09F9DF31 1E5421A1 50DD7D16 1E4BC5C6 72179FAD 1833FC07 6BB08FF3 56F35020"));
    expect(key.point.y).toBe(h("CCEA490C E26775A5 2DC6EA71 8CC1AA60 0AED05FB F35E084A 6632F607 2DA9AD13"));
    const k = h("59276E27 D506861A 16680F3A D9C02DCC EF3CC1FA 3CDBE4CE 6D54B80D EAC1BC21");
    expect(sm2Sign(message, key, { nonce: () => k }).toString("hex")).toBe(expected.toString("hex"));
    expect(sm2Verify(message, expected, sm2PublicKey(key.point))).toBe(true);
  });

  it("accepts the same signature DER-encoded", () => {
    const der = (v: Buffer) => ((v[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
    const r = der(expected.subarray(0, 32));
    const s = der(expected.subarray(32));
    const seq = Buffer.concat([
      Buffer.from([0x30, r.length + s.length + 4, 0x02, r.length]),
      r,
      Buffer.from([0x02, s.length]),
      s,
    ]);
    expect(sm2Verify(message, seq, sm2PublicKey(key.point))).toBe(true);
  });

  it("round-trips with random nonces and node KeyObjects, including the sample SM2 key", () => {
    const generated = generateKeyPairSync("ec", { namedCurve: "SM2" }).privateKey;
    for (const k of [generated, createPrivateKey(readFileSync(samplePath("exporter-sm2.key.pem")))]) {
      const priv = sm2PrivateFromKeyObject(k);
      const pub = sm2PublicFromKeyObject(k);
      expect(pub.point).toEqual(priv.point);
      const data = Buffer.from("CEB303Message");
      const a = sm2Sign(data, priv);
      const b = sm2Sign(data, priv);
      expect(a.equals(b)).toBe(false);
      expect(sm2Verify(data, a, pub) && sm2Verify(data, b, pub)).toBe(true);
    }
  });

  it("refuses out-of-range signatures and off-curve points without throwing", () => {
    const pub = sm2PublicKey(key.point);
    expect(sm2Verify(message, Buffer.alloc(64), pub)).toBe(false);
    expect(sm2Verify(message, Buffer.alloc(64, 0xff), pub)).toBe(false);
    expect(sm2Verify(message, Buffer.from("not a signature"), pub)).toBe(false);
    expect(() => sm2PublicKey({ x: 1n, y: 2n })).toThrow(RangeError);
    expect(SM2_CURVE.size).toBe(32);
  });
});
