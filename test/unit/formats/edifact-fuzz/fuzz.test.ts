import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mutated, seeds } from "./mutate.js";
import { survives, tally, type Outcome } from "./survives.js";

/** Issue 6's fuzz acceptance, UN/EDIFACT side: seed and count fixed, so a failure replays. */
const SEED = 6_2026_0615;
const RUNS = 10_000;

describe("fuzz: UN/EDIFACT messages through sniff → CONTRL → normalize", () => {
  it(`${RUNS} mutated interchanges are read or refused with a problem (seed ${SEED})`, () => {
    const list = seeds();
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(
        mutated(list),
        fc.constantFrom("application/edifact", "application/octet-stream", "text/plain"),
        (body, type) => {
          outcomes.push(survives(body, type));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    // Some mutations must still read (or the readers were never reached) and some be refused.
    expect(outcomes.some((o) => o.read > 0)).toBe(true);
    expect(outcomes.some((o) => o.code === "SWG_MALFORMED_EDIFACT")).toBe(true);
    process.stdout.write(
      `edifact fuzz (seed ${SEED}, ${RUNS} inputs, ${list.length} seeds): ${tally(outcomes)}\n`,
    );
  }, 240_000);
});
