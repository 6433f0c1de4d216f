import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeText, parseCsv } from "../../../scripts/codelists/csv.js";
import { importHs } from "../../../scripts/codelists/import-hs.js";
import { importLocode, parseCoordinates } from "../../../scripts/codelists/import-locode.js";
import { fromConvertedJson, MAJOR_LOCATIONS, mergeLocode } from "../../../scripts/codelists/merge-locode.js";
import { isLocode } from "../../../src/codelists/index.js";
import { ROOT } from "../../helpers/corpora.js";

const fixture = (name: string) => readFileSync(join(ROOT, "test/fixtures/codelists", name));

describe("parseCsv", () => {
  it("handles quoted commas, doubled quotes, CRLF and empty fields", () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n,"",x\n')).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["", "", "x"],
    ]);
  });
});

describe("decodeText", () => {
  it("reads UTF-8, and falls back to Latin-1 for the older UNECE files", () => {
    expect(decodeText(new TextEncoder().encode("Umeå"))).toBe("Umeå");
    expect(decodeText(Uint8Array.from([0x55, 0x6d, 0x65, 0xe5]))).toBe("Umeå");
  });
});

describe("import-hs on an excerpt of datasets/harmonized-system", () => {
  const { edition, entries } = importHs(fixture("harmonized-system-excerpt.csv").toString("utf8"));

  it("detects the edition from the TOTAL row", () => {
    expect(edition).toBe("HS 2022");
  });

  it("keeps chapters and headings, adds reserved 77, drops subheadings and chapter 99", () => {
    expect(entries.map((e) => e.code)).toEqual([
      "64",
      "6406",
      "77",
      "83",
      "8301",
      "84",
      "8471",
      "8485",
      "97",
      "9706",
    ]);
    expect(entries.find((e) => e.code === "84")).toEqual({
      code: "84",
      level: 2,
      section: "XVI",
      description: "Machinery and mechanical appliances, boilers, nuclear reactors; parts thereof",
    });
    expect(entries.find((e) => e.code === "77")).toMatchObject({ reserved: true, section: "XV" });
  });

  it("repairs the source's 'le.g.ings' without touching real abbreviations", () => {
    expect(entries.find((e) => e.code === "6406")?.description).toMatch(/gaiters, leggings and similar/);
    const animals = importHs(
      'section,hscode,description,parent,level\nI,01,"Animals (e.g. horses)",TOTAL,2\n',
    );
    expect(animals.entries[0]?.description).toBe("Animals (e.g. horses)");
  });

  it("rejects a file without the expected columns", () => {
    expect(() => importHs("code,text\n01,Animals\n")).toThrow(/lacks column 'section'/);
  });
});

describe("import-locode on an excerpt laid out as CodeListPart1.csv", () => {
  const text = decodeText(fixture("unlocode-CodeListPart1-excerpt.csv"));

  it("imports locations and skips headers, references and deletions", () => {
    const { entries, skipped } = importLocode([text]);
    expect(entries.map((e) => e.code)).toEqual([
      "AEAUH",
      "AEDXB",
      "AEJEA",
      "CNPVG",
      "CNSHA",
      "CNSHG",
      "CNSUW",
      "CNYDZ",
      "SEUME",
    ]);
    expect(skipped).toBe(5);
    expect(entries.find((e) => e.code === "AEAUH")).toEqual({
      code: "AEAUH",
      country: "AE",
      location: "AUH",
      name: "Abu Dhabi",
      subdivision: "AZ",
      functions: ["port", "road_terminal", "airport", "postal_exchange"],
      functionCode: "1-345---",
      status: "AI",
      coordinates: { lat: 24.466667, lon: 54.366667 },
    });
  });

  it("keeps the diacritics of a Latin-1 file and the plain name beside them", () => {
    const ume = importLocode([text]).entries.find((e) => e.code === "SEUME");
    expect(ume).toMatchObject({ name: "Umeå", nameAscii: "Umea" });
  });

  it("reads the border-crossing flag and entries without coordinates", () => {
    const { entries } = importLocode([text]);
    expect(entries.find((e) => e.code === "CNSUW")?.functions).toEqual(["port", "border_crossing"]);
    expect(entries.find((e) => e.code === "AEJEA")).not.toHaveProperty("coordinates");
  });

  it("filters by function and country", () => {
    const airports = importLocode([text], { functions: ["4"] }).entries.map((e) => e.code);
    expect(airports).toEqual(["AEAUH", "AEDXB", "CNPVG", "CNSHA", "SEUME"]);
    const cnPorts = importLocode([text], { functions: ["1"], countries: ["CN"] }).entries.map((e) => e.code);
    expect(cnPorts).toEqual(["CNSHG", "CNSUW"]);
  });
});

describe("parseCoordinates", () => {
  it("converts degrees and minutes, south and west negative", () => {
    expect(parseCoordinates("3114N 12129E")).toEqual({ lat: 31.233333, lon: 121.483333 });
    expect(parseCoordinates("2357S 04619W")).toEqual({ lat: -23.95, lon: -46.316667 });
    expect(parseCoordinates("")).toBeUndefined();
  });
});

describe("merge-locode", () => {
  const converted = JSON.stringify([
    {
      country: "GB",
      location: "FXT",
      name: "Felixstowe",
      subdivision: "SFK",
      functions: ["port"],
      status: "AF",
      coordinates: null,
    },
    {
      country: "DK",
      location: "CPH",
      name: "Kobenhavn",
      name_native: "København",
      subdivision: "84",
      functions: ["port", "rail_terminal", "road_terminal", "airport", "postal_exchange"],
      status: "AF",
      coordinates: { lat: 55.666667, lon: 12.583333 },
      exonyms: ["Copenhagen"],
    },
    {
      country: "IT",
      location: "VCE",
      name: "Venezia",
      subdivision: "",
      functions: ["border_crossing", "port", "airport"],
      status: "AI",
      coordinates: null,
    },
  ]);

  it("reads the converted release like a UNECE file", () => {
    const [fxt, cph, vce] = fromConvertedJson(converted);
    expect(fxt).toEqual({
      code: "GBFXT",
      country: "GB",
      location: "FXT",
      name: "Felixstowe",
      subdivision: "SFK",
      functions: ["port"],
      functionCode: "1-------",
      status: "AF",
    });
    expect(cph).toMatchObject({ name: "København", nameAscii: "Kobenhavn", functionCode: "12345---" });
    expect(cph).not.toHaveProperty("exonyms");
    expect(vce).toMatchObject({
      functions: ["port", "airport", "border_crossing"],
      functionCode: "1--4---B",
    });
    expect(vce).not.toHaveProperty("subdivision");
  });

  it("keeps the current entries, adds the selected ones and reports those the release lacks", () => {
    const release = fromConvertedJson(converted);
    const current = [{ ...release[1]!, name: "Copenhagen (kept as it was)" }];
    const { entries, added, missing } = mergeLocode(current, release, ["DKCPH", "GBFXT", "XXZZZ"]);
    expect(entries.map((e) => e.code)).toEqual(["DKCPH", "GBFXT"]);
    expect(entries[0]?.name).toBe("Copenhagen (kept as it was)");
    expect(added).toEqual(["GBFXT"]);
    expect(missing).toEqual(["XXZZZ"]);
  });

  it("has every selected location in the committed list", () => {
    expect(new Set(MAJOR_LOCATIONS).size).toBe(MAJOR_LOCATIONS.length);
    expect(MAJOR_LOCATIONS.filter((c) => !isLocode(c))).toEqual([]);
  });
});
