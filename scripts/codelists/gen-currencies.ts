/**
 * Generates schemas/codelists/currencies.json (ISO 4217) from ISO 4217 List One as shipped in the
 * installed currency-codes package, then applies schemas/codelists/currency-overrides.json for
 * changes published after that list.
 * Run: npx tsx scripts/codelists/gen-currencies.ts
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import type { CurrencyEntry, CurrencyOverridesFile } from "../../src/codelists/types.js";
import { projectRoot } from "../../src/util/root.js";
import { writeList } from "./write-list.js";

interface XmlEntry {
  CtryNm: string;
  CcyNm: string | { "#text": string };
  Ccy?: string;
  CcyNbr?: string;
  CcyMnrUnts?: string;
}

const require = createRequire(import.meta.url);
const pkgDir = join(require.resolve("currency-codes/package.json"), "..");
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as { version: string };
const root = projectRoot();

const xml = new XMLParser({
  ignoreAttributes: false,
  // Keep codes as text: numeric codes have meaningful leading zeros ("008").
  parseTagValue: false,
  isArray: (name) => name === "CcyNtry",
}).parse(readFileSync(join(pkgDir, "iso-4217-list-one.xml"), "utf8")) as {
  ISO_4217: { "@_Pblshd": string; CcyTbl: { CcyNtry: XmlEntry[] } };
};
const published = xml.ISO_4217["@_Pblshd"];

const byCode = new Map<string, CurrencyEntry>();
for (const e of xml.ISO_4217.CcyTbl.CcyNtry) {
  if (!e.Ccy || !e.CcyNbr) continue; // "No universal currency" rows (e.g. Antarctica)
  const name = typeof e.CcyNm === "string" ? e.CcyNm : e.CcyNm["#text"];
  const existing = byCode.get(e.Ccy);
  if (existing) {
    existing.countries.push(e.CtryNm);
    continue;
  }
  const units = e.CcyMnrUnts === undefined || e.CcyMnrUnts === "N.A." ? null : Number(e.CcyMnrUnts);
  byCode.set(e.Ccy, {
    code: e.Ccy,
    numeric: e.CcyNbr,
    minorUnits: units,
    name,
    countries: [e.CtryNm],
    status: "active",
  });
}

const overridesPath = join(root, "schemas/codelists/currency-overrides.json");
const { overrides } = JSON.parse(readFileSync(overridesPath, "utf8")) as CurrencyOverridesFile;
for (const o of overrides) {
  const basis = o.sources.join("; ");
  if (o.action === "add") {
    if (byCode.has(o.code)) throw new Error(`override adds ${o.code}, which the base list already has`);
    if (!o.numeric || o.minorUnits === undefined || !o.name || !o.countries) {
      throw new Error(`override for ${o.code} lacks numeric, minorUnits, name or countries`);
    }
    byCode.set(o.code, {
      code: o.code,
      numeric: o.numeric,
      minorUnits: o.minorUnits,
      name: o.name,
      countries: o.countries,
      status: o.withdrawn ? "historic" : "active",
      ...(o.validFrom && { validFrom: o.validFrom }),
      ...(o.withdrawn && { withdrawn: o.withdrawn }),
      ...(o.replacedBy && { replacedBy: o.replacedBy }),
      basis,
    });
  } else {
    const entry = byCode.get(o.code);
    if (!entry || !o.withdrawn) throw new Error(`cannot withdraw ${o.code}: unknown code or no date`);
    Object.assign(entry, {
      status: "historic",
      withdrawn: o.withdrawn,
      ...(o.replacedBy && { replacedBy: o.replacedBy }),
      basis,
    });
  }
}

const entries = [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
await writeList(join(root, "schemas/codelists/currencies.json"), {
  list: "currencies",
  title: "ISO 4217 currency codes with minor units",
  source: {
    name: "ISO 4217 List One (SIX, maintenance agency)",
    retrievedFrom: `npm currency-codes@${pkg.version} (iso-4217-list-one.xml), plus schemas/codelists/currency-overrides.json`,
    url: "https://www.six-group.com/en/products-services/financial-information/data-standards.html",
  },
  version: `List One ${published} + overrides`,
  date: published,
  licence: "Codes: ISO 4217 (freely usable as identifiers). Data: currency-codes, MIT.",
  notes: [
    "minorUnits is null where ISO 4217 publishes 'N.A.' (precious metals, SDR, testing and no-currency codes).",
    "Changes after the base list are in currency-overrides.json, each with its sources: XCG added, ANG and BGN withdrawn, HRK kept as historic.",
    "A historic code is valid before its 'withdrawn' date; XCG is valid from its 'validFrom' date.",
  ],
  entries,
});
console.log(`currencies.json: ${entries.length} entries`);
