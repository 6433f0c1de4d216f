import fc from "fast-check";
import { describe, it } from "vitest";
import { readCorpus } from "../../../helpers/corpora.js";
import { FUZZ_RUNS, FUZZ_SEED, mutated, survives } from "./mutate.js";

const seeds = [
  "en16931-einvoicing/cii-examples/CII_business_example_Z.xml",
  "xrechnung-testsuite/business-cases/standard/01.14a-INVOICE_uncefact.xml",
].map((p) => readCorpus(p));

describe("fuzz: CII", () => {
  it(`mutated CII messages are read or refused with a problem (seed ${FUZZ_SEED}, ${FUZZ_RUNS} inputs)`, () => {
    fc.assert(fc.property(mutated(seeds), survives), { seed: FUZZ_SEED, numRuns: FUZZ_RUNS });
  });
});
