/**
 * Generates the sample PKI in certs-sample/: FOR TESTS AND DEMOS ONLY.
 * Every certificate's subject carries O=SWG SAMPLE PKI, which the gateway refuses when
 * NODE_ENV=production.
 */
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const OUT = process.argv[2] ?? "certs-sample";
const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIG = { name: "ECDSA", hash: "SHA-256" } as const;
const O = "O=SWG SAMPLE PKI - NOT FOR PRODUCTION";
const DAY = 86_400_000;

async function pkcs8Pem(key: webcrypto.CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey("pkcs8", key);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const now = Date.now();
  const serial = () =>
    webcrypto.getRandomValues(new Uint8Array(12)).reduce((s, b) => s + b.toString(16).padStart(2, "0"), "7");

  const rootKeys = await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"]);
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=SWG Sample Root CA, ${O}, C=CN`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    keys: rootKeys,
    signingAlgorithm: SIG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });

  const caKeys = await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"]);
  const ca = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=SWG Sample Issuing CA, ${O}, C=CN`,
    issuer: root.subject,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 1825 * DAY),
    signingKey: rootKeys.privateKey,
    publicKey: caKeys.publicKey,
    signingAlgorithm: SIG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });

  const leaf = async (name: string, cn: string, usages: number) => {
    const keys = await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"]);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: `CN=${cn}, ${O}, C=CN`,
      issuer: ca.subject,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 825 * DAY),
      signingKey: caKeys.privateKey,
      publicKey: keys.publicKey,
      signingAlgorithm: SIG,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(usages, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
      ],
    });
    writeFileSync(join(OUT, `${name}.key.pem`), await pkcs8Pem(keys.privateKey), { mode: 0o600 });
    writeFileSync(join(OUT, `${name}.cert.pem`), cert.toString("pem") + "\n");
    writeFileSync(join(OUT, `${name}.chain.pem`), [cert, ca].map((c) => c.toString("pem")).join("\n") + "\n");
  };

  const sign = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
  await leaf("gateway-seal", "SWG Sample Gateway Seal", sign);
  await leaf("exporter-ec", "Sample Exporter Co Ltd", sign);
  await leaf("customs-ec", "Sample Customs Authority", sign);

  writeFileSync(join(OUT, "root-ca.cert.pem"), root.toString("pem") + "\n");
  writeFileSync(join(OUT, "issuing-ca.cert.pem"), ca.toString("pem") + "\n");
  writeFileSync(join(OUT, "root-ca.key.pem"), await pkcs8Pem(rootKeys.privateKey), { mode: 0o600 });
  writeFileSync(join(OUT, "issuing-ca.key.pem"), await pkcs8Pem(caKeys.privateKey), { mode: 0o600 });
  console.log(`sample PKI written to ${OUT}/`);
}

await main();
