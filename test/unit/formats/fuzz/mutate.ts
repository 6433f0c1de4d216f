import fc from "fast-check";
import { expect } from "vitest";
import { isProblem } from "../../../../src/errors/index.js";
import { normalize } from "../../../../src/pipeline/ingest/normalize.js";
import { sniff } from "../../../../src/pipeline/ingest/sniff.js";
import { schemaSet } from "../../../corpus/ingest.js";

/** Seed and run count of the XML fuzz, per format family (issue 6: 10,000 mutated inputs each). */
export const FUZZ_SEED = 6_2026;
export const FUZZ_RUNS = 10_000;
/** A body that takes longer than this to be refused or read counts as a hang (generous: CI machines are shared). */
const MAX_MS = 2_000;

// The schemas compile on first use; that second belongs to no input.
schemaSet();

/** Markup and values that stress a reader: broken structure, hostile constructs, odd numbers and dates. */
const TOKENS = [
  "<",
  ">",
  "</",
  "/>",
  "&",
  "&amp;",
  "&#0;",
  "&#x110000;",
  "&unknown;",
  '"',
  "'",
  "<![CDATA[",
  "]]>",
  "<!--",
  "-->",
  "--",
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '<!ENTITY e SYSTEM "file:///etc/passwd">',
  "<x:y>",
  "</x:y>",
  '<a b="1" b="2"/>',
  "\u0000",
  "\uFFFE",
  "\uD800",
  "\u202E",
  "é",
  "中",
  "1e400",
  "-0",
  "NaN",
  "-1",
  "99999999999999999999",
  "0.0000001",
  "2025-02-30",
  "20251340",
  "99991231235959",
  "+01",
  "xx",
  "ZZZ",
  "<cbc:ID>",
  "</cbc:ID>",
  "<ram:ID>",
  "<ceb:guid>",
  "__proto__",
  "constructor",
  " ".repeat(40),
  "\r\n",
];

type Mutation =
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "flip"; at: number; value: number }
  | { kind: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(...TOKENS),
      fc.string({ maxLength: 12 }),
      fc.stringMatching(/^-?[0-9]{1,25}(\.[0-9]{0,8})?$/),
    ),
  }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 256 }),
  }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

function apply(bytes: Buffer, m: Mutation): Buffer {
  const at = bytes.length === 0 ? 0 : m.at % bytes.length;
  switch (m.kind) {
    case "delete":
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    case "insert":
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text, "utf8"), bytes.subarray(at)]);
    case "duplicate":
      return Buffer.concat([bytes.subarray(0, at + m.length), bytes.subarray(at)]);
    case "flip": {
      const out = Buffer.from(bytes);
      if (out.length > 0) out[at] = m.value;
      return out;
    }
    case "truncate":
      return bytes.subarray(0, at);
  }
}

/** Seeds (index into the list) with a few mutations applied in order. */
export function mutated(seeds: readonly Buffer[]): fc.Arbitrary<Buffer> {
  return fc
    .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([i, ms]) => ms.reduce((b, m) => apply(b, m), seeds[i]!));
}

/**
 * The sniff → normalize path (and schema validation of whatever it reads) on one body: it
 * either reads it or refuses it with a ProblemError, which the HTTP layer renders as
 * problem+json with a 4xx status; anything else thrown, or a 5xx, or a hang, fails.
 */
export function survives(body: Buffer): void {
  const started = performance.now();
  try {
    const docs = normalize(
      [{ index: 0, bytes: body, mediaType: "application/xml" }],
      new Map([[0, sniff(body, "application/xml")]]),
    );
    for (const d of docs) schemaSet().validator(d.read.draft.type)?.(d.read.draft);
  } catch (e) {
    if (!isProblem(e)) throw e;
    expect(e.status).toBeLessThan(500);
    expect(e.toBody().type).toMatch(/^urn:swg:error:SWG_/);
  }
  expect(performance.now() - started).toBeLessThan(MAX_MS);
}
