/**
 * Imports UN/LOCODE into schemas/codelists/unlocode.json.
 *
 * Input: the CSV files of a UNECE release ("2025-1 UNLOCODE CodeListPart1.csv", Part2, Part3),
 * no header row, columns Ch, Country, Location, Name, NameWoDiacritics, SubDiv, Function, Status,
 * Date, IATA, Coordinates, Remarks. Latin-1 and UTF-8 files are both accepted.
 *
 * Run: npx tsx scripts/codelists/import-locode.ts <CodeListPart1.csv> [Part2 ...] --version 2025-1
 *      [--functions 1,4] [--countries CN,SG] [--out file] [--retrieved-from text] [--date YYYY-MM-DD]
 *      [--selection "how the input rows were chosen, when the input is itself a subset"]
 */
import { readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CodeListFile, LocodeEntry, LocodeFunction } from "../../src/codelists/types.js";
import { projectRoot } from "../../src/util/root.js";
import { decodeText, parseCsv } from "./csv.js";
import { writeList } from "./write-list.js";

/** Position-coded function column: "1" port ... "7" fixed transport, "B" border crossing. */
const FUNCTIONS: Record<string, LocodeFunction> = {
  "1": "port",
  "2": "rail_terminal",
  "3": "road_terminal",
  "4": "airport",
  "5": "postal_exchange",
  "6": "multimodal",
  "7": "fixed_transport",
  B: "border_crossing",
};

/** "3114N 12129E" (degrees and minutes) to decimal degrees. */
export function parseCoordinates(text: string): { lat: number; lon: number } | undefined {
  const m = /^(\d{2})(\d{2})([NS])\s+(\d{3})(\d{2})([EW])$/.exec(text.trim());
  if (!m) return undefined;
  const deg = (d: string, min: string, neg: boolean): number =>
    Math.round((Number(d) + Number(min) / 60) * (neg ? -1e6 : 1e6)) / 1e6;
  return { lat: deg(m[1]!, m[2]!, m[3] === "S"), lon: deg(m[4]!, m[5]!, m[6] === "W") };
}

export interface LocodeFilter {
  /** Keep entries having at least one of these function digits ("1", "4", "B"...). */
  functions?: string[];
  countries?: string[];
}

export interface LocodeImport {
  entries: LocodeEntry[];
  /** Rows left out: country headers, "=" references and "X" entries marked for deletion. */
  skipped: number;
}

export function importLocode(texts: string[], filter: LocodeFilter = {}): LocodeImport {
  const entries: LocodeEntry[] = [];
  let skipped = 0;
  for (const text of texts) {
    for (const row of parseCsv(text)) {
      const [ch = "", country = "", location = "", name = "", nameAscii = "", subdivision = ""] = row;
      const [functionCode = "", status = "", , iata = "", coords = ""] = row.slice(6);
      if (!location || ch === "=" || ch === "X") {
        skipped++;
        continue;
      }
      const fnDigits = [...functionCode].filter((c) => c in FUNCTIONS);
      if (filter.functions && !filter.functions.some((f) => fnDigits.includes(f))) continue;
      if (filter.countries && !filter.countries.includes(country)) continue;
      const coordinates = parseCoordinates(coords);
      entries.push({
        code: country + location,
        country,
        location,
        name: name || nameAscii,
        ...(nameAscii && nameAscii !== name && { nameAscii }),
        ...(subdivision && { subdivision }),
        functions: fnDigits.map((c) => FUNCTIONS[c]!),
        functionCode,
        status,
        ...(coordinates && { coordinates }),
        ...(iata && { iata }),
      });
    }
  }
  entries.sort((a, b) => a.code.localeCompare(b.code));
  return { entries, skipped };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      version: { type: "string" },
      functions: { type: "string" },
      countries: { type: "string" },
      out: { type: "string" },
      "retrieved-from": { type: "string" },
      date: { type: "string" },
      selection: { type: "string" },
    },
  });
  if (positionals.length === 0 || !values.version) {
    throw new Error("usage: import-locode.ts <CodeListPart1.csv> [...] --version 2025-1 [--functions 1,4]");
  }
  const split = (s: string | undefined): string[] | undefined => s?.split(",").map((x) => x.trim());
  const filter: LocodeFilter = {
    ...(values.functions && { functions: split(values.functions) }),
    ...(values.countries && { countries: split(values.countries) }),
  };
  const { entries, skipped } = importLocode(
    positionals.map((p) => decodeText(readFileSync(p))),
    filter,
  );
  const selection = [
    filter.functions && `functions ${filter.functions.join(",")}`,
    filter.countries && `countries ${filter.countries.join(",")}`,
  ].filter(Boolean);
  const file: CodeListFile<LocodeEntry> = {
    list: "unlocode",
    title: "UN/LOCODE: United Nations Code for Trade and Transport Locations",
    source: {
      name: "UNECE UN/LOCODE",
      retrievedFrom: values["retrieved-from"] ?? positionals.map((p) => basename(p)).join(", "),
      url: "https://unece.org/trade/uncefact/unlocode",
    },
    version: values.version,
    date: values.date ?? values.version.slice(0, 4),
    licence: "UN/LOCODE is published by UNECE free of charge for use in trade and transport.",
    notes: [
      values.selection ??
        (selection.length > 0 ? `Selection: ${selection.join("; ")}.` : "Complete release."),
      "Left out: country header rows, '=' reference entries and entries marked 'X' for deletion.",
      "Coordinates are converted from degrees and minutes as published; they are not corrected.",
    ],
    entries,
  };
  const out = values.out ?? join(projectRoot(), "schemas/codelists/unlocode.json");
  await writeList(out, file);
  console.log(`${out}: ${entries.length} entries (${skipped} rows skipped)`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
