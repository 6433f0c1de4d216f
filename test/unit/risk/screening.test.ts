import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nameTokens, skeleton } from "../../../src/risk/normalize.js";
import { levenshtein, tokenSetSimilarity } from "../../../src/risk/similarity.js";
import { parseCsv, Screener, watchlistFromCsv, watchlistFromJson } from "../../../src/risk/watchlist.js";
import { ROOT } from "../../helpers/corpora.js";

const read = (f: string) => readFileSync(join(ROOT, "test/fixtures/register", f), "utf8");

describe("name normalisation", () => {
  it("folds case, accents, width, punctuation and legal forms", () => {
    expect(nameTokens("Société Générale S.A.")).toEqual(["societe", "generale"]);
    expect(nameTokens("ＡＣＭＥ　Ｃｏ．，Ｌｔｄ．")).toEqual(["acme"]);
    expect(nameTokens("Hans Müller G.m.b.H. & Co. KG")).toEqual(["hans", "muller"]);
  });

  it("romanises Cyrillic and Greek", () => {
    expect(nameTokens("ООО Рособоронэкспорт")).toEqual(["rosoboroneksport"]);
    expect(nameTokens("Ωμέγα Ναυτιλιακή")).toEqual(["omega", "naytiliaki"]);
  });

  it("splits Chinese names into character pairs once the legal form is gone", () => {
    expect(nameTokens("宁波日升有限公司")).toEqual(["宁波", "波日", "日升"]);
  });

  it("keeps a name made only of filler words", () => {
    expect(nameTokens("Trading Co. Ltd")).toEqual(["trading", "co", "ltd"]);
  });

  it("gives transliteration variants one skeleton", () => {
    expect(skeleton("mueller")).toBe(skeleton("muller"));
    expect(skeleton("mohammed")).toBe(skeleton("muhammad"));
    expect(skeleton("rosoboronexport")).toBe(skeleton("rosoboroneksport"));
    expect(skeleton("sunrise")).not.toBe(skeleton("sunset"));
  });
});

describe("token-set similarity", () => {
  it("counts edits", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("", "abc")).toBe(3);
  });

  it("ignores word order and scores variants near 1", () => {
    expect(tokenSetSimilarity(["hans", "mueller"], ["muller", "hans"])).toBeCloseTo(0.975, 3);
    expect(tokenSetSimilarity(["sunrise", "houseware"], ["houseware", "sunrise"])).toBe(1);
  });

  it("lets a missing or extra word cost, so a shared word alone does not match", () => {
    expect(tokenSetSimilarity(["sunrise"], ["sunrise", "houseware"])).toBeCloseTo(2 / 3, 5);
    expect(tokenSetSimilarity(["blue", "lantern"], ["red", "dragon"])).toBe(0);
  });

  it("tolerates a typing error (edit ratio at least 0.8)", () => {
    expect(tokenSetSimilarity(["lantern"], ["lanterm"])).toBeCloseTo(6 / 7, 5);
    // A vowel slip keeps the skeleton: scored as a transliteration variant.
    expect(tokenSetSimilarity(["lantern"], ["lanturn"])).toBe(0.95);
  });
});

describe("restricted-party lists", () => {
  it("parses RFC 4180 CSV: quoted commas, doubled quotes, CRLF", () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n1,2,3\n')).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["1", "2", "3"],
    ]);
  });

  it("reads the CSV form: aliases and identifiers split on |", () => {
    const l = watchlistFromCsv(read("restricted-parties.csv"), "csv");
    expect(l.entries).toHaveLength(4);
    expect(l.entries[1]).toMatchObject({
      id: "RP-002",
      name: "Müller Hans, Handelsgesellschaft",
      aliases: ["Hans Mueller Trading"],
      identifiers: [{ scheme: "EORI", value: "DE123456789012345" }],
      country: "DE",
    });
  });

  it("reads the JSON form", () => {
    const l = watchlistFromJson(read("restricted-parties.json"), "json");
    expect(l.source).toMatch(/hand-made/);
    expect(l.entries.map((e) => e.id)).toEqual(["RP-001", "RP-004"]);
  });

  it("refuses a list it cannot read rather than screening against nothing", () => {
    expect(() => watchlistFromCsv("name\nAcme\n", "x.csv")).toThrow(/no id column/);
    expect(() => watchlistFromCsv("id,name,identifiers\n1,Acme,LEI\n", "x.csv")).toThrow(/SCHEME:VALUE/);
    expect(() => watchlistFromJson('{"entries": [{"id": 1}]}', "x.json")).toThrow(/id and name/);
  });

  const screener = new Screener(watchlistFromCsv(read("restricted-parties.csv"), "csv"), 0.88);

  it.each([
    ["Hans Mueller Trading GmbH", "RP-002"],
    ["Mueller Hans Handelsgesellschaft mbH", "RP-002"],
    ["Rosoboron Export", "RP-001"],
    ["宁波日升家居用品有限公司", "RP-003"],
    ["Ningbo Rising-Sun Homeware Co., Ltd.", "RP-003"],
  ])("matches %s to %s", (name, id) => {
    expect(screener.match(name)?.entry.id).toBe(id);
  });

  it.each(["Ningbo Sunrise Houseware Co., Ltd.", "Hans Schmidt GmbH", "Blue Ocean Shipping"])(
    "does not match %s",
    (name) => {
      expect(screener.match(name)).toBeUndefined();
    },
  );

  it("matches by identifier whatever the name", () => {
    expect(screener.match("Anything Ltd", [{ scheme: "EORI", value: "DE123456789012345" }])).toMatchObject({
      by: "identifier",
      score: 1,
    });
  });
});
