/**
 * Shapes of the code-list files in schemas/codelists/. Every file carries its provenance next to
 * its entries so that documentation and audits can cite exactly which release was used.
 */

export interface CodeListSource {
  /** Publisher or standard, e.g. "UNECE UN/CEFACT Recommendation 20". */
  name: string;
  /** Where the data was taken from (repository + path + commit, package + version, or URL). */
  retrievedFrom: string;
  url?: string;
}

export interface CodeListFile<E> {
  /** Stable identifier of the list, also the key used by listInfo(). */
  list: string;
  title: string;
  source: CodeListSource;
  /** Release or edition of the list, as named by its publisher (e.g. "Rec 20 Rev 17", "2025-1"). */
  version: string;
  /** Publication date of that release: ISO 8601, reduced precision ("2021") when only the year is known. */
  date: string;
  licence: string;
  /** What was selected, corrected or added, and why. */
  notes?: string[];
  entries: E[];
}

export interface CountryEntry {
  alpha2: string;
  alpha3: string;
  numeric: string;
  name: string;
}

export interface CurrencyEntry {
  code: string;
  /** Three-digit ISO 4217 numeric code (numbers can be reused: ANG and XCG share 532). */
  numeric: string;
  /** Decimal places; null where ISO 4217 says "N.A." (precious metals, testing, special codes). */
  minorUnits: number | null;
  name: string;
  countries: string[];
  status: "active" | "historic";
  /** First day the code may be used (ISO date); absent when valid since before the list's date. */
  validFrom?: string;
  /** First day the code is no longer valid (ISO date). */
  withdrawn?: string;
  replacedBy?: string;
  /** Source of a change applied on top of the base list. */
  basis?: string;
}

export interface CurrencyOverride {
  code: string;
  action: "add" | "withdraw";
  numeric?: string;
  minorUnits?: number | null;
  name?: string;
  countries?: string[];
  validFrom?: string;
  withdrawn?: string;
  replacedBy?: string;
  sources: string[];
}

export interface CurrencyOverridesFile {
  description: string;
  overrides: CurrencyOverride[];
}

/** Rec 20/21 status: deprecated codes remain listed but should not be used in new messages. */
export type UneceCodeStatus = "active" | "deprecated" | "deleted";

export interface UnitEntry {
  code: string;
  name: string;
  symbol?: string;
  status: UneceCodeStatus;
}

export interface PackageTypeEntry {
  code: string;
  name: string;
  status: UneceCodeStatus;
}

export interface IncotermEntry {
  code: string;
  name: string;
  /** "any": any mode of transport; "sea": sea and inland waterway transport only. */
  mode: "any" | "sea";
  /** Whether the seller must procure cargo insurance for the buyer's risk. */
  sellerInsures: boolean;
  /** Minimum cover the seller must buy when sellerInsures (Institute Cargo Clauses). */
  minimumCover?: "ICC (A)" | "ICC (C)";
  /** Where risk passes from seller to buyer. */
  riskTransfer: string;
}

export interface HsEntry {
  /** Two digits for a chapter, four for a heading. */
  code: string;
  level: 2 | 4;
  /** Roman-numeral section; on chapters only. */
  section?: string;
  description: string;
  /** Chapter 77 is reserved by the HS for possible future use. */
  reserved?: boolean;
}

export type LocodeFunction =
  | "port"
  | "rail_terminal"
  | "road_terminal"
  | "airport"
  | "postal_exchange"
  | "multimodal"
  | "fixed_transport"
  | "border_crossing";

export interface LocodeEntry {
  /** Five characters: ISO country code + three-character location code. */
  code: string;
  country: string;
  location: string;
  name: string;
  /** Name without diacritics, when it differs from name. */
  nameAscii?: string;
  subdivision?: string;
  functions: LocodeFunction[];
  /** The function column as published ("1--45---"). */
  functionCode: string;
  /** UN/LOCODE status, e.g. "AI", "AS", "RL", "QQ". */
  status: string;
  coordinates?: { lat: number; lon: number };
  iata?: string;
}
