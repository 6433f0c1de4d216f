import { parseDate, type EdifactDate } from "./dates.js";
import type { MessageData, SegmentData } from "./types.js";

/**
 * Helpers for message readers. Element and component indexes are 0-based, as in `Segment.elements`:
 * in `DTM+137:20240131:102`, element 0 component 1 is "20240131".
 */

/** A component's value; undefined when absent or empty (EDIFACT does not tell the two apart). */
export function value(seg: SegmentData | undefined, element: number, component = 0): string | undefined {
  const v = seg?.elements[element]?.[component];
  return v === undefined || v === "" ? undefined : v;
}

/** Every occurrence of a data element: the first plus its repetitions (syntax 4). */
export function occurrences(seg: SegmentData, element: number): readonly (readonly string[])[] {
  const first = seg.elements[element];
  return first === undefined ? [] : [first, ...(seg.repeats?.[element] ?? [])];
}

/** The segment's qualifier: element 0, component 0 (e.g. 137 in DTM+137:…, BY in NAD+BY+…). */
export function qualifier(seg: SegmentData): string | undefined {
  return value(seg, 0, 0);
}

const matches = (seg: SegmentData, tag: string, q: string | undefined) =>
  seg.tag === tag && (q === undefined || qualifier(seg) === q);

export function find(segments: readonly SegmentData[], tag: string, q?: string): SegmentData | undefined {
  return segments.find((s) => matches(s, tag, q));
}

export function findAll(segments: readonly SegmentData[], tag: string, q?: string): SegmentData[] {
  return segments.filter((s) => matches(s, tag, q));
}

export interface GroupSpec {
  /** The tag that opens each occurrence of the segment group, e.g. LIN. */
  readonly start: string;
  /**
   * The tags that may follow inside the group (nested groups included). Without it a group runs until
   * the next `start` or a tag in `end`.
   */
  readonly members?: readonly string[];
  /** Tags that end the group, e.g. UNS for the line items of an INVOIC. */
  readonly end?: readonly string[];
}

/**
 * Splits segments into the occurrences of a segment group: each starts at `spec.start` and holds the
 * segments that follow it. Call it again on an occurrence for a nested group.
 */
export function segmentGroups<S extends SegmentData>(segments: readonly S[], spec: GroupSpec): S[][] {
  const groups: S[][] = [];
  let current: S[] | undefined;
  for (const seg of segments) {
    if (seg.tag === spec.start) {
      current = [seg];
      groups.push(current);
    } else if (current) {
      const inside = spec.members ? spec.members.includes(seg.tag) : !(spec.end ?? []).includes(seg.tag);
      if (inside) current.push(seg);
      else current = undefined;
    }
  }
  return groups;
}

export interface DateTimePeriod {
  /** 2005, e.g. 137 document date. */
  readonly qualifier: string | undefined;
  /** 2380 as sent. */
  readonly text: string | undefined;
  /** 2379, e.g. 102. */
  readonly format: string | undefined;
  /** Undefined when the format is not supported or the text does not fit it. */
  readonly date: EdifactDate | undefined;
}

/** Reads a DTM segment (C507: 2005 qualifier, 2380 value, 2379 format). Without a format there is no date. */
export function readDtm(seg: SegmentData): DateTimePeriod {
  const text = value(seg, 0, 1);
  const format = value(seg, 0, 2);
  const date = text === undefined || format === undefined ? undefined : parseDate(text, format);
  return { qualifier: value(seg, 0, 0), text, format, date };
}

/** "D" + "96B" → "D96B", the UN/EDIFACT directory of a message; undefined for other version schemes. */
export function messageDirectory(m: Pick<MessageData, "version" | "release">): string | undefined {
  return m.version === "D" && /^\d{2}[A-C]$/.test(m.release) ? `D${m.release}` : undefined;
}

/** Orders directories in time: D93A < D99B < D01A < D16B. */
export function directoryRank(directory: string): number {
  const yy = Number(directory.slice(1, 3));
  return (yy >= 90 ? 1900 + yy : 2000 + yy) * 10 + directory.charCodeAt(3) - 65;
}
