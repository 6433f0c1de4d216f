/**
 * Generates the sample PKI in certs-sample/: FOR TESTS AND DEMOS ONLY.
 * Every certificate's subject carries O=SWG SAMPLE PKI, which the gateway refuses when
 * NODE_ENV=production.
 *
 * @peculiar/x509 makes the CAs, the EC/SM2 leaves and the CRLs; node-forge makes the RSA leaves
 * (forge signs RSA only, so the RSA leaves hang under an RSA issuing CA).
 */
import "reflect-metadata";
import { generateKeyPairSync, webcrypto } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";
import forge from "node-forge";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const OUT = process.argv[2] ?? "certs-sample";
const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
const EC_SIG = { name: "ECDSA", hash: "SHA-256" } as const;
const RSA = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-256",
} as const;
const O = "O=SWG SAMPLE PKI - NOT FOR PRODUCTION";
const DAY = 86_400_000;
const NOW = Date.now();
/** @types/node-forge types valueTagClass as a tag class; forge reads it as the universal tag number. */
const PRINTABLE = forge.asn1.Type.PRINTABLESTRING as unknown as forge.asn1.Class;
const SIGN = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

interface Ca {
  readonly cert: x509.X509Certificate;
  readonly keys: CryptoKeyPair;
}

/** The algorithm a CA signs with follows its own key. */
function sigAlgOf(keys: CryptoKeyPair): { name: string; hash: string } {
  return keys.privateKey.algorithm.name === "ECDSA" ? EC_SIG : { name: RSA.name, hash: "SHA-256" };
}

/** 16 random bytes with the top bit clear: a positive DER INTEGER, as RFC 5280 §4.1.2.2 wants. */
function serial(): string {
  const b = webcrypto.getRandomValues(new Uint8Array(16));
  b[0] = (b[0] ?? 0) & 0x7f;
  return Buffer.from(b).toString("hex");
}

function write(name: string, text: string, secret = false): void {
  writeFileSync(join(OUT, name), text.endsWith("\n") ? text : `${text}\n`, secret ? { mode: 0o600 } : {});
}

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey("pkcs8", key), "PRIVATE KEY");
}

function writeLeaf(name: string, keyPem: string, leafPem: string, issuer: x509.X509Certificate): void {
  write(`${name}.key.pem`, keyPem, true);
  write(`${name}.cert.pem`, leafPem);
  write(`${name}.chain.pem`, `${leafPem.trim()}\n${issuer.toString("pem")}`);
}

async function makeCa(
  cn: string,
  keys: CryptoKeyPair,
  pathLen: number,
  parent: Ca | null,
  years: number,
): Promise<Ca> {
  const subject = `CN=${cn}, ${O}, C=CN`;
  const common = {
    serialNumber: serial(),
    notBefore: new Date(NOW - DAY),
    notAfter: new Date(NOW + years * 365 * DAY),
    signingAlgorithm: sigAlgOf(parent?.keys ?? keys),
    extensions: [
      new x509.BasicConstraintsExtension(true, pathLen, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create((parent?.keys ?? keys).publicKey),
    ],
  };
  const cert = parent
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject,
        issuer: parent.cert.subject,
        signingKey: parent.keys.privateKey,
        publicKey: keys.publicKey,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name: subject, keys });
  return { cert, keys };
}

