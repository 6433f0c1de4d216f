/**
 * Imports the Harmonized System nomenclature into schemas/codelists/hs-2022.json (chapters and
 * four-digit headings).
 *
 * Input: the CSV published by github.com/datasets/harmonized-system (data/harmonized-system.csv,
 * itself built from the UN Comtrade HS classification), columns section,hscode,description,parent,level.
 *
 * Run: npx tsx scripts/codelists/import-hs.ts <harmonized-system.csv> [--out file] [--edition "HS 2022"]
 *      [--retrieved-from "<repository, path and commit>"] [--date YYYY-MM-DD]
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CodeListFile, HsEntry } from "../../src/codelists/types.js";
import { projectRoot } from "../../src/util/root.js";
import { parseCsv } from "./csv.js";
import { writeList } from "./write-list.js";

/** HS reserves chapter 77; the Comtrade-derived files simply omit it. */
const RESERVED_77: HsEntry = {
  code: "77",
  level: 2,
  section: "XV",
  description: "Reserved for possible future use in the Harmonized System",
  reserved: true,
};

/**
 * Known corruptions in the datasets repository's descriptions, where an abbreviation rewrite
 * landed inside a word (heading 6406 reads "gaiters, le.g.ings").
 */
const TYPOS: [RegExp, string][] = [[/\ble\.g\.ings\b/g, "leggings"]];

function cleanDescription(text: string): string {
  return TYPOS.reduce((t, [pattern, fix]) => t.replace(pattern, fix), text).trim();
}

export interface HsImport {
  edition: string | undefined;
  entries: HsEntry[];
}

export function importHs(csv: string): HsImport {
  const [header, ...rows] = parseCsv(csv);
  if (!header) throw new Error("empty HS file");
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`HS file lacks column '${name}' (has: ${header.join(", ")})`);
    return i;
  };
  const [cSection, cCode, cDesc, cLevel] = [col("section"), col("hscode"), col("description"), col("level")];

  let edition: string | undefined;
  const entries: HsEntry[] = [];
  for (const row of rows) {
    const code = row[cCode] ?? "";
    const description = cleanDescription(row[cDesc] ?? "");
    if (code === "TOTAL") {
      const year = /HS\s?(\d{4})/.exec(description)?.[1];
      if (year) edition = `HS ${year}`;
      continue;
    }
    // Chapter 99 ("commodities not specified according to kind") is a statistical code, not HS.
    if (code.startsWith("99")) continue;
    const level = row[cLevel];
    if (level === "2") entries.push({ code, level: 2, section: row[cSection] ?? "", description });
    else if (level === "4") entries.push({ code, level: 4, description });
  }
  if (!entries.some((e) => e.code === "77")) entries.push(RESERVED_77);
  entries.sort((a, b) => a.code.localeCompare(b.code));
  return { edition, entries };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: "string" },
      edition: { type: "string" },
      "retrieved-from": { type: "string" },
      date: { type: "string" },
    },
  });
  const input = positionals[0];
  if (!input) throw new Error("usage: import-hs.ts <harmonized-system.csv> [--out file] [--edition ...]");
  const { edition: found, entries } = importHs(readFileSync(input, "utf8"));
  const edition = values.edition ?? found;
  if (!edition) throw new Error("cannot tell the HS edition from the file; pass --edition");
  const file: CodeListFile<HsEntry> = {
    list: "hs",
    title: `Harmonized System ${edition.replace(/^HS /, "")}: chapters and headings`,
    source: {
      name: "WCO Harmonized Commodity Description and Coding System, descriptions as published by UN Comtrade",
      retrievedFrom: values["retrieved-from"] ?? resolve(input),
      url: "https://github.com/datasets/harmonized-system",
    },
    version: edition,
    date: values.date ?? "2022-01-01",
    licence:
      "HS codes: WCO nomenclature, used as identifiers. Descriptions: UN Comtrade via datasets/harmonized-system (ODC PDDL).",
    notes: [
      "Chapters (level 2) with their section, and four-digit headings (level 4); subheadings are not included.",
      "Chapter 77 is reserved by the HS and added as such; chapter 99 (statistical, not HS) is excluded.",
      "Descriptions are the UN Comtrade short texts, not the legal WCO heading texts.",
    ],
    entries,
  };
  const out = values.out ?? join(projectRoot(), "schemas/codelists/hs-2022.json");
  await writeList(out, file);
  const chapters = entries.filter((e) => e.level === 2).length;
  console.log(`${out}: ${edition}, ${chapters} chapters, ${entries.length - chapters} headings`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
