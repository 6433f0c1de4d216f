import { describeCert, type Cert } from "./cert.js";
import type { Crl } from "./crl.js";
import { x509 } from "./peculiar.js";
import type { TrustKind, TrustStore } from "./trust.js";

export const CHAIN_REASONS = [
  "valid",
  "expired",
  "not-yet-valid",
  "revoked",
  "untrusted",
  "bad-usage",
  "not-ca",
  "path-length-exceeded",
  "unsupported-critical-extension",
  "revocation-unknown",
  "malformed",
] as const;
export type ChainReason = (typeof CHAIN_REASONS)[number];

export interface ChainVerdict {
  readonly ok: boolean;
  readonly reason: ChainReason;
  readonly message: string;
  /** Leaf first, trust anchor last when one was reached; otherwise as far as the path got. */
  readonly chain: readonly Cert[];
  /** The certificate the reason is about. */
  readonly subject?: Cert;
  readonly at: Date;
}

export type KeyUsageName = keyof typeof x509.KeyUsageFlags;

/** What the leaf must be allowed to do. Absent extensions allow everything (RFC 5280 §4.2.1.3, §4.2.1.12). */
export interface UsageRequirement {
  /** One of these keyUsage bits, when the extension is present. */
  readonly keyUsage: readonly KeyUsageName[];
  /** One of these extKeyUsage purposes (or anyExtendedKeyUsage), when the extension is present. */
  readonly extKeyUsage: readonly string[];
}

export const EKU = {
  any: "2.5.29.37.0",
  emailProtection: "1.3.6.1.5.5.7.3.4",
  /** id-kp-documentSigning, RFC 9336. */
  documentSigning: "1.3.6.1.5.5.7.3.36",
  /** Microsoft's document signing purpose, common in issued signing certificates. */
  msDocumentSigning: "1.3.6.1.4.1.311.10.3.12",
} as const;

/** Signing documents and sealing: digitalSignature or nonRepudiation, and a signing purpose. */
export const SIGNING_USAGE: UsageRequirement = {
  keyUsage: ["digitalSignature", "nonRepudiation"],
  extKeyUsage: [EKU.documentSigning, EKU.msDocumentSigning, EKU.emailProtection],
};

export interface ChainOptions {
  readonly kind: TrustKind;
  /** Validation time: now for submissions, the signing time for the gateway's own old seals. */
  readonly at: Date;
  readonly usage?: UsageRequirement;
  /** "require": no fresh CRL from the issuer means revocation-unknown. Default "if-available". */
  readonly revocation?: "require" | "if-available";
  /** Certificates the signature carried (x5c, X509Data, CMS): path candidates, never anchors. */
  readonly extra?: readonly Cert[];
}

/** Extensions this validator understands (or may ignore) when marked critical. */
const KNOWN_CRITICAL = new Set([
  "2.5.29.14", // subjectKeyIdentifier
  "2.5.29.15", // keyUsage
  "2.5.29.17", // subjectAltName
  "2.5.29.19", // basicConstraints
  "2.5.29.31", // cRLDistributionPoints
  "2.5.29.32", // certificatePolicies: any policy is accepted (no policy constraints processing)
  "2.5.29.35", // authorityKeyIdentifier
  "2.5.29.37", // extKeyUsage
]);

/** CRL reasons after which no signature by the key is trusted, whatever its date. */
const ALWAYS_REVOKED = new Set([undefined, 0, 1, 2]); // unspecified, keyCompromise, cACompromise

const PATH_CACHE_LIMIT = 1024;

/**
 * Path building with @peculiar/x509's X509ChainBuilder (AKI/SKI and name matching, each link's
 * signature checked), then RFC 5280 checks on the path here, so every failure has its own reason
 * and names its certificate. Built paths and CRL signature checks are cached: they do not depend
 * on time, while validity and revocation are re-checked on every call.
 */
export class ChainValidator {
  private readonly paths = new Map<string, Promise<readonly Cert[]>>();
  private readonly crlSignatures = new Map<string, Promise<boolean>>();

  constructor(readonly trust: TrustStore) {}

