import type { Cursor } from "../xml/cursor.js";
import type { MappingTrace } from "../mapping.js";

/** Canonical fields read from one element, with the element's XPath recorded for the pointer. */
export class FieldReader {
  constructor(private readonly trace: MappingTrace) {}

  text(c: Cursor | undefined, pointer: string): string | undefined {
    const t = c?.text();
    if (t !== undefined) this.trace.from(pointer, c!.path);
    return t?.trim();
  }

  /** xs:decimal text → number; anything else is reported, not silently dropped. */
  num(c: Cursor | undefined, pointer: string): number | undefined {
    const t = c?.text()?.trim();
    if (t === undefined) return undefined;
    this.trace.from(pointer, c!.path);
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) {
      this.trace.issue({
        message: `"${t}" is not a decimal number`,
        pointer,
        xpath: c!.path,
        ruleId: "MAP-NUMBER",
        severity: "error",
      });
      return undefined;
    }
    return Number(t);
  }

  attr(c: Cursor | undefined, name: string, pointer: string): string | undefined {
    const v = c?.attr(name);
    if (v !== undefined) this.trace.from(pointer, `${c!.path}/@${name}`);
    return v?.trim();
  }

  /** An xs:date, or the date part of an xs:dateTime. */
  date(c: Cursor | undefined, pointer: string): string | undefined {
    const t = this.text(c, pointer);
    if (t === undefined) return undefined;
    const m = /^(\d{4}-\d{2}-\d{2})/.exec(t);
    if (!m) {
      this.trace.issue({
        message: `"${t}" is not a date`,
        pointer,
        xpath: c!.path,
        ruleId: "MAP-DATE",
        severity: "error",
      });
      return undefined;
    }
    return m[1];
  }
}

/** Drops undefined values and empty arrays/objects, so a canonical document carries only what was given. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out as T;
}
