/**
 * The evidence bundle's layout: one flat map of paths to bytes, carried as a zip or as JSON
 * (base64 per file). docs/evidence.md describes every file.
 */
export type BundleFiles = Map<string, Buffer>;

export const MANIFEST = "manifest.json";
export const MANIFEST_SIG = "manifest.jws";
export const EVENTS = "chain/events.json";
export const PROOF = "chain/proof.json";
export const CHECKPOINT_SIG = "chain/checkpoint.jws";
export const ANCHORS = "certs/anchors.pem";
export const MANIFEST_TYP = "swg-evidence-manifest+jws";
export const JSON_BUNDLE_FORMAT = "swg-evidence-bundle+json";

export interface ManifestEntry {
  readonly path: string;
  /** Lowercase hex SHA-256 of the file's bytes. */
  readonly sha256: string;
  readonly size: number;
}

export interface Manifest {
  readonly v: 1;
  readonly type: "swg-evidence-bundle";
  readonly ucr: string;
  readonly generatedAt: string;
  readonly files: readonly ManifestEntry[];
}

/** The Merkle proof from the consignment's chain head to a signed checkpoint. */
export interface ChainProof {
  readonly chain: string;
  readonly head: { readonly seq: number; readonly hash: string };
  readonly checkpoint: {
    readonly id: number;
    readonly at: string;
    readonly prevRoot: string;
    readonly root: string;
    readonly leafCount: number;
  };
  readonly leafIndex: number;
  readonly auditPath: readonly string[];
}

export const documentPath = (id: string, file: string) => `documents/${id}/${file}`;
export const submissionPath = (id: string, file: string) => `submissions/${id}/${file}`;
export const responsePath = (id: string, file: string) => `responses/${id}/${file}`;
export const certPath = (kid: string) => `certs/seal-${kid}.pem`;

/** A file name extension for an original's media type, so the bundle opens in ordinary tools. */
export function extensionOf(mediaType: string): string {
  const t = mediaType.toLowerCase();
  if (t.includes("json")) return "json";
  if (t.includes("xml")) return "xml";
  if (t.includes("edifact")) return "edi";
  if (t.startsWith("text/")) return "txt";
  return "bin";
}

const SAFE_ID = /^[\w.:-]{1,200}$/;

/** Ids become path segments; anything else would let a crafted id escape its folder. */
export function safeSegment(id: string): string {
  if (!SAFE_ID.test(id) || id === "." || id === "..")
    throw new Error(`id ${JSON.stringify(id)} is not path-safe`);
  return id;
}
