import fc from "fast-check";
import { describe, it } from "vitest";
import { readCorpus } from "../../../helpers/corpora.js";
import { FUZZ_RUNS, FUZZ_SEED, mutated, survives } from "./mutate.js";

const seeds = [
  "en16931-einvoicing/test-testfiles/Invoice-Min_content_with_VAT.xml",
  "en16931-einvoicing/test-testfiles/CreditNote-Min_content_with_VAT.xml",
  "oasis-ubl-examples/UBL-DespatchAdvice-2.0-Example.xml",
  "oasis-ubl-examples/MyTransportationStatus.xml",
].map((p) => readCorpus(p));

describe("fuzz: UBL", () => {
  it(`mutated UBL documents are read or refused with a problem (seed ${FUZZ_SEED}, ${FUZZ_RUNS} inputs)`, () => {
    fc.assert(fc.property(mutated(seeds), survives), { seed: FUZZ_SEED, numRuns: FUZZ_RUNS });
  });
});
