/** Incoterms 2020 rules (the canonical incoterms code list). */
export const INCOTERMS: ReadonlySet<string> = new Set([
  "EXW",
  "FCA",
  "CPT",
  "CIP",
  "DAP",
  "DPU",
  "DDP",
  "FAS",
  "FOB",
  "CFR",
  "CIF",
]);

/**
 * UNTDID 1001 document codes that EN 16931 uses on document references (BT-17, BT-18, BT-122)
 * → canonical reference kinds. A supporting document (BT-122) carries no code in UBL and 916 in CII.
 */
const REFERENCE_KINDS: Readonly<Record<string, string>> = {
  "916": "supporting-document",
  "50": "tender",
  "130": "invoiced-object",
  "380": "commercial-invoice",
  "861": "certificate-of-origin",
  "271": "packing-list",
  "705": "bill-of-lading",
  "710": "sea-waybill",
  "830": "export-declaration",
  "351": "despatch-advice",
  "220": "purchase-order",
};

export function referenceKind(code: string | undefined): string {
  if (code === undefined) return "supporting-document";
  return REFERENCE_KINDS[code] ?? code;
}

/** A canonical reference kind → the UNTDID 1001 code a writer puts back (inverse of referenceKind). */
export function referenceCode(kind: string): string | undefined {
  if (kind === "supporting-document") return undefined;
  for (const [code, k] of Object.entries(REFERENCE_KINDS)) if (k === kind) return code;
  return kind;
}
