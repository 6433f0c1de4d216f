import type { Issue } from "../../../errors/index.js";
import { MappingTrace, valueDigest, type MappingReport, type UnmappedElement } from "../../mapping.js";
import { parseDate } from "../dates.js";
import { parseNumber } from "../numbers.js";
import { value } from "../reading.js";
import type { Message, Segment } from "../types.js";

/**
 * "segment 12 (QTY), element 1.2": the segment's ordinal in the input (as the syntax layer's
 * problems give it), then the data element after the tag and its component, both from 1.
 */
export function position(seg: Segment, element?: number, component?: number): string {
  const base = `segment ${seg.position.number} (${seg.tag})`;
  if (element === undefined) return base;
  return `${base}, element ${element + 1}${component === undefined ? "" : `.${component + 1}`}`;
}

const key = (element: number, component: number) => element * 1000 + component;

/** A DTM value with no 2379 format: the formats its length can only mean. */
const IMPLIED_FORMATS: Readonly<Record<number, string>> = { 8: "102", 12: "203", 14: "204" };

/**
 * What a message reader did with one message: every component it read (with the canonical
 * field it went to), the defaults it applied and what it had to say. Whatever it did not read
 * is the report's unmapped list, so nothing in the original is dropped without a trace.
 */
export class MessageTrace {
  readonly trace = new MappingTrace();
  private readonly used = new Map<Segment, Set<number>>();

  constructor(readonly message: Message) {}

  /** Marks a component as read, without a canonical field (a qualifier, a code that was interpreted). */
  mark(seg: Segment | undefined, element: number, component = 0): void {
    if (!seg) return;
    let set = this.used.get(seg);
    if (!set) this.used.set(seg, (set = new Set()));
    set.add(key(element, component));
  }

  /** A segment read as a whole (UNS, a segment whose presence is the information). */
  markSegment(seg: Segment | undefined): void {
    seg?.elements.forEach((el, e) => el.forEach((_, c) => this.mark(seg, e, c)));
  }

  /** A component's text, recorded as the source of `pointer`. */
  text(seg: Segment | undefined, element: number, component = 0, pointer?: string): string | undefined {
    const v = value(seg, element, component)?.trim();
    if (!seg || !v) return undefined;
    this.mark(seg, element, component);
    if (pointer) this.trace.from(pointer, position(seg, element, component));
    return v;
  }

  /** Several components joined by a space (name lines, free text continued over components). */
  joined(seg: Segment | undefined, element: number, components: readonly number[], pointer?: string) {
    const parts = components
      .map((c) => this.text(seg, element, c, pointer))
      .filter((x): x is string => x !== undefined);
    return parts.length > 0 ? parts.join(" ") : undefined;
  }

  /** A numeric component; text that is no number is reported, not guessed at, and stays unmapped. */
  number(seg: Segment | undefined, element: number, component: number, pointer: string): number | undefined {
    const raw = value(seg, element, component)?.trim();
    if (!seg || !raw) return undefined;
    const n = parseNumber(raw);
    if (n === undefined || !Number.isFinite(n)) {
      this.warn(`"${raw}" is not a number`, seg, element, component, "EDI-MAP-NUMBER");
      return undefined;
    }
    this.mark(seg, element, component);
    this.trace.from(pointer, position(seg, element, component));
    return n;
  }

  /** A whole number ≥ 0 (counts). */
  count(seg: Segment | undefined, element: number, component: number, pointer: string): number | undefined {
    const n = this.number(seg, element, component, pointer);
    if (n === undefined) return undefined;
    if (Number.isInteger(n) && n >= 0) return n;
    this.warn(`${n} is not a count`, seg, element, component, "EDI-MAP-COUNT");
    return undefined;
  }

  /** A DTM's date as YYYY-MM-DD (the date part of a date-time). */
  date(dtm: Segment | undefined, pointer: string): string | undefined {
    const iso = this.dtm(dtm, pointer);
    return iso?.slice(0, 10);
  }

  /** A DTM's instant as RFC 3339; EDIFACT times carry no zone unless format 205 gives one. */
  dateTime(dtm: Segment | undefined, pointer: string): string | undefined {
    const iso = this.dtm(dtm, pointer);
    if (iso === undefined) return undefined;
    if (iso.length === 10) {
      this.defaulted(pointer, `${iso}T00:00:00Z`, "a date without a time: midnight UTC");
      return `${iso}T00:00:00Z`;
    }
    const zoned = /[+-]\d{2}:\d{2}$/.exec(iso);
    const local = zoned ? iso.slice(0, zoned.index) : iso;
    const withSeconds = local.length === 16 ? `${local}:00` : local;
    if (zoned) return `${withSeconds}${zoned[0]}`;
    this.defaulted(pointer, `${withSeconds}Z`, "EDIFACT times carry no time zone: read as UTC");
    return `${withSeconds}Z`;
  }

  private dtm(dtm: Segment | undefined, pointer: string): string | undefined {
    const text = value(dtm, 0, 1)?.trim();
    if (!dtm || !text) return undefined;
    let format = value(dtm, 0, 2);
    if (format === undefined) {
      format = IMPLIED_FORMATS[text.length];
      if (format === undefined) return undefined;
      this.defaulted(
        pointer,
        format,
        `no date format (2379) given: ${text.length} digits read as format ${format}`,
      );
    }
    const parsed = parseDate(text, format);
    if (parsed?.kind !== "point" || !/^\d{4}-\d{2}-\d{2}/.test(parsed.iso)) {
      this.warn(`"${text}" is not a date in format ${format}`, dtm, 0, 1, "EDI-MAP-DATE");
      return undefined;
    }
    this.mark(dtm, 0, 0);
    this.mark(dtm, 0, 1);
    this.mark(dtm, 0, 2);
    this.trace.from(pointer, position(dtm, 0, 1));
    return parsed.iso;
  }

  defaulted(pointer: string, v: unknown, reason: string): void {
    this.trace.defaulted(pointer, v, reason);
  }

  warn(
    message: string,
    seg: Segment | undefined,
    element?: number,
    component?: number,
    ruleId = "EDI-MAP",
  ): void {
    this.issue(message, seg, element, component, ruleId, "warning");
  }

  error(
    message: string,
    seg: Segment | undefined,
    element?: number,
    component?: number,
    ruleId = "EDI-MAP",
  ): void {
    this.issue(message, seg, element, component, ruleId, "error");
  }

  private issue(
    message: string,
    seg: Segment | undefined,
    element: number | undefined,
    component: number | undefined,
    ruleId: string,
    severity: Issue["severity"],
  ): void {
    this.trace.issue({
      message,
      ...(seg ? { location: position(seg, element, component) } : {}),
      ruleId,
      severity,
    });
  }

  /** The mapping report: every non-empty component no mapping read, with the digest of its value. */
  report(reader: string): MappingReport {
    const unmapped: UnmappedElement[] = [];
    for (const seg of this.message.segments) {
      const used = this.used.get(seg);
      seg.elements.forEach((el, e) =>
        el.forEach((v, c) => {
          if (v !== "" && !used?.has(key(e, c)))
            unmapped.push({ path: position(seg, e, c), digest: valueDigest(v) });
        }),
      );
      for (const [e, occurrences] of Object.entries(seg.repeats ?? {}))
        occurrences.forEach((occ, n) =>
          occ.forEach((v, c) => {
            if (v !== "")
              unmapped.push({
                path: `${position(seg, Number(e), c)}, occurrence ${n + 2}`,
                digest: valueDigest(v),
              });
          }),
        );
    }
    return { reader, unmapped, defaults: this.trace.defaults, issues: this.trace.issues };
  }
}
