import { DOCUMENT_TYPES } from "../../../../model/canonical.js";
import {
  checkCurrency,
  hsChapter,
  hsHeading,
  isCountry,
  isEn16931UnitCode,
  isLocode,
  isPackageType,
} from "../codes.js";
import { factsOf, type DocFacts, type Found } from "../facts.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DocumentRule, FieldRef } from "../types.js";

/** A rule checking every field of one kind, wherever it sits, against a code list. */
function listRule(
  id: string,
  pick: (f: DocFacts) => readonly Found[],
  valid: (code: string) => boolean,
  meta: { message: string; article: string; fields: readonly FieldRef[]; severity?: "error" | "warning" },
  describe: (code: string) => string,
): DocumentRule {
  return {
    id,
    scope: "document",
    types: DOCUMENT_TYPES,
    severity: meta.severity ?? "error",
    category: "code-list",
    message: meta.message,
    fields: meta.fields,
    article: meta.article,
    check(e: DocEntry, out: Findings) {
      for (const f of pick(factsOf(e))) if (!valid(f.value)) out.add(e, f.pointer, describe(f.value));
    },
  };
}

export const countryRule = listRule(
  "SWG-CL-001",
  (f) => f.countries,
  isCountry,
  {
    message: "Country codes must be ISO 3166-1 alpha-2 codes",
    article: "ISO 3166-1:2020",
    fields: ["*#/**/country", "*#/**/originCountry", "export-declaration#/destinationCountry"],
  },
  (c) => `${c} is not an ISO 3166-1 alpha-2 country code`,
);

export const currencyRule = listRule(
  "SWG-CL-002",
  (f) => f.currencies,
  (c) => checkCurrency(c).entry !== undefined,
  { message: "Currency codes must be ISO 4217 codes", article: "ISO 4217:2015", fields: ["*#/**/currency"] },
  (c) => `${c} is not an ISO 4217 currency code`,
);

export const currencyInUse: DocumentRule = {
  id: "SWG-CL-003",
  scope: "document",
  types: DOCUMENT_TYPES,
  severity: "error",
  category: "code-list",
  message:
    "A currency must be in use on the document's issue date: not yet withdrawn from ISO 4217, nor introduced later",
  fields: ["*#/**/currency"],
  article: "ISO 4217:2015 (list three, historic denominations)",
  check(e: DocEntry, out: Findings) {
    const at = new Date(e.doc.issuedAt);
    if (Number.isNaN(at.getTime())) return;
    for (const f of factsOf(e).currencies) {
      const c = checkCurrency(f.value, at);
      // Unknown codes are SWG-CL-002's finding.
      if (c.entry !== undefined && !c.valid)
        out.add(
          e,
          f.pointer,
          `${c.reason ?? `${f.value} is not in use`} (document issued ${e.doc.issuedAt})`,
        );
    }
  },
};

export const unitRule = listRule(
  "SWG-CL-004",
  (f) => f.units,
  // EN 16931 (BR-CL-23) also counts a package as a unit: "X" and a Recommendation 21 code (XPP, XBX).
  isEn16931UnitCode,
  {
    message:
      "Units of measure must be UN/ECE Recommendation 20 codes, or X and a Recommendation 21 package code (EN 16931 BR-CL-23)",
    article: "UN/ECE Recommendation 20; EN 16931-1 BR-CL-23",
    fields: ["*#/**/quantity/unit", "*#/**/volume/unit"],
  },
  (c) => `${c} is not a UN/ECE Recommendation 20 unit code`,
);

export const packageTypeRule = listRule(
  "SWG-CL-005",
  (f) => f.packageTypes,
  isPackageType,
  {
    message: "Package types must be UN/ECE Recommendation 21 codes",
    article: "UN/ECE Recommendation 21",
    fields: ["packing-list#/packages/*/typeCode", "*#/**/packages/typeCode"],
  },
  (c) => `${c} is not a UN/ECE Recommendation 21 package type code`,
);

function chapterExists(chapter: string): boolean {
  const entry = hsChapter(chapter);
  return entry !== undefined && entry.reserved !== true;
}

const HS_DIGITS = /^[0-9]{6,10}$/;

export const hsLengthRule = listRule(
  "SWG-CL-006",
  (f) => f.hsCodes,
  (c) => HS_DIGITS.test(c),
  {
    message: "HS codes must have 6 to 10 digits: the HS subheading, optionally extended by national digits",
    article: "HS Convention art. 3(1) (6-digit subheadings), art. 3(3) (national subdivisions)",
    fields: ["*#/**/hsCode"],
  },
  (c) => `HS code ${c} has ${c.length} digits; 6 to 10 are required`,
);

export const hsChapterRule = listRule(
  "SWG-CL-007",
  (f) => f.hsCodes,
  // Too short a code is SWG-CL-006's finding; chapter 77 is listed but reserved for future use.
  (c) => c.length < 2 || chapterExists(c.slice(0, 2)),
  {
    message: "The HS chapter (first 2 digits) must exist in HS 2022",
    article: "HS 2022 nomenclature (WCO)",
    fields: ["*#/**/hsCode"],
  },
  (c) => `HS chapter ${c.slice(0, 2)} (of ${c}) does not exist in HS 2022`,
);

export const hsHeadingRule = listRule(
  "SWG-CL-008",
  (f) => f.hsCodes,
  (c) => c.length < 4 || !chapterExists(c.slice(0, 2)) || hsHeading(c.slice(0, 4)) !== undefined,
  {
    message: "The HS heading (first 4 digits) must exist in HS 2022",
    article: "HS 2022 nomenclature (WCO)",
    fields: ["*#/**/hsCode"],
  },
  (c) => `HS heading ${c.slice(0, 4)} (of ${c}) does not exist in HS 2022`,
);

export const locodeRule = listRule(
  "SWG-CL-009",
  (f) => f.locodes,
  isLocode,
  {
    // A warning: the gateway ships a subset of UN/LOCODE, so an unknown code may still be a real one.
    severity: "warning",
    message: "Location codes should be UN/LOCODE entries known to the gateway",
    article: "UN/ECE Recommendation 16 (UN/LOCODE)",
    fields: ["*#/**/locode"],
  },
  (c) => `${c} is not in the gateway's UN/LOCODE list`,
);
