import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { survives, tally, type Outcome } from "../edifact-fuzz/survives.js";
import { mutated, seeds } from "./mutate.js";

/** Issue 6's fuzz acceptance, DCSA side: seed and count fixed, so a failure replays. */
const SEED = 6_2026_0616;
const RUNS = 10_000;

describe("fuzz: DCSA JSON through sniff → normalize", () => {
  it(`${RUNS} mutated DCSA messages are read or refused with a problem (seed ${SEED})`, () => {
    const list = seeds();
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(
        mutated(list),
        fc.constantFrom("application/json", "application/octet-stream"),
        (body, type) => {
          outcomes.push(survives(body, type));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    expect(outcomes.some((o) => o.read > 0)).toBe(true);
    expect(outcomes.some((o) => o.code === "SWG_VALIDATION_FAILED")).toBe(true);
    process.stdout.write(
      `dcsa fuzz (seed ${SEED}, ${RUNS} inputs, ${list.readable.length} + ${list.other.length} seeds): ${tally(outcomes)}\n`,
    );
  }, 240_000);
});
