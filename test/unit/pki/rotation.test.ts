import { describe, expect, it } from "vitest";
import { certificatesToWatch, expiringCertificates } from "../../../src/pki/rotation.js";
import { sampleTrustStore } from "../../../src/pki/trust.js";
import { sampleKeyStore } from "./helpers/keys.js";
import { SAMPLE_DIR, sampleCert } from "./helpers/sample.js";

const DAY = 86_400_000;

describe("expiry warnings", () => {
  const keys = sampleKeyStore("gateway-seal", ["gateway-seal-2"]);
  const watched = certificatesToWatch(keys, sampleTrustStore(SAMPLE_DIR));

  it("watches seal keys (current and retired) and the trust store", () => {
    const labels = watched.map((w) => w.label);
    expect(labels.some((l) => l.endsWith("(current)"))).toBe(true);
    expect(labels.some((l) => l.endsWith("(retired)"))).toBe(true);
    expect(labels).toContain("trust anchor for exporter");
    expect(labels).toContain("intermediate CA");
  });

  it("lists what expires within 30 days, soonest first, and nothing else", () => {
    const seal = sampleCert("gateway-seal");
    const in20 = new Date(seal.notAfter.getTime() - 20 * DAY);
    const warnings = expiringCertificates(watched, in20);
    const ours = warnings.filter((w) => w.cert.fingerprint === seal.fingerprint);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ daysLeft: 20, expired: false });
    expect(warnings.every((w) => w.daysLeft <= 30)).toBe(true);
    const sorted = [...warnings].sort((a, b) => a.cert.notAfter.getTime() - b.cert.notAfter.getTime());
    expect(warnings).toEqual(sorted);
    expect(expiringCertificates(watched, new Date(seal.notAfter.getTime() - 40 * DAY))).not.toContainEqual(
      expect.objectContaining({ label: ours[0]?.label }),
    );
    const after = expiringCertificates(watched, new Date(seal.notAfter.getTime() + DAY));
    expect(after.find((w) => w.cert.fingerprint === seal.fingerprint)?.expired).toBe(true);
  });
});
