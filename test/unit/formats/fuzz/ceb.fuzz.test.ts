import fc from "fast-check";
import { describe, it } from "vitest";
import { readCorpus } from "../../../helpers/corpora.js";
import { FUZZ_RUNS, FUZZ_SEED, mutated, survives } from "./mutate.js";

const seeds = [
  "china-customs-ceb-xml/samples-202205/export/CEB304Message.xml",
  "china-customs-ceb-xml/samples-202205/export/CEB404Message.xml",
].map((p) => readCorpus(p));

describe("fuzz: CEB", () => {
  it(`mutated CEB messages are read or refused with a problem (seed ${FUZZ_SEED}, ${FUZZ_RUNS} inputs)`, () => {
    fc.assert(fc.property(mutated(seeds), survives), { seed: FUZZ_SEED, numRuns: FUZZ_RUNS });
  });
});
