import { createHash, X509Certificate as NodeX509, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { x509 } from "./peculiar.js";

/**
 * A parsed certificate, kept in both libraries' forms: node:crypto for fast native work (keys,
 * signatures), @peculiar/x509 for extensions and path building.
 */
export interface Cert {
  readonly der: Buffer;
  readonly node: NodeX509;
  readonly x509: x509.X509Certificate;
  /** Kept once: node builds a new KeyObject on every `X509Certificate.publicKey` read. */
  readonly publicKey: KeyObject;
  /** SHA-256 of the DER, lowercase hex: the form party bindings and reports use. */
  readonly fingerprint: string;
  readonly subject: string;
  readonly issuer: string;
  /** Lowercase hex without leading zeros, so certificate and CRL serials compare as text. */
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g;

export function normalizeSerial(hex: string): string {
  return hex.toLowerCase().replace(/^0+(?=.)/, "");
}

export function fingerprintOf(der: Buffer): string {
  return createHash("sha256").update(der).digest("hex");
}

/** Parses one DER certificate. Throws on bytes that are not a certificate. */
export function certFromDer(der: Buffer): Cert {
  const node = new NodeX509(der);
  const px = new x509.X509Certificate(new Uint8Array(der));
  return {
    der,
    node,
    x509: px,
    publicKey: node.publicKey,
    fingerprint: fingerprintOf(der),
    subject: px.subject,
    issuer: px.issuer,
    serial: normalizeSerial(px.serialNumber),
    notBefore: px.notBefore,
    notAfter: px.notAfter,
  };
}

/** Base64 DER, as in JWS x5c and XML-DSig X509Certificate (whitespace allowed). */
export function certFromBase64(b64: string): Cert {
  return certFromDer(Buffer.from(b64.replace(/\s+/g, ""), "base64"));
}

/** Every certificate in a PEM text, in order. */
export function certsFromPem(pem: string): Cert[] {
  return [...pem.matchAll(PEM_CERT)].map((m) => certFromBase64(m[1] ?? ""));
}

/** A PEM bundle, or a single DER certificate. */
export function readCerts(file: string): Cert[] {
  const bytes = readFileSync(file);
  const text = bytes.toString("latin1");
  return text.includes("-----BEGIN CERTIFICATE-----") ? certsFromPem(text) : [certFromDer(bytes)];
}

/** One-line description for messages and printed verdicts. */
export function describeCert(c: Cert): string {
  return `${c.subject} (serial ${c.serial}, sha256 ${c.fingerprint.slice(0, 16)}…)`;
}
