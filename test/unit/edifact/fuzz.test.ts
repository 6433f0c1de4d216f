import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  acknowledge,
  parseEdifact,
  SYNTAX_ERRORS,
  toProblemError,
  type ParseLimits,
  type ParseResult,
  type Segment,
} from "../../../src/formats/edifact/index.js";
import { readCorpus } from "../../helpers/corpora.js";

/**
 * 10,000 mutated interchanges (byte flips, truncation, inserted separators and service segments,
 * deletions, duplications) from a fixed seed: the parser never throws, finishes quickly, keeps within
 * its limits, and every problem it reports is well formed; CONTRL and problem+json can be built from
 * whatever it returns.
 */
const SEED = 9735;
const RUNS = 10_000;

const BASES = [
  readCorpus("unedifact-samples", "edifabric-mit-2018", "Edifact_INVOIC_D00A_MultipleGroups.txt"),
  readCorpus("unedifact-samples", "edifabric-mit-2018", "Edifact_INVOIC_D00A_MultipleInterchange.txt"),
  readCorpus("unedifact-samples", "edifabric-mit-2018", "Edifact_INVOIC_D00A_BOM.txt"),
  readCorpus("unedifact-samples", "edifabric-mit-2018", "Edifact_INVOIC_D00A_EscapedSegmentTerminator.txt"),
  readCorpus("unedifact-samples", "php-edifact", "example_release_character.edi"),
  readCorpus("unedifact-samples", "php-edifact", "example_wrapped.edi"),
  readCorpus("unedifact-samples", "smooks-unedifact", "PAXLST_message_01.edi"),
  readCorpus("unedifact-samples", "apimeister", "d95b_coprar.edi"),
  readCorpus("en16931-einvoicing", "edifact-examples", "EDIFACT_EXAMPLE0.TXT"),
];

const FRAGMENTS = [
  ":",
  "+",
  "'",
  "?",
  "*",
  ".",
  "?'",
  "''",
  "??",
  "\r\n",
  "\n",
  " ",
  "\u00ef\u00bb\u00bf",
  "\u0000",
  "UNA:+.? '",
  "UNA|",
  "UNA:+.?*'",
  "UNB+UNOC:4+X+Y+20240101:0000+9'",
  "UNB+UNOB:1+A+B",
  "UNG+X+A+B+240101:0000+1+UN+D:96A'",
  "UNH+1+X:D:96A:UN'",
  "UNH++'",
  "UNT+1+1'",
  "UNT+x+'",
  "UNE+1+1'",
  "UNZ+1+1'",
  "UNZ'",
];

type Op =
  | { kind: "flip"; at: number; byte: number }
  | { kind: "truncate"; at: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "duplicate"; at: number; length: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom(...FRAGMENTS) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 200 }),
  }),
);

function mutate(base: Buffer, ops: readonly Op[]): Buffer {
  let b = base;
  for (const o of ops) {
    const at = b.length === 0 ? 0 : o.at % b.length;
    switch (o.kind) {
      case "flip":
        b = Buffer.from(b);
        if (b.length > 0) b[at] = o.byte;
        break;
      case "truncate":
        b = b.subarray(0, at);
        break;
      case "insert":
        b = Buffer.concat([b.subarray(0, at), Buffer.from(o.text, "latin1"), b.subarray(at)]);
        break;
      case "delete":
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + o.length)]);
        break;
      case "duplicate":
        b = Buffer.concat([b.subarray(0, at + o.length), b.subarray(at)]);
        break;
    }
  }
  return b;
}

const TIGHT: Partial<ParseLimits> = {
  maxBytes: 12_000,
  maxSegments: 60,
  maxElementsPerSegment: 12,
  maxComponentsPerElement: 6,
  maxRepetitions: 3,
  maxComponentLength: 64,
};

function allSegments(r: ParseResult): Segment[] {
  return [...r.interchanges.flatMap((i) => i.messages), ...r.strayMessages].flatMap((m) => m.segments);
}

/** What is wrong with a result, as text; plain checks, since thousands of `expect` calls per run are slow. */
function violations(r: ParseResult, input: Buffer, limits: Partial<ParseLimits> | undefined): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) out.push(what);
  };
  for (const p of r.problems) {
    check(
      SYNTAX_ERRORS[p.code] !== undefined && p.text.length > 0,
      `problem ${p.code} is not in code list 0085`,
    );
    if (p.interchangeIndex !== undefined) {
      const ic = r.interchanges[p.interchangeIndex];
      check(ic !== undefined, "problem names a missing interchange");
      check(
        p.groupIndex === undefined || ic?.groups[p.groupIndex] !== undefined,
        "problem names a missing group",
      );
      check(
        p.messageIndex === undefined || ic?.messages[p.messageIndex] !== undefined,
        "problem names a missing message",
      );
    } else {
      check(
        p.messageIndex === undefined || r.strayMessages[p.messageIndex] !== undefined,
        "problem names a missing stray message",
      );
    }
    check(p.segment === undefined || p.segment.offset <= input.length, "problem points past the input");
  }
  if (!limits) return out;
  if (input.length > limits.maxBytes!) {
    check(
      r.interchanges.length === 0 && r.problems.length === 1 && r.problems[0]!.limit === "maxBytes",
      "maxBytes not enforced",
    );
    return out;
  }
  for (const s of allSegments(r)) {
    const more = Object.values(s.repeats ?? {});
    check(s.position.number <= limits.maxSegments!, "maxSegments exceeded");
    check(s.elements.length <= limits.maxElementsPerSegment!, "maxElementsPerSegment exceeded");
    check(
      [...s.elements, ...more.flat()].every((e) => e.length <= limits.maxComponentsPerElement!),
      "maxComponentsPerElement exceeded",
    );
    check(
      more.every((m) => m.length < limits.maxRepetitions!),
      "maxRepetitions exceeded",
    );
  }
  return out;
}

describe("EDIFACT fuzz", () => {
  it(`survives ${RUNS} mutated interchanges (seed ${SEED})`, () => {
    let slowest = 0;
    let withProblems = 0;
    const preparedAt = new Date(Date.UTC(2024, 0, 1));
    fc.assert(
      fc.property(
        fc.nat({ max: BASES.length - 1 }),
        fc.array(op, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (base, ops, tight) => {
          const input = mutate(BASES[base]!, ops);
          const limits = tight ? TIGHT : undefined;
          const started = performance.now();
          const r = parseEdifact(input, limits ? { limits } : {});
          slowest = Math.max(slowest, performance.now() - started);
          const found = violations(r, input, limits);
          if (r.problems.length > 0) withProblems += 1;
          r.interchanges.forEach((_, k) => {
            const d = acknowledge(r, k, { controlRef: "F", preparedAt, agreementRequiresContrl: true });
            if (d.send && parseEdifact(d.text).problems.length > 0)
              found.push(`the CONTRL for interchange ${k} is malformed`);
          });
          if ((toProblemError(r) === undefined) !== (r.problems.length === 0))
            found.push("problem+json disagrees");
          expect(found).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    expect(slowest).toBeLessThan(250);
    // The mutations must actually break things, or the run proves little.
    expect(withProblems).toBeGreaterThan(RUNS / 2);
  });
});
