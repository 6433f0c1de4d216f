import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { readCorpus, ROOT } from "../../../helpers/corpora.js";
import { loadManifest } from "../../../corpus/manifest.js";

/**
 * The interchanges mutated: every corpus file the manifest says becomes (or is rejected as) a
 * document, a sample of the deliberately broken ones, and the hand-made CUSDEC/CUSRES/IFTMIN/IFTSTA
 * fixtures, so that every message reader is reached.
 */
export function seeds(): Buffer[] {
  const sets = loadManifest().sections["edifact"]!.sets;
  const corpus = Object.entries(sets).flatMap(([set, files]) =>
    Object.entries(files)
      .filter(([, e]) => e.expect === "become" || e.expect === "rejected" || e.expect === "broken")
      .map(([path]) => readCorpus(`${set}/${path}`)),
  );
  const dir = join(ROOT, "test/fixtures/edifact-messages");
  const fixtures = readdirSync(dir)
    .filter((f) => f.endsWith(".edi"))
    .sort()
    .map((f) => readFileSync(join(dir, f)));
  return [...corpus, ...fixtures];
}

/** Service characters, service segments and values that stress the syntax layer and the readers. */
const TOKENS = [
  "'",
  "+",
  ":",
  "?",
  "*",
  "??",
  "?'",
  "''",
  "+++",
  ":::",
  "UNA:+.? '",
  "UNA*+.? '",
  "UNB+UNOC:3+S+R+250101:1200+1'",
  "UNH+1+INVOIC:D:96A:UN'",
  "UNT+2+1'",
  "UNZ+1+1'",
  "UNG+INVOIC+S+R+250101:1200+1+UN+D:96A'",
  "UNE+1+1'",
  "BGM+380+X+9'",
  "DTM+137:20250230:102'",
  "DTM+137:2025:999'",
  "QTY+12:-1'",
  "MOA+77:1e400'",
  "NAD+BY+++'",
  "LIN+1++:ZZZ'",
  "CST+1+::117'",
  "STS+1+99'",
  "ERP+1'",
  "GIS+9:109:6'",
  "é",
  "中",
  "\u0000",
  "\xff",
  "\r\n",
  "-0",
  "99999999999999999999",
  "0.0000001",
  ",5",
  " ".repeat(40),
  "__proto__",
  "constructor",
  "valueOf",
  "toString",
];

const TYPES = [
  "INVOIC",
  "DESADV",
  "IFTMIN",
  "IFTSTA",
  "CUSDEC",
  "CUSRES",
  "CONTRL",
  "ORDERS",
  "APERAK",
  "valueOf",
];
const DIRECTORIES = ["D:93A", "D:96A", "D:96B", "D:01B", "D:16B", "D:99Z", "D:00A", "S:93A", "D:9"];

type Mutation =
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "flip"; at: number; value: number }
  | { kind: "truncate"; at: number }
  | { kind: "segment"; op: "drop" | "repeat" | "swap"; at: number }
  | { kind: "element"; at: number; element: number; text: string }
  | { kind: "retype"; type: string; directory: string }
  | { kind: "acknowledge" };

const text = fc.oneof(
  fc.constantFrom(...TOKENS),
  fc.string({ maxLength: 12 }),
  fc.stringMatching(/^-?[0-9]{1,20}(\.[0-9]{0,6})?$/),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 256 }),
  }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("segment" as const),
    op: fc.constantFrom("drop", "repeat", "swap"),
    at: fc.nat(),
  }),
  fc.record({ kind: fc.constant("element" as const), at: fc.nat(), element: fc.nat({ max: 8 }), text }),
  fc.record({
    kind: fc.constant("retype" as const),
    type: fc.constantFrom(...TYPES),
    directory: fc.constantFrom(...DIRECTORIES),
  }),
  fc.record({ kind: fc.constant("acknowledge" as const) }),
);

/** Segments split at the default terminator (a release character before it is not honoured: mutation, not parsing). */
const segments = (b: Buffer) => b.toString("latin1").split("'");
const joined = (s: readonly string[]) => Buffer.from(s.join("'"), "latin1");

function apply(bytes: Buffer, m: Mutation): Buffer {
  const at = bytes.length === 0 ? 0 : ("at" in m ? m.at : 0) % bytes.length;
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
    case "segment": {
      const s = segments(bytes);
      const i = m.at % s.length;
      if (m.op === "drop") s.splice(i, 1);
      else if (m.op === "repeat") s.splice(i, 0, s[i]!);
      else if (i + 1 < s.length) [s[i], s[i + 1]] = [s[i + 1]!, s[i]!];
      return joined(s);
    }
    case "element": {
      const s = segments(bytes);
      const i = m.at % s.length;
      const parts = s[i]!.split("+");
      parts[Math.min(m.element, parts.length)] = m.text;
      s[i] = parts.join("+");
      return joined(s);
    }
    case "retype":
      return Buffer.from(
        bytes
          .toString("latin1")
          .replace(/UNH\+([^+']*)\+[A-Z]{6}:[A-Z]:[0-9A-Z]{3}/g, `UNH+$1+${m.type}:${m.directory}`),
        "latin1",
      );
    case "acknowledge":
      // UNB 0031, the acknowledgement request: the ninth data element.
      return Buffer.from(
        bytes.toString("latin1").replace(/UNB((?:\+[^+']*){0,8})'/, (_all, els: string) => {
          const parts = els.split("+").slice(1);
          while (parts.length < 8) parts.push("");
          return `UNB+${parts.slice(0, 8).join("+")}+1'`;
        }),
        "latin1",
      );
  }
}

/**
 * Each UNT's segment count made right again, so that a dropped, repeated or swapped segment
 * reaches the message readers instead of stopping at the count check.
 */
function recount(bytes: Buffer): Buffer {
  const s = segments(bytes);
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const tag = s[i]!.trimStart().slice(0, 3);
    if (tag === "UNH") start = i;
    else if (tag === "UNT" && start >= 0) {
      s[i] = s[i]!.replace(/UNT\+[^+']*/, `UNT+${i - start + 1}`);
      start = -1;
    }
  }
  return joined(s);
}

/** A seed (index into the list) with one to four mutations applied in order, the counts then made right half the time. */
export function mutated(list: readonly Buffer[]): fc.Arbitrary<Buffer> {
  return fc
    .tuple(fc.nat({ max: list.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([i, ms, fix]) => {
      const out = ms.reduce((b, m) => apply(b, m), list[i]!);
      return fix ? recount(out) : out;
    });
}
