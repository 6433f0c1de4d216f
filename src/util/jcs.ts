import canonicalize from "canonicalize";

/** RFC 8785 JSON Canonicalization Scheme. Throws on values JSON cannot carry. */
export function jcs(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new TypeError("value has no JSON representation");
  return out;
}
