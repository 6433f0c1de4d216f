import { describe, expect, it } from "vitest";
import {
  checkCurrency,
  country,
  currencyMinorUnits,
  hsChapter,
  hsHeading,
  incoterm,
  isCountry,
  isCurrency,
  isEn16931UnitCode,
  isLocode,
  isPackageType,
  isUnit,
  listInfo,
  locode,
  packageType,
  unit,
} from "../../../src/codelists/index.js";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
const count = (list: string) => listInfo().find((l) => l.list === list)?.count;

describe("list sizes", () => {
  it("has every list with its provenance", () => {
    const lists = listInfo();
    expect(lists.map((l) => l.list)).toEqual([
      "countries",
      "currencies",
      "rec20-units",
      "rec21-packages",
      "incoterms-2020",
      "hs",
      "unlocode",
    ]);
    for (const l of lists) {
      expect(l.source.retrievedFrom, l.list).not.toBe("");
      expect(l.version, l.list).not.toBe("");
      expect(l.licence, l.list).not.toBe("");
      expect(l.count, l.list).toBeGreaterThan(0);
    }
  });

  it("matches the published sizes of the lists", () => {
    expect(count("countries")).toBe(249);
    expect(count("currencies")).toBe(181);
    expect(count("rec20-units")).toBe(2136);
    expect(count("rec21-packages")).toBe(406);
    expect(count("incoterms-2020")).toBe(11);
    expect(count("unlocode")).toBe(1007);
  });
});

describe("ISO 3166-1", () => {
  it("knows alpha-2 codes, not user-assigned or informal ones", () => {
    expect(isCountry("CN")).toBe(true);
    expect(country("CN")).toMatchObject({ alpha3: "CHN", numeric: "156" });
    expect(country("DE")?.alpha3).toBe("DEU");
    expect(isCountry("XK")).toBe(false);
    expect(isCountry("UK")).toBe(false);
    expect(isCountry("cn")).toBe(false);
  });
});

describe("ISO 4217", () => {
  it("accepts current codes", () => {
    expect(isCurrency("EUR")).toBe(true);
    expect(isCurrency("CNY")).toBe(true);
    expect(isCurrency("ZWG", day("2025-01-01"))).toBe(true);
  });

  it("XCG is valid from 2025-03-31 only", () => {
    expect(isCurrency("XCG", day("2025-04-01"))).toBe(true);
    const before = checkCurrency("XCG", day("2025-03-30"));
    expect(before.valid).toBe(false);
    expect(before.reason).toMatch(/valid only from 2025-03-31/);
  });

  it("ANG is valid until its withdrawal, then rejected with the successor", () => {
    expect(isCurrency("ANG", day("2025-06-30"))).toBe(true);
    const after = checkCurrency("ANG", day("2025-07-01"));
    expect(after.valid).toBe(false);
    expect(after.reason).toMatch(/withdrawn.*2025-07-01.*replaced by XCG/);
    expect(after.entry?.status).toBe("historic");
  });

  it("keeps BGN and HRK as historic codes", () => {
    expect(isCurrency("BGN", day("2025-12-31"))).toBe(true);
    expect(checkCurrency("BGN", day("2026-02-01")).reason).toMatch(/replaced by EUR/);
    expect(isCurrency("HRK", day("2022-12-31"))).toBe(true);
    expect(isCurrency("HRK", day("2023-01-15"))).toBe(false);
  });

  it("explains unknown codes", () => {
    expect(checkCurrency("ABC")).toEqual({ valid: false, reason: "ABC is not an ISO 4217 currency code" });
  });

  it("gives minor units, null where ISO says N.A.", () => {
    expect(currencyMinorUnits("EUR")).toBe(2);
    expect(currencyMinorUnits("JPY")).toBe(0);
    expect(currencyMinorUnits("BHD")).toBe(3);
    expect(currencyMinorUnits("XCG")).toBe(2);
    expect(currencyMinorUnits("XAU")).toBeNull();
    expect(currencyMinorUnits("ABC")).toBeUndefined();
  });
});

