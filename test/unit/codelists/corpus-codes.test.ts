import { describe, expect, it } from "vitest";
import { isEn16931UnitCode, isPackageType, isUnit } from "../../../src/codelists/index.js";
import { listCorpus, readCorpus } from "../../helpers/corpora.js";

/** Every unit-code attribute (UBL unitCode, CII unitCode, WCO quantity units) with the file it is in. */
function unitCodes(corpus: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of listCorpus(corpus).filter((f) => f.endsWith(".xml"))) {
    for (const m of readCorpus(file)
      .toString("utf8")
      .matchAll(/\bunitCode="([^"]*)"/g)) {
      const code = m[1]!;
      found.set(code, [...(found.get(code) ?? []), file]);
    }
  }
  return found;
}

const invoiceCorpora = ["en16931-einvoicing", "xrechnung-testsuite"];
const available = invoiceCorpora.every((c) => listCorpus(c).length > 0);

describe.skipIf(!available)("unit codes in the EN 16931 and XRechnung invoice corpora", () => {
  it("are all valid EN 16931 unit codes (Rec 20, or X + Rec 21)", () => {
    for (const corpus of invoiceCorpora) {
      const codes = unitCodes(corpus);
      expect(codes.size, corpus).toBeGreaterThan(10);
      const unknown = [...codes.keys()].filter((c) => !isEn16931UnitCode(c));
      expect(unknown, corpus).toEqual([]);
    }
  });

  it("use package codes as units only with the X prefix", () => {
    const codes = [...unitCodes("xrechnung-testsuite").keys(), ...unitCodes("en16931-einvoicing").keys()];
    expect(codes.filter((c) => !isUnit(c)).sort()).toEqual(["XDR", "XPP"]);
  });
});

describe.skipIf(listCorpus("oasis-ubl-examples").length === 0)("codes in the OASIS UBL examples", () => {
  it("are Rec 20 units except KG (a deleted Rec 20 code for 'keg', used there for kilogram)", () => {
    const codes = unitCodes("oasis-ubl-examples");
    const unknown = [...codes.keys()].filter((c) => !isUnit(c));
    expect(unknown).toEqual(["KG"]);
    expect(codes.get("KG")?.every((f) => f.startsWith("oasis-ubl-examples/val/order-test-"))).toBe(true);
  });

  it("use Rec 21 package type codes", () => {
    const codes = listCorpus("oasis-ubl-examples")
      .filter((f) => f.endsWith(".xml"))
      .flatMap((f) => [
        ...readCorpus(f)
          .toString("utf8")
          .matchAll(/<cbc:PackagingTypeCode>([^<]*)</g),
      ])
      .map((m) => m[1]!);
    expect(new Set(codes)).toEqual(new Set(["CS", "CT", "PL", "PX"]));
    expect(codes.every(isPackageType)).toBe(true);
  });
});

describe.skipIf(listCorpus("wco-customs-hmrc-cds").length === 0)("units in the HMRC CDS samples", () => {
  it("mix Rec 20 with CDS conventions that are not Rec 20 codes", () => {
    const codes = unitCodes("wco-customs-hmrc-cds");
    // KGM#G: CDS "unit#qualifier" (gross mass); GBP and ASV on SpecificTaxBaseQuantity are
    // CDS tax-base units (Rec 20 has ASU for alcoholic strength by volume, nothing for GBP).
    expect([...codes.keys()].filter((c) => !isUnit(c)).sort()).toEqual(["ASV", "GBP", "KGM#G"]);
  });
});

describe.skipIf(listCorpus("dcsa-ebl-booking-json").length === 0)("DCSA booking package codes", () => {
  it("are Rec 21 codes except 2Q", () => {
    const codes = listCorpus("dcsa-ebl-booking-json")
      .filter((f) => f.endsWith(".json"))
      .flatMap((f) => [
        ...readCorpus(f)
          .toString("utf8")
          .matchAll(/"packageCode"\s*:\s*"([^"]*)"/g),
      ])
      .map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(0);
    expect([...new Set(codes.filter((c) => !isPackageType(c)))]).toEqual(["2Q"]);
  });
});
