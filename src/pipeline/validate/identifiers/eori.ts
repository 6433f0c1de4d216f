/**
 * EORI number (Economic Operators Registration and Identification): the issuing country's code and at
 * most 15 alphanumeric characters (Commission Delegated Regulation (EU) 2015/2446, Annex 12-01,
 * data element 3/2: an..17). Issued by the EU member states, and by the United Kingdom (GB, and XI for
 * Northern Ireland) whose numbers are GB/XI followed by 12 digits, or 15 for some older ones.
 */
const GENERIC = /^[A-Z]{2}[0-9A-Z]{1,15}$/;
const UK = /^(?:GB|XI)(?:[0-9]{12}|[0-9]{15})$/;

/** EU member states (Greece issues under its ISO code GR, not the VAT prefix EL) plus the UK's GB and XI. */
const ISSUERS = new Set([
  "AT",
  "BE",
  "BG",
  "CY",
  "CZ",
  "DE",
  "DK",
  "EE",
  "ES",
  "FI",
  "FR",
  "GR",
  "HR",
  "HU",
  "IE",
  "IT",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SE",
  "SI",
  "SK",
  "GB",
  "XI",
]);

export type EoriProblem = "format" | "issuer";

/** Undefined when the number is well formed; else what is wrong with it. */
export function eoriProblem(value: string): EoriProblem | undefined {
  if (!GENERIC.test(value)) return "format";
  const country = value.slice(0, 2);
  if (!ISSUERS.has(country)) return "issuer";
  if ((country === "GB" || country === "XI") && !UK.test(value)) return "format";
  return undefined;
}

export function isEori(value: string): boolean {
  return eoriProblem(value) === undefined;
}
