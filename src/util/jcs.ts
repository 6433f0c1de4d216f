/**
 * RFC 8785 JSON Canonicalization Scheme. Throws on values JSON cannot carry (NaN, Infinity,
 * lone surrogates, cycles). Written here rather than taken from the `canonicalize` package
 * because a submission canonicalizes several times on the hot path (seal, receipt, each audit
 * event), and that package checks every string character by character in JavaScript; here
 * the check is the engine's `isWellFormed`. `test/unit/util/jcs.test.ts` holds it to the
 * package's output and the RFC's examples.
 */
const MAX_DEPTH = 1000;

function serialize(v: unknown, depth: number): string | undefined {
  switch (typeof v) {
    case "string":
      if (!v.isWellFormed()) throw new TypeError("lone surrogates have no JSON canonical form");
      return JSON.stringify(v);
    case "number":
      if (!Number.isFinite(v)) throw new TypeError(`${v} has no JSON representation`);
      // ECMAScript's Number-to-String, which JSON.stringify uses, is the RFC's number format.
      return JSON.stringify(v);
    case "boolean":
      return v ? "true" : "false";
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    case "bigint":
      throw new TypeError("BigInt has no JSON representation");
    case "object":
      break;
  }
  if (v === null) return "null";
  if (depth > MAX_DEPTH) throw new TypeError("value nested too deeply (or circular) for JSON");
  const o = v as { toJSON?: () => unknown };
  if (typeof o.toJSON === "function") return serialize(o.toJSON(), depth + 1);
  if (Array.isArray(v)) {
    let out = "[";
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out += ",";
      out += serialize(v[i], depth + 1) ?? "null";
    }
    return `${out}]`;
  }
  const rec = v as Record<string, unknown>;
  // Default sort compares UTF-16 code units, which is the order RFC 8785 §3.2.3 prescribes.
  const keys = Object.keys(rec).sort();
  let out = "{";
  let first = true;
  for (const k of keys) {
    const s = serialize(rec[k], depth + 1);
    if (s === undefined) continue;
    if (!k.isWellFormed()) throw new TypeError("lone surrogates have no JSON canonical form");
    out += `${first ? "" : ","}${JSON.stringify(k)}:${s}`;
    first = false;
  }
  return `${out}}`;
}

export function jcs(value: unknown): string {
  const out = serialize(value, 0);
  if (out === undefined) throw new TypeError("value has no JSON representation");
  return out;
}