  async validate(leaf: Cert, opts: ChainOptions): Promise<ChainVerdict> {
    const at = opts.at;
    const anchors = this.trust.anchors[opts.kind] ?? [];
    if (anchors.length === 0)
      return fail("untrusted", `no trust anchors are configured for ${opts.kind}`, [leaf], leaf, at);
    let built: readonly Cert[];
    try {
      built = await this.build(leaf, anchors, opts);
    } catch (e) {
      return fail("malformed", `the certificate path cannot be built: ${errorText(e)}`, [leaf], leaf, at);
    }
    const anchorPrints = new Set(anchors.map((a) => a.fingerprint));
    const end = built.findIndex((c) => anchorPrints.has(c.fingerprint));
    if (end < 0) {
      const top = built[built.length - 1] ?? leaf;
      const why =
        top.subject === top.issuer
          ? `it ends at the self-signed ${describeCert(top)}, which is not a trust anchor for ${opts.kind}`
          : `no issuer of ${describeCert(top)} is known`;
      return fail("untrusted", `no path to a trust anchor for ${opts.kind}: ${why}`, built, top, at);
    }
    try {
      return await this.check(built.slice(0, end + 1), opts);
    } catch (e) {
      return fail("malformed", `the certificate path cannot be checked: ${errorText(e)}`, built, leaf, at);
    }
  }

  private build(leaf: Cert, anchors: readonly Cert[], opts: ChainOptions): Promise<readonly Cert[]> {
    const extra = opts.extra ?? [];
    const key = [opts.kind, leaf.fingerprint, ...extra.map((c) => c.fingerprint)].join("|");
    let found = this.paths.get(key);
    if (!found) {
      if (this.paths.size >= PATH_CACHE_LIMIT) this.paths.clear();
      found = buildPath(leaf, [...anchors, ...this.trust.intermediates, ...extra]);
      // A failed build is not cached: the next call may bring the missing intermediate.
      void found.catch(() => this.paths.delete(key));
      this.paths.set(key, found);
    }
    return found;
  }

  private async check(path: readonly Cert[], opts: ChainOptions): Promise<ChainVerdict> {
    const at = opts.at;
    const leaf = path[0];
    if (!leaf) return fail("malformed", "empty certificate path", path, undefined, at);

    const unknownRevocation: Cert[] = [];
    for (let i = 0; i < path.length - 1; i++) {
      const cert = path[i];
      const issuer = path[i + 1];
      if (!cert || !issuer) continue;
      const status = await this.revocation(cert, issuer, at);
      if (status.revoked) {
        const r = status.revoked;
        return fail(
          "revoked",
          `${describeCert(cert)} was revoked on ${r.date.toISOString()}` +
            (r.reason !== undefined ? ` (${x509.X509CrlReason[r.reason] ?? `reason ${r.reason}`})` : ""),
          path,
          cert,
          at,
        );
      }
      if (!status.fresh) unknownRevocation.push(cert);
    }

    for (const cert of path) {
      if (at < cert.notBefore)
        return fail(
          "not-yet-valid",
          `${describeCert(cert)} is not valid before ${cert.notBefore.toISOString()}`,
          path,
          cert,
          at,
        );
      if (at > cert.notAfter)
        return fail(
          "expired",
          `${describeCert(cert)} expired on ${cert.notAfter.toISOString()}`,
          path,
          cert,
          at,
        );
    }

    for (let j = 1; j < path.length; j++) {
      const ca = path[j];
      if (!ca) continue;
      const bc = ca.x509.getExtension(x509.BasicConstraintsExtension);
      const ku = ca.x509.getExtension(x509.KeyUsagesExtension);
      if (!bc?.ca || (ku && (ku.usages & x509.KeyUsageFlags.keyCertSign) === 0))
        return fail("not-ca", `${describeCert(ca)} issues certificates but is not a CA`, path, ca, at);
      const below = path.slice(1, j).filter((c) => c.subject !== c.issuer).length;
      if (bc.pathLength !== undefined && below > bc.pathLength)
        return fail(
          "path-length-exceeded",
          `${describeCert(ca)} allows ${bc.pathLength} intermediate CA(s) below it, the path has ${below}`,
          path,
          ca,
          at,
        );
    }

    for (const cert of path) {
      const unknown = cert.x509.extensions.find((e) => e.critical && !KNOWN_CRITICAL.has(e.type));
      if (unknown)
        return fail(
          "unsupported-critical-extension",
          `${describeCert(cert)} has a critical extension ${unknown.type} this validator does not process`,
          path,
          cert,
          at,
        );
    }

    const usageProblem = checkUsage(leaf, opts.usage ?? SIGNING_USAGE);
    if (usageProblem) return fail("bad-usage", usageProblem, path, leaf, at);

    const stale = unknownRevocation[0];
    if (opts.revocation === "require" && stale)
      return fail(
        "revocation-unknown",
        `no current CRL from the issuer of ${describeCert(stale)} is available`,
        path,
        stale,
        at,
      );
    return {
      ok: true,
      reason: "valid",
      message: `valid path of ${path.length} to a trust anchor`,
      chain: path,
      at,
    };
  }

