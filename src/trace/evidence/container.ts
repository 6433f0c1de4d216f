import { unzipSync, zipSync, type Zippable } from "fflate";
import { JSON_BUNDLE_FORMAT, type BundleFiles } from "./layout.js";

/** A fixed timestamp keeps two zips of the same bundle byte-identical. */
const ZIP_MTIME = new Date("2000-01-01T00:00:00Z");

export function toZip(files: BundleFiles): Buffer {
  const z: Zippable = {};
  for (const [path, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    z[path] = [new Uint8Array(bytes), { mtime: ZIP_MTIME }];
  return Buffer.from(zipSync(z, { level: 6 }));
}

export function toJsonBundle(files: BundleFiles): Buffer {
  const out: Record<string, string> = {};
  for (const [path, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    out[path] = bytes.toString("base64");
  return Buffer.from(JSON.stringify({ format: JSON_BUNDLE_FORMAT, files: out }, null, 1));
}

/** Reads a zip or a JSON bundle. Throws with a reason when it is neither. */
export function readBundle(bytes: Buffer): BundleFiles {
  const files: BundleFiles = new Map();
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    for (const [path, data] of Object.entries(unzipSync(new Uint8Array(bytes)))) {
      if (path.endsWith("/")) continue;
      files.set(path, Buffer.from(data));
    }
    return files;
  }
  const parsed = JSON.parse(bytes.toString("utf8")) as { format?: unknown; files?: unknown };
  if (parsed.format !== JSON_BUNDLE_FORMAT || typeof parsed.files !== "object" || parsed.files === null)
    throw new Error(`neither a zip nor a ${JSON_BUNDLE_FORMAT} document`);
  for (const [path, b64] of Object.entries(parsed.files as Record<string, unknown>)) {
    if (typeof b64 !== "string") throw new Error(`${path}: not base64 text`);
    const data = Buffer.from(b64, "base64");
    // Node's decoder skips characters that are not base64; a changed character must not pass unseen.
    if (data.toString("base64") !== b64) throw new Error(`${path}: not canonical base64`);
    files.set(path, data);
  }
  return files;
}
