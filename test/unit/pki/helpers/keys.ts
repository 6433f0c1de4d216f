import { readFileSync } from "node:fs";
import type { KeyStore } from "../../../../src/ports/keystore.js";
import { FileKeyStore, signerFrom } from "../../../../src/pki/file-keystore.js";
import { samplePath, sampleKey } from "./sample.js";

/** A key store over one sample key pair (e.g. an exporter signing its own JSON). */
export function singleKeyStore(name: string): KeyStore {
  const s = signerFrom(sampleKey(name), readFileSync(samplePath(`${name}.chain.pem`), "utf8"));
  return { current: () => s, byKid: (kid) => (kid === s.kid ? s : undefined), list: () => [s] };
}

export function sampleKeyStore(current: string, retired: readonly string[] = []): FileKeyStore {
  return new FileKeyStore(
    { keyFile: samplePath(`${current}.key.pem`), chainFile: samplePath(`${current}.chain.pem`) },
    retired.map((r) => samplePath(`${r}.chain.pem`)),
  );
}
