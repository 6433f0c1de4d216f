import { createHash } from "node:crypto";

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** `sha256:<hex>`, the form digests take in documents, receipts and reports. */
export function digestOf(data: string | Buffer): string {
  return `sha256:${sha256Hex(data)}`;
}