describe("UN/ECE Recommendation 20 and 21", () => {
  it("knows the common trade units", () => {
    for (const code of [
      "KGM",
      "GRM",
      "TNE",
      "LTR",
      "MTQ",
      "MTR",
      "MTK",
      "C62",
      "H87",
      "EA",
      "SET",
      "PR",
      "DZN",
    ]) {
      expect(isUnit(code), code).toBe(true);
    }
    expect(unit("KGM")).toMatchObject({ name: "kilogram", symbol: "kg" });
  });

  it("rejects codes that are not active Rec 20 units", () => {
    expect(unit("PCE")).toBeUndefined(); // common in legacy EDIFACT, never a Rec 20 code
    expect(isUnit("BX")).toBe(false); // "box" was deleted from Rec 20; it is a Rec 21 package code
    expect(unit("BX")?.status).toBe("deleted");
    expect(isUnit("NPR")).toBe(false);
    expect(unit("NPR")?.status).toBe("deprecated");
    expect(isUnit("kgm")).toBe(false);
  });

  it("knows Rec 21 package types separately", () => {
    for (const code of ["CT", "BX", "PK", "PL", "PX", "CS", "BG", "DR", "BL", "SH", "4G"]) {
      expect(isPackageType(code), code).toBe(true);
    }
    expect(packageType("CT")?.name).toBe("Carton");
    expect(isPackageType("KGM")).toBe(false);
    expect(isPackageType("SX")).toBe(false);
  });

  it("accepts EN 16931 unit codes: Rec 20, or X + any Rec 21 code", () => {
    expect(isEn16931UnitCode("C62")).toBe(true);
    expect(isEn16931UnitCode("XPP")).toBe(true);
    expect(isEn16931UnitCode("XSX")).toBe(true);
    expect(isEn16931UnitCode("XZZ")).toBe(true); // ZZ, mutually defined, is also a Rec 21 code
    expect(isEn16931UnitCode("X9Z")).toBe(false);
    expect(isEn16931UnitCode("PCE")).toBe(false);
  });
});

describe("Incoterms 2020", () => {
  it("has the 11 rules with mode and insurance duty", () => {
    expect(incoterm("CIF")).toMatchObject({ mode: "sea", sellerInsures: true, minimumCover: "ICC (C)" });
    expect(incoterm("CIP")).toMatchObject({ mode: "any", sellerInsures: true, minimumCover: "ICC (A)" });
    expect(incoterm("FOB")).toMatchObject({ mode: "sea", sellerInsures: false });
    expect(incoterm("DPU")?.mode).toBe("any");
    expect(incoterm("DAT")).toBeUndefined();
    const insuring = ["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"].filter(
      (c) => incoterm(c)?.sellerInsures,
    );
    expect(insuring).toEqual(["CIP", "CIF"]);
  });
});

describe("HS 2022", () => {
  it("has 97 chapters including reserved chapter 77", () => {
    const chapters = Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, "0"));
    expect(chapters.every((c) => hsChapter(c))).toBe(true);
    expect(hsChapter("77")?.reserved).toBe(true);
    expect(hsChapter("98")).toBeUndefined();
    expect(hsChapter("99")).toBeUndefined();
  });

  it("has every four-digit heading", () => {
    const headings = listInfo().find((l) => l.list === "hs")!.count - 97;
    expect(headings).toBe(1228);
  });

  it("finds chapter and heading of longer commodity codes", () => {
    expect(hsChapter("8471.30")).toMatchObject({ code: "84", section: "XVI" });
    expect(hsHeading("847130")?.description).toMatch(/^Automatic data processing machines/);
    expect(hsHeading("0901")?.description).toMatch(/^Coffee/);
    expect(hsHeading("8517")?.description).toMatch(/^Telephone sets/);
    expect(hsHeading("84")).toBeUndefined();
    expect(hsHeading("84x1")).toBeUndefined();
  });

  it("is the 2022 edition", () => {
    for (const added of ["2404", "3827", "8485", "8524", "8549", "8806"]) {
      expect(hsHeading(added), added).toBeDefined();
    }
    expect(hsHeading("8469")).toBeUndefined(); // typewriters, deleted in HS 2017
    expect(hsHeading("6406")?.description).toMatch(/leggings/);
  });
});

