import type { Issue } from "../errors/index.js";
import {
  eoriProblem,
  isChinaCustomsCode,
  isGln,
  isLei,
  isUsci,
  parseBic,
} from "../pipeline/validate/identifiers/index.js";
import type { PartyIdentifier } from "../ports/records.js";

/** The schemes of schemas/common/v1/identifier.schema.json. */
export const IDENTIFIER_SCHEMES = [
  "USCI",
  "EORI",
  "LEI",
  "GLN",
  "BIC",
  "DUNS",
  "CN-CUSTOMS",
  "VAT",
  "TIN",
  "OTHER",
] as const;

/**
 * What is wrong with an identifier under its scheme, or undefined when it is valid. The check
 * digits come from the shared identifier module (also used by the document rules).
 */
export function identifierProblem(scheme: string, value: string): string | undefined {
  switch (scheme) {
    case "USCI":
      return isUsci(value) ? undefined : "not a USCI: 18 characters with the GB 32100-2015 check character";
    case "LEI":
      return isLei(value) ? undefined : "not an LEI: 20 characters with ISO 17442 MOD 97-10 check digits";
    case "GLN":
      return isGln(value) ? undefined : "not a GLN: 13 digits with the GS1 mod 10 check digit";
    case "BIC":
      return parseBic(value) ? undefined : "not a BIC: ISO 9362, 8 or 11 characters";
    case "CN-CUSTOMS":
      return isChinaCustomsCode(value)
        ? undefined
        : "not a China customs registration code: 10 characters, 5th a digit 1-9";
    case "EORI": {
      const p = eoriProblem(value);
      if (p === "format") return "not an EORI: country code and up to 15 characters (GB/XI: 12 or 15 digits)";
      if (p === "issuer") return `EORI numbers are not issued by ${value.slice(0, 2)}`;
      return undefined;
    }
    case "DUNS":
      return /^[0-9]{9}$/.test(value) ? undefined : "not a DUNS number: 9 digits";
    case "VAT":
    case "TIN":
    case "OTHER":
      return /^[0-9A-Za-z./-]{1,70}$/.test(value) ? undefined : "1 to 70 letters, digits, '.', '/' or '-'";
    default:
      return `unknown scheme; one of ${IDENTIFIER_SCHEMES.join(", ")}`;
  }
}

/** Every problem of a list of identifiers, each with a JSON Pointer under `base`. */
export function identifierIssues(ids: readonly PartyIdentifier[], base = "/identifiers"): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    const p = identifierProblem(id.scheme, id.value);
    if (p) issues.push({ message: `${id.scheme} ${id.value}: ${p}`, pointer: `${base}/${i}` });
    const key = `${id.scheme}\u0000${id.value}`;
    if (seen.has(key))
      issues.push({ message: `${id.scheme} ${id.value} is listed twice`, pointer: `${base}/${i}` });
    seen.add(key);
  });
  return issues;
}
