import type { DraftDocument } from "../../model/canonical.js";
import { DOCUMENT_TYPES } from "../../model/canonical.js";
import type { FormatReader, ReadDocument, Sniffed } from "../types.js";

const TYPES = new Set<string>(DOCUMENT_TYPES);
/** Fields the gateway owns: a trader's values for them are replaced, and the report says so. */
const GATEWAY_FIELDS = ["id", "version", "original", "schemaVersion"] as const;

function isCanonical(v: unknown): v is Record<string, unknown> & { type: string } {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    TYPES.has(String((v as { type?: unknown }).type))
  );
}

/** Canonical JSON as the trader wrote it: nothing to map; the schema checks every field. */
export function readCanonicalJson(value: Record<string, unknown>): ReadDocument {
  const draft: Record<string, unknown> = { ...value };
  const defaults = [];
  for (const k of GATEWAY_FIELDS) {
    if (k in draft) {
      defaults.push({
        pointer: `/${k}`,
        value: draft[k],
        reason: "assigned by the gateway; the submitted value was replaced",
      });
      delete draft[k];
    }
  }
  return {
    draft: draft as DraftDocument,
    format: "json",
    originalType: String(value["type"]),
    report: { reader: "canonical-json", unmapped: [], defaults, issues: [] },
    sourceMap: new Map(),
  };
}

export const canonicalJsonReader: FormatReader = {
  id: "canonical-json",
  accepts: (s: Sniffed) => s.kind === "json" && isCanonical(s.value),
  read: (s: Sniffed) => (s.kind === "json" && isCanonical(s.value) ? [readCanonicalJson(s.value)] : []),
};