interface LeafOptions {
  readonly usages?: number;
  readonly extKeyUsages?: readonly string[];
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

/** An EC (or SM2) leaf issued by an EC CA. `publicKey` may be SPKI DER, for curves WebCrypto lacks. */
async function ecLeaf(
  ca: Ca,
  cn: string,
  publicKey: CryptoKey | Uint8Array,
  opts: LeafOptions = {},
): Promise<x509.X509Certificate> {
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(opts.usages ?? SIGN, true),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
  ];
  if (opts.extKeyUsages) extensions.push(new x509.ExtendedKeyUsageExtension([...opts.extKeyUsages]));
  return x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${cn}, ${O}, C=CN`,
    issuer: ca.cert.subject,
    notBefore: opts.notBefore ?? new Date(NOW - DAY),
    notAfter: opts.notAfter ?? new Date(NOW + 3650 * DAY),
    signingKey: ca.keys.privateKey,
    publicKey,
    signingAlgorithm: EC_SIG,
    extensions,
  });
}

async function ecParty(
  name: string,
  cn: string,
  ca: Ca,
  opts: LeafOptions = {},
): Promise<x509.X509Certificate> {
  const keys = await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"]);
  const cert = await ecLeaf(ca, cn, keys.publicKey, opts);
  writeLeaf(name, await pkcs8Pem(keys.privateKey), cert.toString("pem"), ca.cert);
  return cert;
}

/** SM2 keys come from node:crypto (WebCrypto has no SM2); the CA still signs with ECDSA P-256. */
async function sm2Party(name: string, cn: string, ca: Ca): Promise<void> {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "SM2" });
  const spki = new Uint8Array(publicKey.export({ format: "der", type: "spki" }));
  const cert = await ecLeaf(ca, cn, spki);
  writeLeaf(
    name,
    privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    cert.toString("pem"),
    ca.cert,
  );
}

/** forge needs the issuer's name as attributes; copy them, in order, from the CA certificate. */
function forgeName(name: x509.Name): forge.pki.CertificateField[] {
  return name.toJSON().flatMap((rdn) =>
    Object.entries(rdn).flatMap(([type, values]) =>
      values.map((value) => ({
        shortName: type,
        value,
        valueTagClass: PRINTABLE,
      })),
    ),
  );
}

async function rsaParty(name: string, cn: string, ca: Ca): Promise<void> {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const caKey = forge.pki.privateKeyFromPem(await pkcs8Pem(ca.keys.privateKey));
  const caSki = ca.cert.getExtension(x509.SubjectKeyIdentifierExtension);
  if (!caSki) throw new Error("the RSA issuing CA has no subjectKeyIdentifier");
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(NOW - DAY);
  cert.validity.notAfter = new Date(NOW + 3650 * DAY);
  cert.setSubject([
    { shortName: "CN", value: cn, valueTagClass: PRINTABLE },
    { shortName: "O", value: O.slice(2), valueTagClass: PRINTABLE },
    { shortName: "C", value: "CN", valueTagClass: PRINTABLE },
  ]);
  cert.setIssuer(forgeName(ca.cert.subjectName));
  cert.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
    { name: "subjectKeyIdentifier" },
    { name: "authorityKeyIdentifier", keyIdentifier: Buffer.from(caSki.keyId, "hex").toString("binary") },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  writeLeaf(name, forge.pki.privateKeyToPem(keys.privateKey), forge.pki.certificateToPem(cert), ca.cert);
}

async function crl(ca: Ca, revoked: readonly x509.X509Certificate[]): Promise<x509.X509Crl> {
  return x509.X509CrlGenerator.create({
    issuer: ca.cert.subject,
    thisUpdate: new Date(NOW - DAY),
    nextUpdate: new Date(NOW + 3650 * DAY),
    signingKey: ca.keys.privateKey,
    signingAlgorithm: sigAlgOf(ca.keys),
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey)],
    entries: revoked.map((c) => ({
      serialNumber: c.serialNumber,
      revocationDate: new Date(NOW - DAY),
      reason: x509.X509CrlReason.keyCompromise,
    })),
  });
}

/** RFC 7468 labels a CRL "X509 CRL"; @peculiar/x509 writes "CRL", which OpenSSL does not read. */
function crlPem(c: x509.X509Crl): string {
  return x509.PemConverter.encode(c.rawData, "X509 CRL");
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const newEc = () => webcrypto.subtle.generateKey(EC, true, ["sign", "verify"]);
  const root = await makeCa("SWG Sample Root CA", await newEc(), 1, null, 20);
  const ca = await makeCa("SWG Sample Issuing CA", await newEc(), 0, root, 15);
  const rsaKeys = await webcrypto.subtle.generateKey(RSA, true, ["sign", "verify"]);
  const caRsa = await makeCa("SWG Sample Issuing CA RSA", rsaKeys, 0, root, 15);

  for (const [name, cn] of [
    ["gateway-seal", "SWG Sample Gateway Seal"],
    ["gateway-seal-2", "SWG Sample Gateway Seal 2"],
    ["gateway-seal-3", "SWG Sample Gateway Seal 3"],
    ["exporter-ec", "Sample Exporter Co Ltd"],
    ["bank-ec", "Sample Bank"],
    ["customs-ec", "Sample Customs Authority"],
    ["carrier-ec", "Sample Carrier Line"],
  ] as const) {
    await ecParty(name, cn, ca);
  }
  for (const [name, cn] of [
    ["exporter-rsa", "Sample Exporter Co Ltd"],
    ["bank-rsa", "Sample Bank"],
    ["customs-rsa", "Sample Customs Authority"],
    ["carrier-rsa", "Sample Carrier Line"],
  ] as const) {
    await rsaParty(name, cn, caRsa);
  }
  await sm2Party("exporter-sm2", "Sample Exporter Co Ltd SM2", ca);
  await ecParty("exporter-expired", "Sample Exporter Expired", ca, {
    notBefore: new Date(NOW - 400 * DAY),
    notAfter: new Date(NOW - 35 * DAY),
  });
  const revoked = await ecParty("exporter-revoked", "Sample Exporter Revoked", ca);
  // A TLS client certificate: valid, trusted, but not for signing documents.
  await ecParty("exporter-tls", "Sample Exporter TLS Client", ca, {
    usages: x509.KeyUsageFlags.keyAgreement,
    extKeyUsages: [x509.ExtendedKeyUsage.clientAuth],
  });

  write("root-ca.cert.pem", root.cert.toString("pem"));
  write("issuing-ca.cert.pem", ca.cert.toString("pem"));
  write("issuing-ca-rsa.cert.pem", caRsa.cert.toString("pem"));
  write("root-ca.key.pem", await pkcs8Pem(root.keys.privateKey), true);
  write("issuing-ca.key.pem", await pkcs8Pem(ca.keys.privateKey), true);
  write("issuing-ca-rsa.key.pem", await pkcs8Pem(caRsa.keys.privateKey), true);
  write("root-ca.crl.pem", crlPem(await crl(root, [])));
  write("issuing-ca.crl.pem", crlPem(await crl(ca, [revoked])));
  write("issuing-ca-rsa.crl.pem", crlPem(await crl(caRsa, [])));
  console.log(`sample PKI written to ${OUT}/`);
}

await main();
