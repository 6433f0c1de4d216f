import { join } from "node:path";
import { PARTNER_KINDS, type PartnerKind } from "../ports/records.js";
import { readCerts, type Cert } from "./cert.js";
import { readCrls, type Crl } from "./crl.js";

/** Whose signatures an anchor set vouches for: each partner kind, exporters, and the gateway's own seals. */
export type TrustKind = PartnerKind | "exporter" | "gateway";
export const TRUST_KINDS: readonly TrustKind[] = [...PARTNER_KINDS, "exporter", "gateway"];

/**
 * Trust anchors per kind, so a bank's CA cannot vouch for a customs signature. Intermediates and
 * CRLs are shared: they grant nothing by themselves, a path must still end at an anchor of the kind.
 */
export interface TrustStore {
  readonly anchors: Readonly<Partial<Record<TrustKind, readonly Cert[]>>>;
  readonly intermediates: readonly Cert[];
  readonly crls: readonly Crl[];
}

export interface TrustStoreFiles {
  readonly anchors: Readonly<Partial<Record<TrustKind, readonly string[]>>>;
  readonly intermediates?: readonly string[];
  readonly crls?: readonly string[];
}

export function loadTrustStore(files: TrustStoreFiles): TrustStore {
  const anchors: Partial<Record<TrustKind, readonly Cert[]>> = {};
  for (const kind of TRUST_KINDS) {
    const list = files.anchors[kind];
    if (list) anchors[kind] = list.flatMap(readCerts);
  }
  return {
    anchors,
    intermediates: (files.intermediates ?? []).flatMap(readCerts),
    crls: (files.crls ?? []).flatMap(readCrls),
  };
}

/** certs-sample/ as a trust store: its root anchors every kind. For tests and demos only. */
export function sampleTrustStore(dir: string): TrustStore {
  const root = [join(dir, "root-ca.cert.pem")];
  return loadTrustStore({
    anchors: Object.fromEntries(TRUST_KINDS.map((k) => [k, root])),
    intermediates: [join(dir, "issuing-ca.cert.pem"), join(dir, "issuing-ca-rsa.cert.pem")],
    crls: ["root-ca.crl.pem", "issuing-ca.crl.pem", "issuing-ca-rsa.crl.pem"].map((f) => join(dir, f)),
  });
}
