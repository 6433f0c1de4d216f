import { defaultSeparators, sameSeparators, separatorFault, serviceStringAdvice } from "./separators.js";
import { trailerSegment, unbSegment, unhSegment, ungSegment } from "./service-write.js";
import type { InterchangeData, MessageData, SegmentData, Separators } from "./types.js";

export interface WriteOptions {
  /**
   * "auto" (the default) writes a UNA only when the separators differ from the defaults of the syntax
   * version; "always" writes one in any case.
   */
  readonly una?: "auto" | "always";
  /** Text written after each segment terminator for readability, e.g. "\n". None by default. */
  readonly lineBreak?: string;
}

/** Data the writer cannot express in EDIFACT. */
export class EdifactWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EdifactWriteError";
  }
}

const TAG = /^[A-Z][A-Z0-9]{2}$/;
/** Envelope segments, which the writer produces from the typed fields. */
const SERVICE = new Set(["UNA", "UNB", "UNG", "UNH", "UNT", "UNE", "UNZ"]);

/** Escapes a value: each service character gets the release character in front. */
function escaper(s: Separators): (value: string) => string {
  const specials = new Set([
    s.component,
    s.element,
    s.segment,
    s.release,
    ...(s.repetition ? [s.repetition] : []),
  ]);
  specials.delete("");
  const pattern = new RegExp(`[${[...specials].map((c) => `\\${c}`).join("")}\r\n]`);
  return (value) => {
    if (!pattern.test(value)) return value;
    let out = "";
    for (const c of value) {
      if (c === "\r" || c === "\n")
        throw new EdifactWriteError("a value contains a line break, which EDIFACT cannot carry");
      if (specials.has(c)) {
        if (!s.release)
          throw new EdifactWriteError(`"${c}" in a value needs a release character, and there is none`);
        out += s.release;
      }
      out += c;
    }
    return out;
  };
}

function segmentWriter(s: Separators, lineBreak: string): (seg: SegmentData) => string {
  const escape = escaper(s);
  const occurrence = (comps: readonly string[]) => comps.map(escape).join(s.component);
  return (seg) => {
    if (!TAG.test(seg.tag)) throw new EdifactWriteError(`"${seg.tag}" is not a segment tag`);
    let out = seg.nesting ? [seg.tag, ...seg.nesting.map(escape)].join(s.component) : seg.tag;
    seg.elements.forEach((comps, k) => {
      out += s.element + occurrence(comps);
      const more = seg.repeats?.[k];
      if (more && more.length > 0) {
        if (!s.repetition)
          throw new EdifactWriteError(
            `${seg.tag} repeats a data element, but there is no repetition separator`,
          );
        for (const r of more) out += s.repetition + occurrence(r);
      }
    });
    return out + s.segment + lineBreak;
  };
}

/** Messages grouped as they will be written: one run per group, or one run when there are no groups. */
function runs(data: InterchangeData): { group?: number; messages: MessageData[] }[] {
  if (data.groups.length === 0) {
    if (data.messages.some((m) => m.group !== undefined))
      throw new EdifactWriteError("a message names a group, but there are none");
    return [{ messages: [...data.messages] }];
  }
  const byGroup = data.groups.map((_, group) => ({ group, messages: [] as MessageData[] }));
  for (const m of data.messages) {
    const run = m.group === undefined ? undefined : byGroup[m.group];
    if (!run) throw new EdifactWriteError(`message "${m.ref}" is in no group of the interchange`);
    run.messages.push(m);
  }
  return byGroup;
}

/**
 * Writes an interchange: UNA when needed, UNB, then each group (UNG … UNE) or message (UNH … UNT), and
 * UNZ. It computes every control count (UNT, UNE, UNZ) and copies every reference (UNT = UNH, UNE =
 * UNG, UNZ = UNB 0020); values are escaped with the release character.
 */
export function writeInterchange(data: InterchangeData, options: WriteOptions = {}): string {
  const s = data.separators;
  const fault = separatorFault(s);
  if (fault) throw new EdifactWriteError(fault.text);
  const write = segmentWriter(s, options.lineBreak ?? "");
  const defaults = defaultSeparators(data.syntax.version);
  const una = options.una === "always" || !sameSeparators(s, defaults);
  let out = una ? serviceStringAdvice(s) + (options.lineBreak ?? "") : "";
  out += write(unbSegment(data));
  const all = runs(data);
  for (const run of all) {
    const group = run.group === undefined ? undefined : data.groups[run.group];
    if (group) out += write(ungSegment(group));
    for (const m of run.messages) {
      out += write(unhSegment(m));
      for (const seg of m.segments) {
        if (SERVICE.has(seg.tag))
          throw new EdifactWriteError(`message "${m.ref}" contains a ${seg.tag}, which the writer adds`);
        out += write(seg);
      }
      out += write(trailerSegment("UNT", m.segments.length + 2, m.ref));
    }
    if (group) out += write(trailerSegment("UNE", run.messages.length, group.ref));
  }
  const count = data.groups.length > 0 ? data.groups.length : data.messages.length;
  return out + write(trailerSegment("UNZ", count, data.controlRef));
}
