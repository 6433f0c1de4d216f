/**
 * Generates schemas/codelists/countries.json (ISO 3166-1) from the installed i18n-iso-countries.
 * Run: npx tsx scripts/codelists/gen-countries.ts
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import countries from "i18n-iso-countries";
import type { LocaleData } from "i18n-iso-countries";
import type { CountryEntry } from "../../src/codelists/types.js";
import { projectRoot } from "../../src/util/root.js";
import { writeList } from "./write-list.js";

const require = createRequire(import.meta.url);
const pkgPath = require.resolve("i18n-iso-countries/package.json");
const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { version: string; license: string };
countries.registerLocale(
  JSON.parse(readFileSync(require.resolve("i18n-iso-countries/langs/en.json"), "utf8")) as LocaleData,
);

// XK (Kosovo) is a user-assigned code the package adds; ISO 3166-1 itself has 249 entries.
const NOT_ISO = new Set(["XK"]);

const names = countries.getNames("en", { select: "official" });
const entries: CountryEntry[] = Object.entries(countries.getAlpha2Codes())
  .filter(([alpha2]) => !NOT_ISO.has(alpha2))
  .map(([alpha2, alpha3]) => {
    const numeric = countries.alpha2ToNumeric(alpha2);
    const name = names[alpha2];
    if (!numeric || !name) throw new Error(`incomplete data for ${alpha2}`);
    return { alpha2, alpha3, numeric, name };
  })
  .sort((a, b) => a.alpha2.localeCompare(b.alpha2));

await writeList(join(projectRoot(), "schemas/codelists/countries.json"), {
  list: "countries",
  title: "ISO 3166-1 country codes (alpha-2, alpha-3, numeric)",
  source: {
    name: "ISO 3166-1",
    retrievedFrom: `npm i18n-iso-countries@${pkg.version}`,
    url: "https://www.iso.org/iso-3166-country-codes.html",
  },
  version: `i18n-iso-countries ${pkg.version}`,
  date: "2025-07-17",
  licence: `Codes: ISO 3166-1 (freely usable as identifiers). Data: i18n-iso-countries, ${pkg.license}.`,
  notes: [
    "XK (Kosovo) is excluded: it is a user-assigned code, not part of ISO 3166-1.",
    "Names are the package's English names (e.g. 'South Korea'), not the ISO short names.",
  ],
  entries,
});
console.log(`countries.json: ${entries.length} entries`);
