/**
 * WCO Data Model declaration and response codes as the UK CDS (DEC-DMS / RES-DMS) uses them.
 * Sources: the HMRC CDS "annotated XML samples" (function codes in their file names) and the
 * status codes the HMRC exports service maps notifications with (hmrc/customs-declare-exports,
 * SubmissionStatus: 01 accepted, 02 received, 03 rejected, 05 undergoing physical check,
 * 06 additional documents required, 07 amended, 08 released, 09 cleared, 10 cancelled,
 * 11 customs position on a request, 13 tax calculation, 16 goods exited, 17 handled externally,
 * 18 query).
 */

/** DEC FunctionCode: 9 original declaration; 13 request (an additional message on a declaration). */
export const DEC_ORIGINAL = "9";
export const DEC_REQUEST = "13";

/** The TypeCode of a request (FunctionCode 13): COR amendment (correction), INV invalidation (cancellation). */
export const REQUEST_TYPES: Readonly<Record<string, "replacement" | "cancellation">> = {
  COR: "replacement",
  INV: "cancellation",
};

/** RES FunctionCode → canonical customs status; codes with no canonical status are named for the refusal. */
export const NOTIFICATIONS: Readonly<
  Record<string, { readonly name: string; readonly status?: string; readonly text?: string }>
> = {
  "01": { name: "DMSACC (accepted)", status: "accepted" },
  "02": { name: "DMSRCV (received)" },
  "03": { name: "DMSREJ (rejected)", status: "rejected" },
  "05": { name: "DMSCTL (undergoing physical check)", status: "held-for-examination" },
  "06": { name: "DMSDOC (additional documents required)", status: "documents-required" },
  "07": { name: "DMSRES (amendment processed)" },
  "08": { name: "DMSROG (goods released)", status: "released" },
  "09": {
    name: "DMSCLE (cleared)",
    status: "released",
    text: "cleared (DMSCLE): the declaration is finalised and the goods released",
  },
  "10": { name: "DMSINV (cancelled)" },
  "11": { name: "DMSREQ (customs position on a request)" },
  "13": { name: "DMSTAX (tax calculation)" },
  "16": { name: "DMSEOG (goods have exited)" },
  "17": { name: "DMSEXT (handled externally)" },
  "18": { name: "DMSQRY (query)" },
};

/** Requested procedures (EU/UK DE 1/10, first two digits) that take goods out: export, outward processing, re-export. */
export const EXPORT_PROCEDURES = /^(10|11|21|22|23|31)/;

/**
 * The 17th character of an EU/UK MRN (UCC Annex B, data element 12 01 000 000) names the
 * procedure: A–E export and exit side (export, exit summary, re-export, special fiscal
 * territories); the rest are transit, import and entry.
 */
export function mrnIsExport(mrn: string): boolean | undefined {
  if (!/^[0-9]{2}[A-Z]{2}[A-Z0-9]{12}[A-Z][0-9]$/.test(mrn)) return undefined;
  return /[A-E]/.test(mrn.charAt(16));
}

/** DE 3/21 representative status: 2 direct, 3 indirect representation. */
export const REPRESENTATION: Readonly<Record<string, "direct" | "indirect">> = {
  "2": "direct",
  "3": "indirect",
};

/** WCO DateTimeString with formatCode 304 (CCYYMMDDHHMMSS plus zone: Z, ±hh or ±hhmm) → RFC 3339. */
export function dateTime304(t: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(t.trim());
  if (!m) return undefined;
  const zone =
    m[7] === undefined || m[7] === "Z"
      ? "Z"
      : m[7].length === 3
        ? `${m[7]}:00`
        : `${m[7].slice(0, 3)}:${m[7].slice(-2)}`;
  const v = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`;
  return Number.isNaN(Date.parse(v)) ? undefined : v;
}
