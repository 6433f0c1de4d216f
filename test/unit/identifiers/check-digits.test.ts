import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  eoriProblem,
  gs1CheckDigit,
  isChinaCustomsCode,
  isContainerNumber,
  isEori,
  isGln,
  isImoNumber,
  isLei,
  isUsci,
  iso6346CheckDigit,
  leiCheckDigits,
  parseBic,
  usciCheckCharacter,
} from "../../../src/pipeline/validate/identifiers/index.js";

describe("ISO 6346 container numbers", () => {
  it("accepts published numbers", () => {
    // CSQU 305438 3: the worked example of ISO 6346 Annex A (also on the BIC's check digit calculator page).
    expect(isContainerNumber("CSQU3054383")).toBe(true);
    expect(iso6346CheckDigit("CSQU305438")).toBe(3);
  });
  it("rejects a wrong check digit, a bad category and a short serial", () => {
    expect(isContainerNumber("CSQU3054384")).toBe(false);
    expect(isContainerNumber("CSQX3054383")).toBe(false);
    expect(isContainerNumber("CSQU305438")).toBe(false);
  });
  it("skips letter values that are multiples of 11 (B=12, L=23, V=34)", () => {
    // BICU 123456 5: the Bureau International des Containers' own example; B and U exercise the skips.
    expect(isContainerNumber("BICU1234565")).toBe(true);
    expect(iso6346CheckDigit("bicU123456")).toBe(-1);
  });
});

describe("LEI (ISO 17442, MOD 97-10)", () => {
  // From the GLEIF LEI search: GLEIF itself, Deutsche Bank AG, Apple Inc.
  const published = ["506700GE1G29325QX363", "7LTWFZYICNSX8D621K86", "HWUPKR0MPOU8FGXBT394"];
  it.each(published)("accepts %s", (lei) => expect(isLei(lei)).toBe(true));
  it("computes the check digits", () => expect(leiCheckDigits("506700GE1G29325QX3")).toBe("63"));
  it("rejects transposed and lowercase values", () => {
    expect(isLei("506700GE1G29325QX336")).toBe(false);
    expect(isLei("506700ge1g29325qx363")).toBe(false);
  });
});

describe("USCI (GB 32100-2015)", () => {
  // As printed on the companies' business licences and published in the National Enterprise Credit
  // Information Publicity System: Huawei Technologies Co., Ltd.; Alibaba (China) Co., Ltd.;
  // Shenzhen Tencent Computer Systems Co., Ltd.
  const published = ["914403001922038216", "91330100799655058B", "9144030071526726XG"];
  it.each(published)("accepts %s", (v) => expect(isUsci(v)).toBe(true));
  it("computes the check character", () => expect(usciCheckCharacter("91330100799655058")).toBe("B"));
  it("rejects letters outside the alphabet (I, O, S, V, Z)", () => {
    expect(isUsci("91330100799655058O")).toBe(false);
    expect(isUsci("9133010079965505IB")).toBe(false);
  });
});

describe("GLN (GS1 mod 10)", () => {
  // 5412345000013: the GLN of GS1's documentation examples (GS1 General Specifications, GLN allocation).
  // 4000001000005: GS1 Germany's own GLN.
  it.each(["5412345000013", "4000001000005"])("accepts %s", (v) => expect(isGln(v)).toBe(true));
  it("computes the check digit", () => expect(gs1CheckDigit("541234500001")).toBe(3));
  it("rejects a wrong check digit and a wrong length", () => {
    expect(isGln("5412345000014")).toBe(false);
    expect(isGln("541234500001")).toBe(false);
  });
});

describe("IMO ship numbers", () => {
  // 9074729: the example of IMO Resolution A.1117(30) Annex; 9811000: EVER GIVEN (Equasis / IMO GISIS).
  it.each(["9074729", "IMO 9074729", "9811000"])("accepts %s", (v) => expect(isImoNumber(v)).toBe(true));
  it("rejects a wrong check digit", () => expect(isImoNumber("9074728")).toBe(false));
});

