import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { SAMPLE_PKI_MARKER } from "./file-keystore.js";
import {
  loadTrustStore,
  sampleTrustStore,
  TRUST_KINDS,
  type TrustStore,
  type TrustStoreFiles,
} from "./trust.js";

/**
 * The trust store for submitter signatures: from a JSON file
 * `{"anchors": {"exporter": ["roots.pem"], "bank": [...]}, "intermediates": [...], "crls": [...]}`
 * (paths relative to the file), or the sample PKI's when none is configured. Production refuses
 * the sample anchors, as it refuses the sample seal key.
 */
export function loadTrustConfig(file: string | undefined, certsDir: string, production: boolean): TrustStore {
  if (!file) {
    if (production)
      throw new Error(
        "SWG_TRUST_FILE is required with NODE_ENV=production (the sample trust anchors are for tests)",
      );
    return sampleTrustStore(certsDir);
  }
  const raw = JSON.parse(readFileSync(file, "utf8")) as Partial<TrustStoreFiles>;
  const base = dirname(file);
  const abs = (list: readonly string[] | undefined) => (list ?? []).map((f) => resolve(base, f));
  const unknown = Object.keys(raw.anchors ?? {}).filter(
    (k) => !(TRUST_KINDS as readonly string[]).includes(k),
  );
  if (unknown.length > 0)
    throw new Error(`${file}: unknown trust kinds ${unknown.join(", ")} (known: ${TRUST_KINDS.join(", ")})`);
  const store = loadTrustStore({
    anchors: Object.fromEntries(Object.entries(raw.anchors ?? {}).map(([k, v]) => [k, abs(v)])),
    intermediates: abs(raw.intermediates),
    crls: abs(raw.crls),
  });
  if (production) {
    const sample = Object.values(store.anchors)
      .flat()
      .find((c) => c?.subject.includes(SAMPLE_PKI_MARKER));
    if (sample)
      throw new Error(`${file}: refusing the sample trust anchor ${sample.subject} with NODE_ENV=production`);
  }
  return store;
}
