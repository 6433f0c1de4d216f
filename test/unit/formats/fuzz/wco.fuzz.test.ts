import fc from "fast-check";
import { describe, it } from "vitest";
import { readCorpus } from "../../../helpers/corpora.js";
import { FUZZ_RUNS, FUZZ_SEED, mutated, survives } from "./mutate.js";

const seeds = [
  "wco-customs-hmrc-cds/TT_EX039a/Example_Notifications/03_DMSACC.xml",
  "wco-customs-hmrc-cds/TT_EX052a/Step3_Cancellation.xml",
  "wco-customs-hmrc-cds/TT_EX001a/TT_EX001a.xml",
  "wco-customs-hmrc-cds/TT_IM016a/Example_Notifications/03_DMSDOC.xml",
].map((p) => readCorpus(p));

describe("fuzz: WCO DM", () => {
  it(`mutated WCO DM messages are read or refused with a problem (seed ${FUZZ_SEED}, ${FUZZ_RUNS} inputs)`, () => {
    fc.assert(fc.property(mutated(seeds), survives), { seed: FUZZ_SEED, numRuns: FUZZ_RUNS });
  });
});
