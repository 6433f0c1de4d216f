import { createPrivateKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readCerts, type Cert } from "../../../../src/pki/cert.js";
import { ROOT } from "../../../helpers/corpora.js";

/** The committed sample PKI (npm run certs). Tests read it afresh; nothing hard-codes its keys. */
export const SAMPLE_DIR = join(ROOT, "certs-sample");

export function samplePath(file: string): string {
  return join(SAMPLE_DIR, file);
}

export function sampleCert(name: string): Cert {
  const [c] = readCerts(samplePath(`${name}.cert.pem`));
  if (!c) throw new Error(`no certificate in ${name}.cert.pem`);
  return c;
}

export function sampleChain(name: string): Cert[] {
  return readCerts(samplePath(`${name}.chain.pem`));
}

export function sampleKey(name: string): KeyObject {
  return createPrivateKey(readFileSync(samplePath(`${name}.key.pem`)));
}
