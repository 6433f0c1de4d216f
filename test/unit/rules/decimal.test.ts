import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  decimalsOf,
  fx,
  halfUnitOf,
  parse,
  percentOf,
  show,
  withinHalfUnit,
} from "../../../src/pipeline/validate/rules/decimal.js";

describe("fixed-point decimals", () => {
  it("adds what float addition gets wrong", () => {
    expect(fx(0.1) + fx(0.2)).toBe(fx(0.3));
    expect(show(fx(1.005) * 3n)).toBe("3.015");
  });

  fcTest.prop([fc.integer({ min: -9_000_000_000, max: 9_000_000_000 }), fc.integer({ min: 0, max: 6 })])(
    "the fast path reads a number as its decimal form does",
    (units, decimals) => {
      const n = units / 10 ** decimals;
      expect(fx(n)).toBe(parse(n));
    },
  );

  it("reads exponent forms", () => {
    expect(show(fx(1e-7))).toBe("0.0000001");
    expect(show(fx(1.5e21))).toBe("1500000000000000000000");
  });

  it("rounds percentages half away from zero", () => {
    expect(show(percentOf(fx(556.47), fx(19)))).toBe("105.7293");
    expect(show(percentOf(fx(0.05), fx(10)))).toBe("0.005");
  });

  it("tolerates half a minor unit, not more", () => {
    expect(withinHalfUnit(fx(105.73), fx(105.7293), 2)).toBe(true);
    expect(withinHalfUnit(fx(105.73), fx(105.735), 2)).toBe(true);
    expect(withinHalfUnit(fx(105.73), fx(105.7351), 2)).toBe(false);
    expect(withinHalfUnit(fx(1000), fx(1000.4), 0)).toBe(true);
    expect(withinHalfUnit(fx(1000), fx(1000.6), 0)).toBe(false);
  });

  it("knows how many decimals a number was written with", () => {
    expect(decimalsOf(10)).toBe(0);
    expect(decimalsOf(10.001)).toBe(3);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(show(halfUnitOf(50.5))).toBe("0.05");
    expect(show(halfUnitOf(5920))).toBe("0.5");
  });
});
