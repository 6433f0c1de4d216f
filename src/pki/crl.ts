import { readFileSync } from "node:fs";
import { fingerprintOf, normalizeSerial } from "./cert.js";
import { x509 } from "./peculiar.js";

export interface RevokedEntry {
  readonly date: Date;
  readonly reason?: number;
}

/** A parsed CRL. Its signature is checked against the issuer when a path uses it (chain.ts). */
export interface Crl {
  readonly der: Buffer;
  readonly x509: x509.X509Crl;
  readonly fingerprint: string;
  readonly issuer: string;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  /** By normalized serial (cert.ts `normalizeSerial`). */
  readonly revoked: ReadonlyMap<string, RevokedEntry>;
}

const PEM_CRL = /-----BEGIN (?:X509 )?CRL-----([\s\S]+?)-----END (?:X509 )?CRL-----/g;

export function crlFromDer(der: Buffer): Crl {
  const px = new x509.X509Crl(new Uint8Array(der));
  const revoked = new Map<string, RevokedEntry>();
  for (const e of px.entries) {
    revoked.set(normalizeSerial(e.serialNumber), {
      date: e.revocationDate,
      ...(e.reason !== undefined ? { reason: e.reason } : {}),
    });
  }
  return {
    der,
    x509: px,
    fingerprint: fingerprintOf(der),
    issuer: px.issuer,
    thisUpdate: px.thisUpdate,
    ...(px.nextUpdate ? { nextUpdate: px.nextUpdate } : {}),
    revoked,
  };
}

/** Every CRL in a PEM text ("X509 CRL" or "CRL" labels), or one DER CRL. */
export function crlsFrom(bytes: Buffer): Crl[] {
  const text = bytes.toString("latin1");
  const pems = [...text.matchAll(PEM_CRL)];
  if (pems.length === 0) return [crlFromDer(bytes)];
  return pems.map((m) => crlFromDer(Buffer.from((m[1] ?? "").replace(/\s+/g, ""), "base64")));
}

export function readCrls(file: string): Crl[] {
  return crlsFrom(readFileSync(file));
}
