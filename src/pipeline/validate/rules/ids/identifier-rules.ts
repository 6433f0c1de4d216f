import { DOCUMENT_TYPES } from "../../../../model/canonical.js";
import {
  eoriProblem,
  isChinaCustomsCode,
  isContainerNumber,
  isGln,
  isImoNumber,
  isLei,
  isUsci,
  normalizeContainerNumber,
  parseBic,
} from "../../identifiers/index.js";
import { isCountry } from "../codes.js";
import { factsOf } from "../facts.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DocumentRule, FieldRef } from "../types.js";

const PARTY_IDS: readonly FieldRef[] = ["*#/**/identifiers/*/value"];

/** A rule checking every party identifier of one scheme, wherever in the document the party sits. */
function schemeRule(
  id: string,
  scheme: string,
  message: string,
  article: string,
  problem: (value: string) => string | undefined,
): DocumentRule {
  return {
    id,
    scope: "document",
    types: DOCUMENT_TYPES,
    severity: "error",
    category: "identifier",
    message,
    fields: PARTY_IDS,
    article,
    check(e: DocEntry, out: Findings) {
      for (const f of factsOf(e).identifiers) {
        if (f.scheme !== scheme) continue;
        const p = problem(f.value);
        if (p !== undefined) out.add(e, f.pointer, `${scheme} ${f.value}: ${p}`);
      }
    },
  };
}

export const leiRule = schemeRule(
  "SWG-ID-002",
  "LEI",
  "An LEI must be 20 characters whose ISO 7064 MOD 97-10 check digits verify",
  "ISO 17442-1:2020 (check digits per ISO/IEC 7064 MOD 97-10)",
  (v) => (isLei(v) ? undefined : "not a valid LEI (20 characters, MOD 97-10 check digits)"),
);

export const usciRule = schemeRule(
  "SWG-ID-003",
  "USCI",
  "A Unified Social Credit Identifier must be 18 characters whose check character verifies",
  "GB 32100-2015 (check character, weights 3^i mod 31)",
  (v) => (isUsci(v) ? undefined : "not a valid USCI (18 characters, GB 32100 check character)"),
);

export const glnRule = schemeRule(
  "SWG-ID-004",
  "GLN",
  "A GLN must be 13 digits whose GS1 mod 10 check digit verifies",
  "GS1 General Specifications §7.9 (GS1 mod 10 check digit)",
  (v) => (isGln(v) ? undefined : "not a valid GLN (13 digits, GS1 check digit)"),
);

export const bicRule = schemeRule(
  "SWG-ID-006",
  "BIC",
  "A BIC must be 8 or 11 characters: party prefix, ISO 3166 country code, party suffix, optional branch",
  "ISO 9362:2022",
  (v) => {
    const b = parseBic(v);
    if (!b) return "not a BIC (4 + 2 + 2 characters, optional 3-character branch)";
    // SWIFT uses XK for Kosovo, which ISO 3166 has not assigned.
    if (b.country !== "XK" && !isCountry(b.country)) return `country code ${b.country} is not ISO 3166`;
    return undefined;
  },
);

export const eoriRule = schemeRule(
  "SWG-ID-007",
  "EORI",
  "An EORI number must be an issuing country's code (EU member state, GB or XI) and up to 15 alphanumeric characters",
  "Regulation (EU) 952/2013 art. 9; EORI format an..17",
  (v) => {
    switch (eoriProblem(v)) {
      case undefined:
        return undefined;
      case "format":
        return "not an EORI number (country code and up to 15 characters; GB/XI: 12 or 15 digits)";
      case "issuer":
        return `${v.slice(0, 2)} does not issue EORI numbers`;
    }
  },
);

export const chinaCustomsRule = schemeRule(
  "SWG-ID-008",
  "CN-CUSTOMS",
  "A China customs registration code must be 10 characters: 4-digit region, economic zone, enterprise type, sequence",
  "GACC enterprise registration code structure (海关注册编码)",
  (v) => (isChinaCustomsCode(v) ? undefined : "not a 10-character China customs registration code"),
);

/** Four letters (the fourth U, J or Z) and six or seven digits: what a freight container number looks like. */
const CONTAINER_SHAPE = /^[A-Z]{3}[UJZ][0-9]{6,7}$/;

export const containerRule: DocumentRule = {
  id: "SWG-ID-001",
  scope: "document",
  types: DOCUMENT_TYPES,
  severity: "error",
  category: "identifier",
  message:
    "A container number must be 4 letters (owner code and U, J or Z), 6 digits and an ISO 6346 check digit that verifies",
  fields: ["*#/**/equipment/*/id"],
  article: "ISO 6346:2022 Annex A (check digit)",
  check(e: DocEntry, out: Findings) {
    for (const f of factsOf(e).containers) {
      const id = normalizeContainerNumber(f.value);
      // Equipment that is not an ISO 6346 freight container (a trailer, a railcar) has no check digit.
      if (!CONTAINER_SHAPE.test(id)) continue;
      if (!isContainerNumber(id))
        out.add(e, f.pointer, `Container ${f.value}: not a valid ISO 6346 number or wrong check digit`);
    }
  },
};

export const imoRule: DocumentRule = {
  id: "SWG-ID-005",
  scope: "document",
  types: DOCUMENT_TYPES,
  severity: "error",
  category: "identifier",
  message: "An IMO ship number must be 7 digits whose check digit (weights 7…2, mod 10) verifies",
  fields: ["*#/**/imoNumber", "export-declaration#/transport/meansId"],
  article: "IMO Resolution A.1117(30)",
  check(e: DocEntry, out: Findings) {
    for (const f of factsOf(e).imoNumbers) {
      if (!isImoNumber(f.value))
        out.add(e, f.pointer, `IMO number ${f.value}: not 7 digits with a valid check digit`);
    }
  },
};
