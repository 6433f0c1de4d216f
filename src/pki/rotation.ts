/**
 * What `swg keys rotate` and the expiry alert need: a new seal key and certificate from an issuing
 * CA (or files an operator provides), the rotated key lists, and the certificates close to expiry.
 */
import { webcrypto } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { KeyStore } from "../ports/keystore.js";
import { certFromBase64, readCerts, type Cert } from "./cert.js";
import { FileKeyStore, type KeyPairFiles } from "./file-keystore.js";
import { x509 } from "./peculiar.js";
import type { TrustStore } from "./trust.js";

const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
const DAY = 86_400_000;

export interface SealKeyRequest {
  readonly outDir: string;
  /** File stem: NAME.key.pem, NAME.cert.pem, NAME.chain.pem. */
  readonly name: string;
  readonly commonName: string;
  /** The issuing CA (EC P-256): its certificate (PEM) and PKCS#8 key (PEM). */
  readonly issuerCertFile: string;
  readonly issuerKeyFile: string;
  readonly now: Date;
  readonly validityDays?: number;
}

/**
 * A new EC P-256 seal key, certified for digitalSignature + nonRepudiation by the issuing CA. The
 * subject takes the CA's organization, so a key from the sample CA carries the sample marker and
 * is refused in production like the rest of certs-sample/.
 */
export async function generateSealKey(req: SealKeyRequest): Promise<KeyPairFiles> {
  const [caCert] = readCerts(req.issuerCertFile);
  if (!caCert) throw new Error(`no certificate in ${req.issuerCertFile}`);
  const caKey = await webcrypto.subtle.importKey(
    "pkcs8",
    new Uint8Array(x509.PemConverter.decodeFirst(readFileSync(req.issuerKeyFile, "utf8"))),
    EC,
    true,
    ["sign"],
  );
  const keys = await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"]);
  const org = caCert.x509.subjectName.getField("O")[0];
  const serial = Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)));
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial.toString("hex"),
    subject: [`CN=${req.commonName}`, ...(org ? [`O=${org}`] : [])].join(", "),
    issuer: caCert.x509.subject,
    notBefore: req.now,
    notAfter: new Date(req.now.getTime() + (req.validityDays ?? 825) * DAY),
    signingKey: caKey,
    publicKey: keys.publicKey,
    signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.x509.publicKey),
    ],
  });
  mkdirSync(req.outDir, { recursive: true });
  const files = {
    keyFile: join(req.outDir, `${req.name}.key.pem`),
    chainFile: join(req.outDir, `${req.name}.chain.pem`),
  };
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  writeFileSync(files.keyFile, `${x509.PemConverter.encode(pkcs8, "PRIVATE KEY")}\n`, { mode: 0o600 });
  writeFileSync(join(req.outDir, `${req.name}.cert.pem`), `${cert.toString("pem")}\n`);
  writeFileSync(files.chainFile, `${cert.toString("pem")}\n${caCert.node.toString()}`);
  return files;
}

/** The seal key configuration: the key that signs, and the chains of keys that only verify. */
export interface SealKeyState {
  readonly current: KeyPairFiles;
  readonly retired: readonly string[];
}

/**
 * Makes `next` the signing key; the old one joins the retired list (newest first), so every seal
 * it made stays verifiable. `next` is loaded first, so a key that does not match its certificate
 * (or a sample key under `production`) is refused before anything changes.
 */
export function rotateSealKey(
  state: SealKeyState,
  next: KeyPairFiles,
  opts: { readonly production?: boolean } = {},
): SealKeyState {
  const retired = [state.current.chainFile, ...state.retired.filter((f) => f !== state.current.chainFile)];
  const rotated = { current: next, retired: retired.filter((f) => f !== next.chainFile) };
  new FileKeyStore(rotated.current, rotated.retired, opts);
  return rotated;
}

export interface WatchedCertificate {
  /** What the certificate is for, e.g. "seal key abc (current)" or "trust anchor for bank". */
  readonly label: string;
  readonly cert: Cert;
}

export interface ExpiryWarning extends WatchedCertificate {
  readonly daysLeft: number;
  readonly expired: boolean;
}

/** Certificates expiring within `withinDays` of `now` (or already expired), soonest first. */
export function expiringCertificates(
  certs: readonly WatchedCertificate[],
  now: Date,
  withinDays = 30,
): ExpiryWarning[] {
  const limit = now.getTime() + withinDays * DAY;
  return certs
    .filter((w) => w.cert.notAfter.getTime() <= limit)
    .map((w) => ({
      ...w,
      daysLeft: Math.floor((w.cert.notAfter.getTime() - now.getTime()) / DAY),
      expired: w.cert.notAfter.getTime() < now.getTime(),
    }))
    .sort((a, b) => a.cert.notAfter.getTime() - b.cert.notAfter.getTime());
}

/** Every seal key certificate (current and retired) and every trust anchor and intermediate. */
export function certificatesToWatch(keys: KeyStore, trust?: TrustStore): WatchedCertificate[] {
  const current = keys.current().kid;
  const out: WatchedCertificate[] = keys.list().flatMap((k) =>
    k.x5c.map((b64, i) => ({
      label: `seal key ${k.kid}${k.kid === current ? " (current)" : " (retired)"}${i > 0 ? ` chain[${i}]` : ""}`,
      cert: certFromBase64(b64),
    })),
  );
  if (trust) {
    for (const [kind, anchors] of Object.entries(trust.anchors))
      for (const cert of anchors ?? []) out.push({ label: `trust anchor for ${kind}`, cert });
    for (const cert of trust.intermediates) out.push({ label: "intermediate CA", cert });
  }
  const seen = new Set<string>();
  return out.filter((w) => {
    const key = `${w.label}|${w.cert.fingerprint}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
