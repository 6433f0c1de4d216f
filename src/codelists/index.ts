/**
 * Code lists used to validate trade documents: ISO 3166-1 countries, ISO 4217 currencies,
 * UN/ECE Recommendations 20 and 21, Incoterms 2020, HS 2022 chapters and headings, UN/LOCODE.
 *
 * The JSON files in schemas/codelists/ are read synchronously on first use of each list and kept in
 * memory; lookups are Map hits. Reading files (rather than importing JSON) keeps the data out of
 * the compiled bundle and works the same from src/ (vitest, tsx) and dist/src/.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../util/root.js";
import type {
  CodeListFile,
  CountryEntry,
  CurrencyEntry,
  HsEntry,
  IncotermEntry,
  LocodeEntry,
  PackageTypeEntry,
  UnitEntry,
} from "./types.js";

export type * from "./types.js";

const FILES = {
  countries: "countries.json",
  currencies: "currencies.json",
  units: "rec20-units.json",
  packages: "rec21-packages.json",
  incoterms: "incoterms-2020.json",
  hs: "hs-2022.json",
  locodes: "unlocode.json",
} as const;

type ListName = keyof typeof FILES;

interface Loaded<E> {
  file: CodeListFile<E>;
  byCode: Map<string, E>;
}

const cache = new Map<ListName, Loaded<unknown>>();

function load<E>(name: ListName, key: (e: E) => string): Loaded<E> {
  const hit = cache.get(name);
  if (hit) return hit as Loaded<E>;
  const path = join(projectRoot(), "schemas", "codelists", FILES[name]);
  const file = JSON.parse(readFileSync(path, "utf8")) as CodeListFile<E>;
  if (!Array.isArray(file.entries) || !file.source || !file.version || !file.licence) {
    throw new Error(`${path} is not a code-list file (needs source, version, licence, entries)`);
  }
  const loaded: Loaded<E> = { file, byCode: new Map(file.entries.map((e) => [key(e), e])) };
  cache.set(name, loaded);
  return loaded;
}

const countries = () => load<CountryEntry>("countries", (e) => e.alpha2);
const currencies = () => load<CurrencyEntry>("currencies", (e) => e.code);
const units = () => load<UnitEntry>("units", (e) => e.code);
const packages = () => load<PackageTypeEntry>("packages", (e) => e.code);
const incoterms = () => load<IncotermEntry>("incoterms", (e) => e.code);
const hs = () => load<HsEntry>("hs", (e) => e.code);
const locodes = () => load<LocodeEntry>("locodes", (e) => e.code);

/** ISO 3166-1 alpha-2 code (upper case, as ISO writes it). */
export function isCountry(code: string): boolean {
  return countries().byCode.has(code);
}

export function country(code: string): CountryEntry | undefined {
  return countries().byCode.get(code);
}

export interface CurrencyCheck {
  valid: boolean;
  /** Why the code is not valid at the given date; absent when valid. */
  reason?: string;
  entry?: CurrencyEntry;
}

/** ISO 8601 calendar date of `at` in UTC, comparable with the list's YYYY-MM-DD strings. */
const isoDay = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * Whether an ISO 4217 code can be used for a document dated `at` (default: now). Withdrawn codes
 * stay in the list so that old documents validate and new ones get a precise reason.
 */
export function checkCurrency(code: string, at: Date = new Date()): CurrencyCheck {
  const entry = currencies().byCode.get(code);
  if (!entry) return { valid: false, reason: `${code} is not an ISO 4217 currency code` };
  const day = isoDay(at);
  if (entry.validFrom && day < entry.validFrom) {
    return { valid: false, reason: `${code} (${entry.name}) is valid only from ${entry.validFrom}`, entry };
  }
  if (entry.withdrawn && day >= entry.withdrawn) {
    const successor = entry.replacedBy ? `; replaced by ${entry.replacedBy}` : "";
    return {
      valid: false,
      reason: `${code} (${entry.name}) was withdrawn: not valid from ${entry.withdrawn}${successor}`,
      entry,
    };
  }
  return { valid: true, entry };
}

export function isCurrency(code: string, at?: Date): boolean {
  return checkCurrency(code, at).valid;
}

/**
 * Decimal places of an ISO 4217 currency: undefined for an unknown code, null where ISO 4217 says
 * "N.A." (gold, SDR, test codes), so callers skip the precision check rather than assume 0.
 */
export function currencyMinorUnits(code: string): number | null | undefined {
  return currencies().byCode.get(code)?.minorUnits;
}

/** Active UN/ECE Recommendation 20 unit code; deprecated and deleted codes are false. */
export function isUnit(code: string): boolean {
  return units().byCode.get(code)?.status === "active";
}

/** Any Rec 20 entry, including deprecated and deleted ones, to explain a rejection. */
export function unit(code: string): UnitEntry | undefined {
  return units().byCode.get(code);
}

/** Active UN/ECE Recommendation 21 package type code. */
export function isPackageType(code: string): boolean {
  return packages().byCode.get(code)?.status === "active";
}

export function packageType(code: string): PackageTypeEntry | undefined {
  return packages().byCode.get(code);
}

/**
 * EN 16931 unit of measure (BR-CL-23): an active Rec 20 code, or a Rec 21 code prefixed with "X"
 * (XPP = piece). BR-CL-23 lists every Rec 21 code, including the one Rec 21 marks deleted (SX).
 */
export function isEn16931UnitCode(code: string): boolean {
  if (isUnit(code)) return true;
  return code.length === 3 && code.startsWith("X") && packages().byCode.has(code.slice(1));
}

export function incoterm(code: string): IncotermEntry | undefined {
  return incoterms().byCode.get(code);
}

/** Digits of a commodity code written with or without dots and spaces ("8471.30", "8471 30"). */
const hsDigits = (code: string): string | undefined => {
  const digits = code.replace(/[.\s]/g, "");
  return /^\d+$/.test(digits) ? digits : undefined;
};

/** HS chapter of a commodity code of two or more digits ("84", "8471", "847130"). */
export function hsChapter(code: string): HsEntry | undefined {
  const digits = hsDigits(code);
  return digits && digits.length >= 2 ? hs().byCode.get(digits.slice(0, 2)) : undefined;
}

/** HS heading of a commodity code of four or more digits; undefined if the heading does not exist. */
export function hsHeading(code: string): HsEntry | undefined {
  const digits = hsDigits(code);
  return digits && digits.length >= 4 ? hs().byCode.get(digits.slice(0, 4)) : undefined;
}

/** UN/LOCODE, written "CNSHG" or "CN SHG". */
export function locode(code: string): LocodeEntry | undefined {
  return locodes().byCode.get(code.replace(/\s/g, "").toUpperCase());
}

export function isLocode(code: string): boolean {
  return locode(code) !== undefined;
}

export interface ListInfo {
  list: string;
  title: string;
  source: CodeListFile<unknown>["source"];
  version: string;
  date: string;
  licence: string;
  notes: string[];
  count: number;
}

/** Provenance of every list, for documentation and audit trails. */
export function listInfo(): ListInfo[] {
  const files: CodeListFile<unknown>[] = [
    countries().file,
    currencies().file,
    units().file,
    packages().file,
    incoterms().file,
    hs().file,
    locodes().file,
  ];
  return files.map((file) => ({
    list: file.list,
    title: file.title,
    source: file.source,
    version: file.version,
    date: file.date,
    licence: file.licence,
    notes: file.notes ?? [],
    count: file.entries.length,
  }));
}