describe("BIC (ISO 9362)", () => {
  // Deutsche Bank Frankfurt and Bank of China head office, as published in the SWIFT BIC directory.
  it("parses 8- and 11-character BICs", () => {
    expect(parseBic("DEUTDEFF")).toEqual({ party: "DEUT", country: "DE", suffix: "FF" });
    expect(parseBic("BKCHCNBJ300")).toEqual({ party: "BKCH", country: "CN", suffix: "BJ", branch: "300" });
  });
  it("rejects other lengths and lowercase", () => {
    expect(parseBic("DEUTDEF")).toBeUndefined();
    expect(parseBic("DEUTDEFF5")).toBeUndefined();
    expect(parseBic("deutdeff")).toBeUndefined();
  });
});

describe("EORI", () => {
  it("accepts EU and UK shapes", () => {
    expect(isEori("DE1234567")).toBe(true);
    expect(isEori("GB123456789000")).toBe(true);
    expect(isEori("XI123456789000")).toBe(true);
  });
  it("names the problem", () => {
    expect(eoriProblem("GB12345")).toBe("format");
    expect(eoriProblem("US123456789")).toBe("issuer");
    expect(eoriProblem("DE")).toBe("format");
  });
});

describe("China customs registration code", () => {
  it("accepts the 10-character structure", () => expect(isChinaCustomsCode("4403961234")).toBe(true));
  it("rejects other lengths and a zero economic-zone digit", () => {
    expect(isChinaCustomsCode("440396123")).toBe(false);
    expect(isChinaCustomsCode("4403061234")).toBe(false);
  });
});

/** Every string obtained by replacing one character of `valid` with another from `alphabet`. */
function substitution(valid: string, alphabet: string) {
  return fc
    .record({ pos: fc.nat({ max: valid.length - 1 }), ch: fc.constantFrom(...alphabet) })
    .filter(({ pos, ch }) => valid[pos] !== ch)
    .map(({ pos, ch }) => valid.slice(0, pos) + ch + valid.slice(pos + 1));
}

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

const DIGITS = "0123456789";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LEI = "506700GE1G29325QX363";

/** Substitutions at the positions of `valid` holding a character of `cls`, by another character of `cls`. */
function sameClassSubstitution(valid: string, cls: string) {
  const positions = [...valid].flatMap((c, i) => (cls.includes(c) ? [i] : []));
  return fc
    .record({ pos: fc.constantFrom(...positions), ch: fc.constantFrom(...cls) })
    .filter(({ pos, ch }) => valid[pos] !== ch)
    .map(({ pos, ch }) => valid.slice(0, pos) + ch + valid.slice(pos + 1));
}

describe("single-character substitutions are caught", () => {
  fcTest.prop([substitution("91330100799655058B", ALNUM)])("USCI: any character for any other", (v) => {
    expect(isUsci(v)).toBe(false);
  });
  fcTest.prop([substitution("5412345000013", DIGITS)])("GLN: any digit for any other", (v) => {
    expect(isGln(v)).toBe(false);
  });
  fcTest.prop([sameClassSubstitution(LEI, DIGITS)])("LEI: a digit for another digit", (v) => {
    expect(isLei(v)).toBe(false);
  });
  fcTest.prop([sameClassSubstitution(LEI, LETTERS)])("LEI: a letter for another letter", (v) => {
    expect(isLei(v)).toBe(false);
  });
  it("LEI: MOD 97-10 lets about 1 % of letter-for-digit substitutions through, as ISO/IEC 7064 defines it", () => {
    // A letter counts as two digits, so swapping a digit for a letter shifts the number: these five of
    // the 684 single-character variants of GLEIF's LEI still verify. Registries catch them by lookup.
    const collisions = [];
    for (let i = 0; i < 18; i++) {
      for (const c of ALNUM) {
        const v = LEI.slice(0, i) + c + LEI.slice(i + 1);
        if (c !== LEI[i] && isLei(v)) collisions.push(v);
      }
    }
    expect(collisions).toEqual([
      "5Z6700GE1G29325QX363",
      "506700G51G29325QX363",
      "506700GETG29325QX363",
      "506700GE1G29L25QX363",
      "506700GE1G29325QXM63",
    ]);
    for (const v of collisions) {
      const i = [...v].findIndex((c, k) => c !== LEI[k]);
      expect(LETTERS.includes(v[i]!)).not.toBe(LETTERS.includes(LEI[i]!));
    }
  });
});
