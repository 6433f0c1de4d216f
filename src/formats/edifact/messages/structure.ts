import { qualifier, segmentGroups } from "../reading.js";
import type { Segment } from "../types.js";

/**
 * Where a message's sections begin and end. UNS+D closes the header (CUSDEC), UNS+S opens the
 * summary (INVOIC, CUSDEC); a message without UNS is all header.
 */
export interface Sections {
  readonly header: readonly Segment[];
  readonly detail: readonly Segment[];
  readonly summary: readonly Segment[];
  readonly separators: readonly Segment[];
}

export function sections(segments: readonly Segment[]): Sections {
  const d = segments.findIndex((s) => s.tag === "UNS" && qualifier(s) === "D");
  const s = segments.findIndex((x) => x.tag === "UNS" && qualifier(x) !== "D");
  const headerEnd = d >= 0 ? d : s >= 0 ? s : segments.length;
  const detailEnd = s >= 0 ? s : segments.length;
  return {
    header: segments.slice(0, headerEnd),
    detail: d >= 0 ? segments.slice(d + 1, detailEnd) : [],
    summary: s >= 0 ? segments.slice(s + 1) : [],
    separators: segments.filter((x) => x.tag === "UNS"),
  };
}

/** Segments before the first occurrence of any of `tags` (a group's own segments, before nested groups). */
export function before(segments: readonly Segment[], tags: readonly string[]): readonly Segment[] {
  const i = segments.findIndex((s, n) => n > 0 && tags.includes(s.tag));
  return i < 0 ? segments : segments.slice(0, i);
}

/** The occurrences of a segment group that runs from `start` while the tags are `members`. */
export function groups(segments: readonly Segment[], start: string, members: readonly string[]): Segment[][] {
  return segmentGroups(segments, { start, members });
}

/** Segments outside the given groups: what a level holds itself, not through a nested group. */
export function outside(segments: readonly Segment[], nested: readonly (readonly Segment[])[]): Segment[] {
  const inner = new Set(nested.flat());
  return segments.filter((s) => !inner.has(s));
}

/** The first segment with the tag and one of the qualifiers, in the order the qualifiers are preferred. */
export function preferred(
  segments: readonly Segment[],
  tag: string,
  qualifiers: readonly string[],
): Segment | undefined {
  for (const q of qualifiers) {
    const hit = segments.find((s) => s.tag === tag && qualifier(s) === q);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Splits a group's segments into its own and those of the nested groups that open with one of
 * `starts`; a nested group runs until the next start tag or a tag it cannot hold (`members`).
 */
export function subgroups(
  segments: readonly Segment[],
  spec: Readonly<Record<string, readonly string[]>>,
): { own: Segment[]; nested: { start: string; segments: Segment[] }[] } {
  const own: Segment[] = [];
  const nested: { start: string; segments: Segment[] }[] = [];
  let current: { start: string; segments: Segment[] } | undefined;
  segments.forEach((seg, i) => {
    // A tag the open group holds stays in it (an ALC group's TAX), before it could open a group of its own.
    if (current && (spec[current.start] ?? []).includes(seg.tag)) {
      current.segments.push(seg);
    } else if (i > 0 && spec[seg.tag] !== undefined) {
      current = { start: seg.tag, segments: [seg] };
      nested.push(current);
    } else {
      current = undefined;
      own.push(seg);
    }
  });
  return { own, nested };
}
