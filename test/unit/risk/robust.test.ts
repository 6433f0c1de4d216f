import { describe, expect, it } from "vitest";
import { observe } from "../../../src/risk/engine.js";
import { BIN_WIDTH, binOf, MIN_MAD, modifiedZ, robustOf } from "../../../src/risk/robust.js";
import { declaration, docs, invoice } from "./helpers.js";

describe("robust statistics on a log histogram", () => {
  it("puts values 2 % apart in neighbouring bins", () => {
    expect(binOf(102) - binOf(100)).toBe(1);
    expect(binOf(1)).toBe(0);
  });

  it("reads the median and MAD off the bins, to within a bin", () => {
    // 1, 2, 3, ..., 9 once each: median 5; the deviations |ln x − ln 5| have median ln 8 − ln 5.
    const r = robustOf(Array.from({ length: 9 }, (_, i) => ({ bin: binOf(i + 1), n: 1 })))!;
    expect(r.n).toBe(9);
    expect(Math.abs(Math.exp(r.medianLog) - 5)).toBeLessThan(5 * 0.02);
    expect(Math.abs(r.madLog - Math.log(8 / 5))).toBeLessThan(BIN_WIDTH * 2);
  });

  it("is not moved by a few wild values (the reason to use the median)", () => {
    const bins = [
      { bin: binOf(10), n: 30 },
      { bin: binOf(10_000), n: 5 },
    ];
    expect(Math.exp(robustOf(bins)!.medianLog)).toBeCloseTo(10, 0);
  });

  it("floors the MAD so identical prices do not make every change an outlier", () => {
    const r = robustOf([{ bin: binOf(4), n: 50 }])!;
    expect(r.madLog).toBe(MIN_MAD);
    expect(Math.abs(modifiedZ(4.2, r))).toBeLessThan(3.5); // 5 % dearer: normal
    expect(modifiedZ(6, r)).toBeGreaterThan(3.5); // 50 % dearer: an outlier
  });

  it("has no statistics without observations", () => {
    expect(robustOf([])).toBeUndefined();
  });
});

describe("what a submission adds to the statistics", () => {
  it("counts invoice lines, not the declaration built from the same goods", () => {
    const obs = observe(docs(invoice(), declaration()));
    expect(obs.map((o) => `${o.metric} ${o.heading} ${o.unit} ${o.currency}`)).toEqual([
      "unit-price 9617 C62 USD",
      "value-per-kg 9617 KGM USD",
      "unit-price 6911 C62 USD",
      "value-per-kg 6911 KGM USD",
    ]);
    expect(obs[0]!.bin).toBe(binOf(3.85));
    expect(obs[1]!.bin).toBe(binOf(18_480 / 1_920));
  });

  it("counts a declaration's goods items when it comes alone", () => {
    expect(observe(docs(declaration()))).toHaveLength(4);
  });
});
