import fc from "fast-check";
import type { DraftDocument } from "../../../../src/model/canonical.js";
import { dcsaKind, writeDcsaShippingInstructions } from "../../../../src/formats/dcsa/index.js";
import { listCorpus, readCorpus } from "../../../helpers/corpora.js";
import { shippingInstruction } from "../dcsa/arbitraries.js";
import { filled } from "../dcsa/helpers.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * The DCSA messages mutated. `readable`: the corpus's shipping instructions, transport documents
 * and Track & Trace messages as they are and with their placeholders filled in (so the readers
 * get past the template check), and a few shipping instructions from the writer; `other`: the
 * rest of the set's JSON (bookings, schedules, error responses…), which must stay refused.
 */
export function seeds(): { readable: Json[]; other: Json[] } {
  const corpus = listCorpus("dcsa-ebl-booking-json", "messages")
    .filter((p) => p.endsWith(".json"))
    .flatMap((p) => {
      try {
        return [JSON.parse(readCorpus(p).toString("utf8")) as Json];
      } catch {
        return []; // the templates that are no JSON: byte mutations of the others cover that
      }
    });
  const readable = (v: Json) => {
    const kind = dcsaKind(v)?.kind;
    return kind !== undefined && kind !== "unread";
  };
  const written = fc
    .sample(shippingInstruction, { seed: 6, numRuns: 4 })
    .map(
      (d) =>
        writeDcsaShippingInstructions(d as DraftDocument, { contact: { name: "Desk", email: "d@x.example" } })
          .value as Json,
    );
  return {
    readable: [
      ...corpus.filter(readable),
      ...corpus.filter(readable).map((v) => filled(v) as Json),
      ...written,
    ],
    other: corpus.filter((v) => !readable(v)),
  };
}

/** Values that stress a reader: wrong types, empty and huge values, placeholders, impossible dates and codes. */
const ODD: readonly Json[] = [
  null,
  true,
  0,
  -1,
  1e308,
  0.1,
  "",
  " ",
  "x",
  "{CBR}",
  "SHIPPER_PLACEHOLDER",
  "2025-13-45T99:99:99Z",
  "2025-06-15",
  "2025-06-15T08:30:00",
  "ZZZZZ",
  "NLRTM",
  "BOL",
  "SWB",
  "TRANSPORT",
  "EQUIPMENT",
  "SHIPMENT",
  "IOT",
  "x".repeat(5000),
  "中文",
  "__proto__",
  "constructor",
  "valueOf",
  [],
  {},
  [null],
  { value: -5, unit: "KGM" },
  { eventClassifierCode: "ACT" },
];

const KEYS = [
  "eventType",
  "eventClassification",
  "documentParties",
  "consignmentItems",
  "transports",
  "__proto__",
  "constructor",
  "x",
];

type Mutation =
  | { kind: "delete"; pick: number }
  | { kind: "replace"; pick: number; value: Json }
  | { kind: "rename"; pick: number; key: string }
  | { kind: "repeat"; pick: number }
  | { kind: "wrap"; pick: number }
  | { kind: "bytes"; at: number; text: string };

const value: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(...ODD),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("replace" as const), pick: fc.nat(), value }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("rename" as const),
      pick: fc.nat(),
      key: fc.constantFrom(...KEYS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("repeat" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("wrap" as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("bytes" as const),
      at: fc.nat(),
      text: fc.constantFrom("", "{", "}", "]", ",", '"', "\\", "\u0000", "\uFEFF"),
    }),
  },
);

/** Every place in a JSON value: its parent container and key. */
function places(root: Json): { parent: Json[] | { [k: string]: Json }; key: string | number }[] {
  const out: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        out.push({ parent: v, key: i });
        walk(x);
      });
    else if (typeof v === "object" && v !== null)
      for (const [k, x] of Object.entries(v)) {
        out.push({ parent: v, key: k });
        walk(x);
      }
  };
  walk(root);
  return out;
}

/** Applies a structural mutation in place (the value is a fresh copy); byte mutations are applied to the text. */
function apply(root: Json, m: Exclude<Mutation, { kind: "bytes" }>): Json {
  const all = places(root);
  if (all.length === 0) return m.kind === "replace" ? m.value : root;
  const { parent, key } = all[m.pick % all.length]!;
  const get = () => (Array.isArray(parent) ? parent[key as number]! : parent[key as string]!);
  const set = (v: Json) => {
    if (Array.isArray(parent)) parent[key as number] = v;
    else parent[key as string] = v;
  };
  switch (m.kind) {
    case "delete":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case "replace":
      set(m.value);
      break;
    case "rename":
      if (!Array.isArray(parent)) {
        const v = get();
        delete parent[key as string];
        Object.defineProperty(parent, m.key, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      break;
    case "repeat":
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(get()));
      break;
    case "wrap":
      set([get()]);
      break;
  }
  return root;
}

/** A seed (four times in five a readable one) with one to four mutations, serialised as the body a partner would post. */
export function mutated(list: {
  readonly readable: readonly Json[];
  readonly other: readonly Json[];
}): fc.Arbitrary<Buffer> {
  const pick = (l: readonly Json[]) => fc.nat({ max: l.length - 1 }).map((i) => l[i] ?? null);
  return fc
    .tuple(
      fc.oneof({ weight: 4, arbitrary: pick(list.readable) }, { weight: 1, arbitrary: pick(list.other) }),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
    )
    .map(([seed, ms]) => {
      let v: Json = structuredClone(seed);
      let text: string | undefined;
      for (const m of ms) {
        if (m.kind === "bytes") {
          text ??= JSON.stringify(v);
          const at = m.at % (text.length + 1);
          text = text.slice(0, at) + m.text + text.slice(at + (m.text === "" ? 1 : 0));
        } else if (text === undefined) v = apply(v, m);
      }
      return Buffer.from(text ?? JSON.stringify(v), "utf8");
    });
}
