import canonicalize from "canonicalize";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jcs } from "../../../src/util/jcs.js";

describe("RFC 8785 canonical JSON", () => {
  it("reproduces the RFC's examples (§3.2.2 numbers and strings, §3.2.3 key order)", () => {
    // RFC 8785 §3.2.2: the example input and its canonical output.
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    ) as unknown;
    expect(jcs(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
    // §3.2.3: keys sorted by UTF-16 code units.
    const sorting = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    ) as Record<string, string>;
    // (JSON.parse would put the integer-like key "1" first again, so read the order off the text.)
    const out = jcs(sorting);
    const order = Object.values(sorting).sort((a, b) => out.indexOf(a) - out.indexOf(b));
    expect(order).toEqual([
      "Carriage Return",
      "One",
      "Control",
      "Latin Small Letter O With Diaeresis",
      "Euro Sign",
      "Emoji: Grinning Face",
      "Hebrew Letter Dalet With Dagesh",
    ]);
  });

  it("agrees with the canonicalize package on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(jcs(v)).toBe(canonicalize(v));
      }),
      { numRuns: 2000, seed: 8785 },
    );
  });

  it("refuses what JSON cannot carry", () => {
    expect(() => jcs({ a: Number.NaN })).toThrow();
    expect(() => jcs([Infinity])).toThrow();
    expect(() => jcs("\ud800")).toThrow();
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expect(() => jcs(cyclic)).toThrow();
    expect(() => jcs(undefined)).toThrow();
  });
});
