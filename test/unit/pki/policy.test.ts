import { describe, expect, it } from "vitest";
import { checkBinding, normalizeFingerprint } from "../../../src/pki/binding.js";
import {
  DEFAULT_SIGNATURE_POLICY,
  MODERN_ALGORITHMS,
  parseSignaturePolicy,
  SEAL_ALGORITHMS,
} from "../../../src/pki/policy.js";
import { sampleCert } from "./helpers/sample.js";

describe("party signature policy", () => {
  it("takes defaults for what is absent", () => {
    expect(parseSignaturePolicy(undefined)).toEqual({ ok: true, policy: DEFAULT_SIGNATURE_POLICY });
    const p = parseSignaturePolicy({
      requirement: "required",
      algorithms: ["SM2-SM3"],
      trustKind: "customs",
    });
    expect(p).toEqual({
      ok: true,
      policy: {
        requirement: "required",
        algorithms: ["SM2-SM3"],
        trustKind: "customs",
        revocation: "if-available",
      },
    });
  });

  it("never weakens silently: unknown fields, algorithms and kinds are problems", () => {
    const p = parseSignaturePolicy({ requirment: "required", algorithms: ["RSA-MD5"], trustKind: "pirates" });
    expect(p.ok).toBe(false);
    if (!p.ok)
      expect(p.problems).toEqual([
        "unknown field requirment",
        "unknown algorithm RSA-MD5",
        expect.stringContaining("trustKind"),
      ]);
    expect(parseSignaturePolicy([]).ok).toBe(false);
  });

  it("keeps RSA-SHA1 out of the defaults and out of what the gateway signs with", () => {
    expect(MODERN_ALGORITHMS).not.toContain("RSA-SHA1");
    expect(SEAL_ALGORITHMS).not.toContain("RSA-SHA1");
  });
});

describe("certificate to party binding", () => {
  const cert = sampleCert("exporter-ec");

  it("accepts a bound certificate, in the forms operators paste", () => {
    const colons = cert.fingerprint.toUpperCase().match(/../g)?.join(":") ?? "";
    expect(normalizeFingerprint(colons)).toBe(cert.fingerprint);
    expect(checkBinding([colons], cert)).toEqual({ ok: true, fingerprint: cert.fingerprint });
  });

  it("refuses an unbound one with a typed reason, and ignores junk entries", () => {
    const v = checkBinding(["not a fingerprint", sampleCert("bank-ec").fingerprint], cert);
    expect(v).toMatchObject({ ok: false, reason: "not-bound", fingerprint: cert.fingerprint });
    expect(() => normalizeFingerprint("abc")).toThrow(TypeError);
    expect(checkBinding([], cert).ok).toBe(false);
  });
});