describe("UN/LOCODE", () => {
  it("knows major ports and airports", () => {
    expect(locode("CNSHG")).toMatchObject({ name: "Shanghai Pt", functions: ["port"] });
    // 2025-1 lists CNSHA as Hongqiao airport only; the port is CNSHG, the city CNSGH.
    expect(locode("CNSHA")).toMatchObject({
      name: "Shanghai Hongqiao International Apt",
      functions: ["airport"],
    });
    expect(locode("CNPVG")?.functions).toEqual(["airport"]);
    expect(locode("NLRTM")).toMatchObject({ name: "Rotterdam", subdivision: "ZH" });
    expect(locode("NLRTM")?.functions).toContain("port");
    expect(locode("SGSIN")?.functions).toEqual(["port", "airport", "postal_exchange"]);
    expect(locode("USLAX")?.functions).toEqual(expect.arrayContaining(["port", "airport"]));
    expect(locode("DEHAM")?.coordinates).toEqual({ lat: 53.516667, lon: 9.933333 });
  });

  it("normalises spacing and case, and rejects unknown codes", () => {
    expect(locode("cn shg")?.code).toBe("CNSHG");
    expect(isLocode("CNSHG")).toBe(true);
    expect(isLocode("XXXXX")).toBe(false);
  });

  it("knows the major ports of every continent", () => {
    expect(locode("BEANR")).toMatchObject({ name: "Antwerpen", subdivision: "VAN", status: "AI" });
    expect(locode("BEANR")?.functions).toContain("port");
    expect(locode("USNYC")).toMatchObject({ name: "New York", subdivision: "NY", functionCode: "12345---" });
    expect(locode("JPTYO")).toMatchObject({ name: "Tokyo", subdivision: "13", status: "AF" });
    expect(locode("KRPUS")).toMatchObject({ name: "Busan", functionCode: "1234567-" });
    expect(locode("AEJEA")).toMatchObject({ name: "Jebel Ali", functions: ["port"] });
    expect(locode("BRSSZ")).toMatchObject({ name: "Santos", subdivision: "SP", functionCode: "123--6--" });
    expect(locode("ZADUR")).toMatchObject({ name: "Durban", subdivision: "KZN" });
    expect(locode("INNSA")).toMatchObject({ name: "Nhava Sheva (Jawaharlal Nehru)", functions: ["port"] });
    expect(locode("MAPTM")).toMatchObject({
      name: "Tanger Med",
      functions: ["port", "rail_terminal", "road_terminal"],
    });
    expect(locode("MXZLO")?.coordinates).toEqual({ lat: 19.05, lon: -104.3 });
    expect(locode("AUSYD")).toMatchObject({ name: "Sydney", status: "AC" });
    expect(locode("THLCH")).toMatchObject({ name: "Laem Chabang", functions: ["port", "road_terminal"] });
  });

  it("knows the major cargo and passenger airports", () => {
    expect(locode("USATL")).toMatchObject({ name: "Atlanta", functions: ["airport", "postal_exchange"] });
    expect(locode("GBLHR")).toMatchObject({ name: "Heathrow Apt/London", functions: ["airport"] });
    expect(locode("AEDXB")?.functions).toContain("airport");
    expect(locode("HKHKG")).toMatchObject({
      name: "Hong Kong",
      functions: ["port", "airport", "postal_exchange"],
    });
    expect(locode("DEFRA")).toMatchObject({ name: "Frankfurt am Main", subdivision: "HE" });
    expect(locode("NLAMS")?.functions).toContain("airport");
    expect(locode("SGSIN")?.functions).toContain("airport");
    expect(locode("USANC")?.functions).toEqual(["port", "airport", "postal_exchange"]);
  });

  it("keeps published names with diacritics and the plain name beside them", () => {
    expect(locode("DKCPH")).toMatchObject({ name: "København", nameAscii: "Kobenhavn" });
    expect(locode("DECGN")).toMatchObject({ name: "Köln", nameAscii: "Koln" });
    expect(locode("PAPTY")).toMatchObject({ name: "Panamá, Ciudad de", iata: "PAC" });
  });

  it("includes the Chinese ports of entry and border crossings", () => {
    expect(locode("CNYTN")?.name).toBe("Yantian Pt");
    expect(locode("CNSUW")?.functions).toEqual(["port", "border_crossing"]);
    expect(locode("CNAKL")?.name).toBe("Alatawshankou");
    expect(locode("CNERC")?.name).toBe("Erlianhaote");
  });
});
