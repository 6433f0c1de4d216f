/**
 * Hand-made certificate paths for cases the sample PKI does not hold (a CA without CA rights, a
 * broken pathLen, a critical extension nobody knows). Built in memory for each test run.
 */
import { webcrypto } from "node:crypto";
import { certFromDer, type Cert } from "../../../../src/pki/cert.js";
import { crlFromDer, type Crl } from "../../../../src/pki/crl.js";
import { x509 } from "../../../../src/pki/peculiar.js";

const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIG = { name: "ECDSA", hash: "SHA-256" } as const;
const DAY = 86_400_000;

export interface Node {
  readonly cert: Cert;
  readonly keys: webcrypto.CryptoKeyPair;
}

export interface MakeOptions {
  readonly cn: string;
  readonly issuer?: Node;
  readonly ca?: boolean;
  readonly pathLen?: number;
  readonly usages?: number;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly extraExtensions?: x509.Extension[];
}

let serialCounter = 1;

export async function make(opts: MakeOptions): Promise<Node> {
  const keys = await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"]);
  const name = `CN=${opts.cn}, O=SWG TEST`;
  const usages =
    opts.usages ??
    (opts.ca
      ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
      : x509.KeyUsageFlags.digitalSignature);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(opts.ca ?? false, opts.pathLen, true),
    new x509.KeyUsagesExtension(usages, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ...(opts.extraExtensions ?? []),
  ];
  const common = {
    serialNumber: (serialCounter++).toString(16).padStart(2, "0"),
    notBefore: opts.notBefore ?? new Date(Date.now() - 10 * DAY),
    notAfter: opts.notAfter ?? new Date(Date.now() + 365 * DAY),
    signingAlgorithm: SIG,
  };
  const cert = opts.issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: name,
        issuer: opts.issuer.cert.subject,
        publicKey: keys.publicKey,
        signingKey: opts.issuer.keys.privateKey,
        extensions: [
          ...extensions,
          await x509.AuthorityKeyIdentifierExtension.create(opts.issuer.keys.publicKey),
        ],
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name, keys, extensions });
  return { cert: certFromDer(Buffer.from(cert.rawData)), keys };
}

export async function makeCrl(
  issuer: Node,
  revoked: readonly { cert: Cert; date: Date; reason?: x509.X509CrlReason }[],
  validity: { thisUpdate: Date; nextUpdate: Date } = {
    thisUpdate: new Date(Date.now() - DAY),
    nextUpdate: new Date(Date.now() + 30 * DAY),
  },
): Promise<Crl> {
  const crl = await x509.X509CrlGenerator.create({
    issuer: issuer.cert.subject,
    ...validity,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: SIG,
    entries: revoked.map((r) => ({
      serialNumber: r.cert.x509.serialNumber,
      revocationDate: r.date,
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
    })),
  });
  return crlFromDer(Buffer.from(crl.rawData));
}
