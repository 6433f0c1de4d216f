import {
  createHash,
  createPrivateKey,
  sign as cryptoSign,
  X509Certificate,
  type KeyObject,
} from "node:crypto";
import { readFileSync } from "node:fs";
import type { KeyStore, SealSigner, SealVerifierKey } from "../ports/keystore.js";
import { nodeAlg, verifyWithKey, type JwsAlg } from "./jws.js";

/** The marker every sample certificate carries in its subject (scripts/gen-certs.ts). */
export const SAMPLE_PKI_MARKER = "SWG SAMPLE PKI";

export function splitPem(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

function algFor(key: KeyObject): JwsAlg {
  const type = key.asymmetricKeyType;
  if (type === "ec") {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve !== "prime256v1")
      throw new Error(`seal keys on curve ${curve ?? "?"} are not supported; use P-256`);
    return "ES256";
  }
  if (type === "rsa") return "RS256";
  if (type === "ed25519") return "EdDSA";
  throw new Error(`unsupported seal key type ${type ?? "?"}`);
}

/** kid = base64url SHA-256 of the leaf DER, truncated: stable, and derived from the certificate alone. */
export function kidOf(cert: X509Certificate): string {
  return createHash("sha256").update(cert.raw).digest("base64url").slice(0, 22);
}

export interface KeyPairFiles {
  readonly keyFile: string;
  readonly chainFile: string;
}

class FileSigner implements SealSigner, SealVerifierKey {
  readonly kid: string;
  readonly alg: JwsAlg;
  readonly x5c: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly certificate: X509Certificate;
  private readonly signOpts: { hash: string | null; dsaEncoding?: "ieee-p1363" };
  private readonly publicKey: KeyObject;

  constructor(
    private readonly privateKey: KeyObject | null,
    chain: readonly X509Certificate[],
  ) {
    const leaf = chain[0];
    if (!leaf) throw new Error("the seal certificate chain is empty");
    this.certificate = leaf;
    this.publicKey = leaf.publicKey;
    if (privateKey && !leaf.checkPrivateKey(privateKey))
      throw new Error("the seal key does not match its certificate");
    this.alg = algFor(this.publicKey);
    this.signOpts = nodeAlg(this.alg);
    this.kid = kidOf(leaf);
    this.x5c = chain.map((c) => c.raw.toString("base64"));
    this.notBefore = new Date(leaf.validFrom);
    this.notAfter = new Date(leaf.validTo);
  }

  sign(data: Buffer): Buffer {
    if (!this.privateKey) throw new Error(`key ${this.kid} is retired: it verifies but no longer signs`);
    const key = this.signOpts.dsaEncoding
      ? { key: this.privateKey, dsaEncoding: this.signOpts.dsaEncoding }
      : this.privateKey;
    return cryptoSign(this.signOpts.hash, data, key);
  }

  verify(data: Buffer, signature: Buffer): boolean {
    return verifyWithKey(this.alg, this.publicKey, data, signature);
  }
}

/**
 * Seal keys from PEM files. The first pair signs; the others (rotated out) only verify, so old
 * seals stay checkable after a rotation.
 */
export class FileKeyStore implements KeyStore {
  private readonly keys: FileSigner[];
  private readonly byId: Map<string, FileSigner>;

  constructor(
    current: KeyPairFiles,
    retiredChainFiles: readonly string[] = [],
    opts: { production?: boolean } = {},
  ) {
    const chain = splitPem(readFileSync(current.chainFile, "utf8")).map((p) => new X509Certificate(p));
    const key = createPrivateKey(readFileSync(current.keyFile));
    const retired = retiredChainFiles.map(
      (f) =>
        new FileSigner(
          null,
          splitPem(readFileSync(f, "utf8")).map((p) => new X509Certificate(p)),
        ),
    );
    this.keys = [new FileSigner(key, chain), ...retired];
    if (opts.production) {
      const sample = this.keys.find((k) => k.certificate.subject.includes(SAMPLE_PKI_MARKER));
      if (sample)
        throw new Error(`refusing the sample seal certificate (${sample.kid}) with NODE_ENV=production`);
    }
    this.byId = new Map(this.keys.map((k) => [k.kid, k]));
  }

  current(): SealSigner {
    return this.keys[0]!;
  }

  byKid(kid: string): SealVerifierKey | undefined {
    return this.byId.get(kid);
  }

  list(): readonly SealVerifierKey[] {
    return this.keys;
  }
}

/** Exported for tests that build signers from in-memory keys. */
export function signerFrom(privateKey: KeyObject, chainPem: string): SealSigner & SealVerifierKey {
  return new FileSigner(
    privateKey,
    splitPem(chainPem).map((p) => new X509Certificate(p)),
  );
}
