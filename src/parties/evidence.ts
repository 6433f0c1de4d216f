import type { Issue } from "../errors/index.js";
import type { EvidenceRef } from "../ports/register.js";
import { digestOf } from "../util/digest.js";

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const MAX_CONTENT = 5 * 1024 * 1024;

/**
 * Evidence as callers give it: a file's name and media type with either its SHA-256 digest, or its
 * content in base64 (the gateway then computes the digest). Only the digest is kept: the files stay
 * with the parties, and the digest proves later which file was shown.
 */
export function parseEvidence(raw: unknown, base: string): { evidence: EvidenceRef[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const evidence: EvidenceRef[] = [];
  if (raw === undefined) return { evidence, issues };
  if (!Array.isArray(raw)) return { evidence, issues: [{ message: "evidence is a list", pointer: base }] };
  raw.forEach((item: unknown, i) => {
    const at = `${base}/${i}`;
    if (!item || typeof item !== "object") {
      issues.push({ message: "an evidence item is an object", pointer: at });
      return;
    }
    const o = item as Record<string, unknown>;
    const name = o["name"];
    const mediaType = o["mediaType"];
    if (typeof name !== "string" || name.length === 0 || name.length > 200)
      issues.push({ message: "name is 1 to 200 characters", pointer: `${at}/name` });
    if (typeof mediaType !== "string" || !/^[\w.+-]+\/[\w.+-]+$/.test(mediaType))
      issues.push({
        message: "mediaType is a media type such as application/pdf",
        pointer: `${at}/mediaType`,
      });
    let digest: string | undefined;
    let size: number | null = null;
    if (typeof o["content"] === "string") {
      const bytes = Buffer.from(o["content"], "base64");
      if (bytes.length === 0 || bytes.length > MAX_CONTENT)
        issues.push({
          message: `content is base64 of 1 byte to ${MAX_CONTENT} bytes`,
          pointer: `${at}/content`,
        });
      digest = digestOf(bytes);
      size = bytes.length;
    } else if (typeof o["digest"] === "string" && DIGEST.test(o["digest"])) {
      digest = o["digest"];
      size =
        typeof o["size"] === "number" && Number.isInteger(o["size"]) && o["size"] >= 0 ? o["size"] : null;
    } else {
      issues.push({ message: "give content (base64) or digest (sha256:<64 hex>)", pointer: at });
    }
    if (digest && typeof name === "string" && typeof mediaType === "string")
      evidence.push({ name, mediaType, digest, size });
  });
  return { evidence, issues };
}