  /** What the CRLs of `issuer` say about `cert` at `at`. Only CRLs signed by that issuer count. */
  private async revocation(
    cert: Cert,
    issuer: Cert,
    at: Date,
  ): Promise<{ revoked?: { date: Date; reason?: number }; fresh: boolean }> {
    let fresh = false;
    for (const crl of this.trust.crls) {
      if (crl.issuer !== cert.issuer || !(await this.crlSignedBy(crl, issuer))) continue;
      const entry = crl.revoked.get(cert.serial);
      if (entry && (entry.date <= at || ALWAYS_REVOKED.has(entry.reason)))
        return { revoked: entry, fresh: true };
      if (crl.thisUpdate <= at && (!crl.nextUpdate || at <= crl.nextUpdate)) fresh = true;
    }
    return { fresh };
  }

  private crlSignedBy(crl: Crl, issuer: Cert): Promise<boolean> {
    const key = `${crl.fingerprint}|${issuer.fingerprint}`;
    let ok = this.crlSignatures.get(key);
    if (!ok) {
      // Pass the PublicKey, not the certificate: given a certificate, @peculiar/x509 2.2 verifies
      // with that certificate's own signature algorithm instead of the CRL's.
      ok = crl.x509.verify({ publicKey: issuer.x509.publicKey }).catch(() => false);
      this.crlSignatures.set(key, ok);
    }
    return ok;
  }
}

async function buildPath(leaf: Cert, candidates: readonly Cert[]): Promise<readonly Cert[]> {
  const byObject = new Map<x509.X509Certificate, Cert>([[leaf.x509, leaf]]);
  const seen = new Set<string>([leaf.fingerprint]);
  const unique: x509.X509Certificate[] = [];
  for (const c of candidates) {
    if (seen.has(c.fingerprint)) continue;
    seen.add(c.fingerprint);
    byObject.set(c.x509, c);
    unique.push(c.x509);
  }
  const chain = await new x509.X509ChainBuilder({ certificates: unique }).build(leaf.x509);
  return chain.map((c) => {
    const cert = byObject.get(c);
    if (!cert) throw new Error("the chain builder returned a certificate it was not given");
    return cert;
  });
}

function checkUsage(leaf: Cert, need: UsageRequirement): string | undefined {
  const ku = leaf.x509.getExtension(x509.KeyUsagesExtension);
  if (ku && !need.keyUsage.some((name) => (ku.usages & x509.KeyUsageFlags[name]) !== 0))
    return `${describeCert(leaf)} has keyUsage without ${need.keyUsage.join(" or ")}`;
  const eku = leaf.x509.getExtension(x509.ExtendedKeyUsageExtension);
  if (eku && !eku.usages.some((u) => u === EKU.any || need.extKeyUsage.includes(String(u))))
    return `${describeCert(leaf)} is for ${eku.usages.join(", ")}, not for signing documents`;
  return undefined;
}

function fail(
  reason: ChainReason,
  message: string,
  chain: readonly Cert[],
  subject: Cert | undefined,
  at: Date,
): ChainVerdict {
  return { ok: false, reason, message, chain, at, ...(subject ? { subject } : {}) };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
