import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { identifierIssues, identifierProblem } from "../../../src/parties/identifiers.js";

/**
 * The register's scheme dispatch. The check-digit algorithms themselves are tested in
 * test/unit/identifiers/check-digits.test.ts (with their own substitution properties); here every
 * scheme is exercised through the function registration uses, on published examples.
 */
describe("identifiers as the register validates them", () => {
  const published: readonly [string, string, string][] = [
    // USCI, GB 32100-2015: as printed on the business licences and in the National Enterprise Credit
    // Information Publicity System (Huawei Technologies; Alibaba (China); Shenzhen Tencent Computer Systems).
    ["USCI", "914403001922038216", "NECIPS, Huawei Technologies Co., Ltd."],
    ["USCI", "91330100799655058B", "NECIPS, Alibaba (China) Co., Ltd."],
    ["USCI", "9144030071526726XG", "NECIPS, Shenzhen Tencent Computer Systems Co., Ltd."],
    // LEI, ISO 17442: GLEIF's LEI search (GLEIF itself, Deutsche Bank AG, Apple Inc.).
    ["LEI", "506700GE1G29325QX363", "GLEIF, Global Legal Entity Identifier Foundation"],
    ["LEI", "7LTWFZYICNSX8D621K86", "GLEIF, Deutsche Bank AG"],
    ["LEI", "HWUPKR0MPOU8FGXBT394", "GLEIF, Apple Inc."],
    // GLN, GS1 mod 10: GS1 General Specifications' example GLN, and GS1 Germany's own GLN.
    ["GLN", "5412345000013", "GS1 General Specifications"],
    ["GLN", "4000001000005", "GS1 Germany"],
    // BIC, ISO 9362: the SWIFT BIC directory (Deutsche Bank Frankfurt, Bank of China Beijing, ICBC Beijing).
    ["BIC", "DEUTDEFF", "SWIFT, Deutsche Bank AG Frankfurt"],
    ["BIC", "BKCHCNBJ", "SWIFT, Bank of China"],
    ["BIC", "ICBKCNBJ", "SWIFT, Industrial and Commercial Bank of China"],
    ["BIC", "DEUTDEFF500", "SWIFT, a branch code"],
    // EORI has no check digit: HMRC's published format example (GB + 12 digits from the VAT number,
    // "eg GB123456789000", HMRC EORI FAQ), the same number under Northern Ireland's XI prefix, and the
    // 17-character German form (DE + 15), Delegated Regulation (EU) 2015/2446 Annex B data element 3/2 (an..17).
    ["EORI", "GB123456789000", "HMRC EORI guidance"],
    ["EORI", "XI123456789000", "HMRC, Northern Ireland prefix"],
    ["EORI", "DE123456789012345", "Zoll, DE + 15 characters"],
    // China customs registration code (海关注册编码) has no check character either: 4-digit customs area,
    // economic-zone digit 1-9, enterprise type, 4-digit sequence (GACC registration rules); a hand-made
    // code of that structure for Ningbo (3302), zone 9 (other), type 6.
    ["CN-CUSTOMS", "3302961234", "hand-made, GACC structure"],
  ];
  it.each(published)("%s %s is valid (%s)", (scheme, value) => {
    expect(identifierProblem(scheme, value)).toBeUndefined();
  });

  const wrong: readonly [string, string, RegExp][] = [
    ["USCI", "91330100799655058C", /check character/],
    ["LEI", "506700GE1G29325QX336", /MOD 97-10/],
    ["GLN", "5412345000014", /mod 10/],
    ["BIC", "DEUTDEF", /ISO 9362/],
    ["EORI", "US123456789", /not issued by US/],
    ["EORI", "GB12345", /GB\/XI/],
    ["CN-CUSTOMS", "3302061234", /5th a digit 1-9/],
    ["DUNS", "12345678", /9 digits/],
    ["FOO", "1", /unknown scheme/],
  ];
  it.each(wrong)("%s %s is refused", (scheme, value, why) => {
    expect(identifierProblem(scheme, value)).toMatch(why);
  });

  it("lists every problem of a registration with its pointer, duplicates included", () => {
    const issues = identifierIssues([
      { scheme: "USCI", value: "91330100799655058B" },
      { scheme: "LEI", value: "506700GE1G29325QX336" },
      { scheme: "USCI", value: "91330100799655058B" },
    ]);
    expect(issues.map((i) => i.pointer)).toEqual(["/identifiers/1", "/identifiers/2"]);
    expect(issues[1]!.message).toMatch(/listed twice/);
  });

  /** One character of `valid` replaced by another of `alphabet`. */
  const substituted = (valid: string, alphabet: string) =>
    fc
      .record({ pos: fc.nat({ max: valid.length - 1 }), ch: fc.constantFrom(...alphabet) })
      .filter(({ pos, ch }) => valid[pos] !== ch)
      .map(({ pos, ch }) => valid.slice(0, pos) + ch + valid.slice(pos + 1));

  const LEI = "506700GE1G29325QX363";
  const LEI_DIGITS = [...LEI].flatMap((c, i) => (/[0-9]/.test(c) ? [i] : []));
  // The register refuses what the check digits catch: a USCI or GLN with any one character changed,
  // and an LEI with a digit changed to a digit (letter-for-digit swaps: see check-digits.test.ts).
  fcTest.prop([substituted("91330100799655058B", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")])(
    "registration refuses a USCI with one character substituted",
    (v) => {
      expect(identifierProblem("USCI", v)).toBeDefined();
    },
  );
  fcTest.prop([substituted("5412345000013", "0123456789")])(
    "registration refuses a GLN with one digit substituted",
    (v) => {
      expect(identifierProblem("GLN", v)).toBeDefined();
    },
  );
  fcTest.prop([
    fc
      .record({
        pos: fc.constantFrom(...LEI_DIGITS),
        d: fc.constantFrom(..."0123456789"),
      })
      .filter(({ pos, d }) => LEI[pos] !== d)
      .map(({ pos, d }) => LEI.slice(0, pos) + d + LEI.slice(pos + 1)),
  ])("registration refuses an LEI with one digit substituted", (v) => {
    expect(identifierProblem("LEI", v)).toBeDefined();
  });
});
