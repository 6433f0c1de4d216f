import type { DocumentKey } from "../ports/records.js";

const KEYS = ["lrn", "mrn"] as const;

/** The references a canonical document carries that an amendment may name it by (top-level lrn, mrn). */
export function documentKeys(
  canonical: object,
  doc: Pick<DocumentKey, "issuerPartyId" | "type" | "lineageId" | "documentId" | "createdAt">,
): DocumentKey[] {
  const fields = canonical as Readonly<Record<string, unknown>>;
  const out: DocumentKey[] = [];
  for (const key of KEYS) {
    const value = fields[key];
    if (typeof value === "string" && value.length > 0) out.push({ ...doc, key, value });
  }
  return out;
}
