import type { Issue } from "../../errors/index.js";
import { MappingTrace, valueDigest, type MappingReport, type UnmappedElement } from "../mapping.js";

const escape = (k: string) => k.replace(/~/g, "~0").replace(/\//g, "~1");
const unescape = (k: string) => k.replace(/~1/g, "/").replace(/~0/g, "~");

/** The value at a JSON Pointer (RFC 6901), undefined when there is none. */
export function at(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  let v: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const k = unescape(raw);
    if (Array.isArray(v)) v = /^\d+$/.test(k) ? v[Number(k)] : undefined;
    else if (typeof v === "object" && v !== null) v = (v as Record<string, unknown>)[k];
    else return undefined;
  }
  return v;
}

export const join = (base: string, ...keys: (string | number)[]) =>
  `${base}${keys.map((k) => `/${escape(String(k))}`).join("")}`;

/**
 * What a DCSA reader read: each source JSON Pointer it used (and the canonical field it went
 * to), defaults and findings. The leaves it did not read are the report's unmapped list.
 */
export class JsonTrace {
  readonly trace = new MappingTrace();
  private readonly used = new Set<string>();

  /** `prefix`: where `root` sits in the submitted JSON (a wrapped document), for the pointers reported. */
  constructor(
    readonly root: unknown,
    readonly prefix = "",
  ) {}

  private take(src: string, pointer: string | undefined): void {
    this.used.add(src);
    if (pointer) this.trace.from(pointer, this.prefix + src);
  }

  /** A non-empty string (trimmed, cut to `max`). */
  str(src: string, pointer?: string, max = 4000): string | undefined {
    const v = at(this.root, src);
    if (typeof v !== "string" || v.trim() === "") return undefined;
    this.take(src, pointer);
    return v.trim().slice(0, max);
  }

  num(src: string, pointer?: string): number | undefined {
    const v = at(this.root, src);
    if (typeof v !== "number" || !Number.isFinite(v)) return undefined;
    this.take(src, pointer);
    return v;
  }

  bool(src: string, pointer?: string): boolean | undefined {
    const v = at(this.root, src);
    if (typeof v !== "boolean") return undefined;
    this.take(src, pointer);
    return v;
  }

  /** The indexes of an array at `src` (none when it is no array). */
  indexes(src: string): number[] {
    const v = at(this.root, src);
    return Array.isArray(v) ? v.map((_, i) => i) : [];
  }

  has(src: string): boolean {
    return at(this.root, src) !== undefined;
  }

  defaulted(pointer: string, value: unknown, reason: string): void {
    this.trace.defaulted(pointer, value, reason);
  }

  warn(message: string, src: string, ruleId = "DCSA-MAP"): void {
    this.trace.issue({ message, pointer: this.prefix + src, ruleId, severity: "warning" } satisfies Issue);
  }

  report(reader: string, base = ""): MappingReport {
    const unmapped: UnmappedElement[] = [];
    const walk = (v: unknown, p: string) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, join(p, i)));
      else if (typeof v === "object" && v !== null)
        for (const [k, x] of Object.entries(v)) walk(x, join(p, k));
      else if (
        (typeof v === "string" || typeof v === "number" || typeof v === "boolean") &&
        v !== "" &&
        !this.used.has(p)
      )
        unmapped.push({ path: this.prefix + p, digest: valueDigest(String(v)) });
    };
    walk(at(this.root, base), base);
    return { reader, unmapped, defaults: this.trace.defaults, issues: this.trace.issues };
  }
}
