import { isUtf8 } from "node:buffer";
import { decoderFor, type Decode } from "./charset.js";
import type { ParseLimits } from "./limits.js";
import { defaultSeparators, separatorFault, separatorsFromAdvice } from "./separators.js";
import type { LimitName, SyntaxErrorCode } from "./syntax-errors.js";
import type { Segment, Separators } from "./types.js";

/** A problem inside one segment, positioned as in `SyntaxProblem` (element 0 is the tag). */
export interface ElementFault {
  readonly code: SyntaxErrorCode;
  readonly text: string;
  readonly element: number;
  readonly component?: number;
  readonly occurrence?: number;
}

export type Token =
  | {
      readonly kind: "una";
      readonly offset: number;
      readonly number: number;
      readonly fault?: { readonly code: SyntaxErrorCode; readonly text: string };
    }
  | {
      readonly kind: "segment";
      /** Its position has no `inMessage`: the envelope sets that once it knows the message. */
      readonly segment: Segment;
      readonly terminated: boolean;
      readonly faults: readonly ElementFault[];
    }
  | {
      readonly kind: "limit";
      readonly limit: CountLimit;
      readonly offset: number;
      readonly number: number;
      readonly tag: string;
      readonly text: string;
    };

const CR = 0x0d;
const LF = 0x0a;
const BOM = [0xef, 0xbb, 0xbf] as const;

const code = (c: string | undefined): number => (c ? c.charCodeAt(0) : -1);
const NO_FAULTS: readonly ElementFault[] = [];
/** How many distinct short values one parse shares. */
const SHORT_VALUES = 4096;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The limits that stop a parse part-way; the byte limit is checked before, an over-long value is only reported. */
export type CountLimit = Exclude<LimitName, "maxBytes" | "maxComponentLength">;

/** Thrown while a segment is read to unwind when a count limit is reached; `next` turns it into a token. */
class LimitReached extends Error {
  constructor(
    readonly limit: CountLimit,
    readonly text: string,
  ) {
    super(text);
  }
}

/**
 * Splits the input into segments, one at a time. It owns the service characters: a UNA sets them for
 * the interchange that follows, and a UNB without a UNA just before it resets them to the defaults of
 * its syntax version, so every interchange of a multi-interchange file is read with its own.
 */
export class Tokenizer {
  private pos = 0;
  private count = 0;
  private seps: Separators = defaultSeparators("3");
  private adviceActive = false;
  private readonly utf8: boolean;
  private readonly seg: SegmentBuilder;

  constructor(
    private readonly buf: Buffer,
    private readonly limits: ParseLimits,
    private readonly strictTrailing: boolean,
  ) {
    if (buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2]) this.pos = 3;
    this.utf8 = isUtf8(buf);
    this.seg = new SegmentBuilder(buf, limits, decoderFor("", this.utf8));
  }

  get separators(): Separators {
    return this.seps;
  }

  next(): Token | undefined {
    this.skipGap();
    const start = this.pos;
    if (start >= this.buf.length) return undefined;
    this.count += 1;
    if (this.count > this.limits.maxSegments) {
      return this.limitToken("maxSegments", `more than ${this.limits.maxSegments} segments`, start);
    }
    if (this.startsWith(start, "UNA")) return this.readAdvice(start);
    if (this.startsWith(start, "UNB")) this.enterInterchange(start);
    this.adviceActive = false;
    try {
      return this.readSegment(start);
    } catch (e) {
      if (e instanceof LimitReached) return this.limitToken(e.limit, e.text, start);
      throw e;
    }
  }

  private limitToken(limit: CountLimit, text: string, offset: number): Token {
    this.pos = this.buf.length;
    const tag = /^[A-Z0-9]{0,3}/.exec(this.buf.toString("latin1", offset, offset + 3))?.[0] ?? "";
    return { kind: "limit", limit, offset, number: this.count, tag, text };
  }

  /** Whitespace between segments is layout, unless the interchange uses it as a service character. */
  private skipGap(): void {
    const { buf } = this;
    const s = this.seps;
    const service = s.component + s.element + s.segment + s.release + (s.repetition ?? "");
    while (this.pos < buf.length) {
      const b = buf[this.pos]!;
      if (b !== 0x20 && b !== 0x09 && b !== CR && b !== LF) return;
      if (service.includes(String.fromCharCode(b))) return;
      this.pos += 1;
    }
  }

  private startsWith(at: number, text: string): boolean {
    const { buf } = this;
    for (let k = 0; k < text.length; k++) if (buf[at + k] !== text.charCodeAt(k)) return false;
    return true;
  }

  private readAdvice(start: number): Token {
    const number = this.count;
    this.seps = defaultSeparators("3");
    this.adviceActive = false;
    if (this.buf.length - start < 9) {
      this.pos = this.buf.length;
      return {
        kind: "una",
        offset: start,
        number,
        fault: { code: 13, text: "service string advice is cut short" },
      };
    }
    this.pos = start + 9;
    const advised = separatorsFromAdvice(this.buf.toString("latin1", start + 3, start + 9));
    const fault = separatorFault(advised);
    if (fault) return { kind: "una", offset: start, number, fault };
    this.seps = advised;
    this.adviceActive = true;
    return { kind: "una", offset: start, number };
  }

  /** Picks the service characters and the decoder for the interchange whose UNB starts at `start`. */
  private enterInterchange(start: number): void {
    const seps = this.adviceActive ? this.seps : defaultSeparators("3");
    const { identifier, version } = this.peekSyntax(start, seps);
    if (!this.adviceActive) this.seps = defaultSeparators(version);
    this.seg.use(decoderFor(identifier, this.utf8));
  }

  /** Reads S001 (syntax identifier and version) before the UNB is split, since the version decides the separators. */
  private peekSyntax(start: number, seps: Separators): { identifier: string; version: string } {
    const { buf } = this;
    const es = code(seps.element);
    const cs = code(seps.component);
    const ss = code(seps.segment);
    let i = start + 3;
    if (buf[i] !== es) return { identifier: "", version: "" };
    i += 1;
    const parts = [i];
    while (i < buf.length && buf[i] !== es && buf[i] !== ss && parts.length < 3) {
      if (buf[i] === cs) parts.push(i + 1);
      i += 1;
    }
    const end = (k: number) => (parts[k + 1] === undefined ? i : parts[k + 1]! - 1);
    const identifier = buf.toString("latin1", parts[0], end(0));
    const version = parts[1] === undefined ? "" : buf.toString("latin1", parts[1], end(1));
    return { identifier, version };
  }

  private readSegment(start: number): Token {
    const { buf } = this;
    const n = buf.length;
    const cs = code(this.seps.component);
    const es = code(this.seps.element);
    const ss = code(this.seps.segment);
    const rc = code(this.seps.release);
    const rs = code(this.seps.repetition);
    const b = this.seg;
    b.reset(start);
    let lastSep = -1;
    let lastSepAt = -1;
    let terminated = false;
    let high = 0;
    let i = start;
    while (i < n) {
      const c = buf[i]!;
      if (c === rc) {
        const next = i + 1 < n ? buf[i + 1]! : -1;
        const service =
          next !== -1 && (next === cs || next === es || next === ss || next === rc || next === rs);
        if (!service) b.misusedRelease(next === -1);
        b.cut(i, high < 0x80);
        high = 0;
        // A released line break is still layout: values never carry one, so the writer can write them all back.
        const layout = !service && (next === CR || next === LF);
        b.chunk = layout ? i + 2 : i + 1;
        i = Math.min(i + 2, n);
        if (!layout && next !== -1) high |= next;
      } else if (c === ss || c === es || c === rs) {
        if (
          this.strictTrailing &&
          lastSepAt === i - 1 &&
          (c === ss ? lastSep !== -1 : lastSep === cs || lastSep === rs)
        ) {
          b.fault(45, "a separator comes right before a terminator or separator", false);
        }
        b.component(i, high < 0x80);
        high = 0;
        if (c === rs) b.occurrence();
        else b.element();
        i += 1;
        if (c === ss) {
          terminated = true;
          break;
        }
        b.chunk = i;
        lastSep = c;
        lastSepAt = i - 1;
      } else if (c === cs) {
        b.component(i, high < 0x80);
        high = 0;
        i += 1;
        b.chunk = i;
        lastSep = c;
        lastSepAt = i - 1;
      } else if (c === CR || c === LF) {
        // Line breaks inside a segment come from fixed-width line wrapping, not from the data.
        b.cut(i, high < 0x80);
        high = 0;
        i += 1;
        b.chunk = i;
      } else {
        high |= c;
        i += 1;
      }
    }
    if (!terminated) {
      b.component(i, high < 0x80);
      b.element();
    }
    this.pos = i;
    return b.token(this.count, terminated);
  }
}

/**
 * The parts of the segment being read. Kept across segments so reading one allocates only its
 * values and their arrays.
 */
class SegmentBuilder {
  chunk = 0;
  private start = 0;
  private tagElement: string[] | undefined;
  /**
   * Scratch lists, reused: each finished list is copied at its exact length, since an array grown by
   * push keeps spare room, which for a large tree costs more than the values.
   */
  private readonly elements: string[][] = [];
  private elementCount = 0;
  private readonly comps: string[] = [];
  private compCount = 0;
  private first: string[] | undefined;
  private extra: string[][] | undefined;
  private repeats: Record<number, string[][]> | undefined;
  /**
   * The bytes of a value that had release characters or line breaks taken out, decoded once the value
   * ends: no piece-by-piece strings, however many releases a hostile value holds.
   */
  private scratch = Buffer.alloc(256);
  private scratchLength = 0;
  private scratchAscii = true;
  private escaped = false;
  private faults: ElementFault[] | undefined;
  private misused = false;
  private readonly short = new Map<number, string>();

  constructor(
    private readonly buf: Buffer,
    private readonly limits: ParseLimits,
    private decode: Decode,
  ) {}

  use(decode: Decode): void {
    this.decode = decode;
  }

  reset(start: number): void {
    this.start = start;
    this.chunk = start;
    this.tagElement = undefined;
    this.elementCount = 0;
    this.compCount = 0;
    this.first = undefined;
    this.extra = undefined;
    this.repeats = undefined;
    this.faults = undefined;
    this.misused = false;
    this.scratchLength = 0;
    this.scratchAscii = true;
    this.escaped = false;
  }

  fault(code: SyntaxErrorCode, text: string, withComponent: boolean): void {
    const occurrence = this.first ? (this.extra?.length ?? 0) + 2 : undefined;
    (this.faults ??= []).push({
      code,
      text,
      element: this.tagElement === undefined ? 0 : this.elementCount + 1,
      ...(withComponent ? { component: this.compCount + 1 } : {}),
      ...(occurrence !== undefined ? { occurrence } : {}),
    });
  }

  /** A release character before a character that needs none: reported once per value. */
  misusedRelease(atEnd: boolean): void {
    if (this.misused) return;
    this.misused = true;
    const text = atEnd
      ? "the input ends with a release character"
      : "a release character precedes a character that is not a service character";
    this.fault(22, text, true);
  }

  /** Ends the current chunk of a value without ending the value (release character, line break). */
  cut(end: number, ascii: boolean): void {
    this.keep(end);
    this.scratchAscii &&= ascii;
    this.escaped = true;
  }

  private keep(end: number): void {
    const need = this.scratchLength + end - this.chunk;
    if (need > this.scratch.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.scratch.length * 2));
      this.scratch.copy(bigger, 0, 0, this.scratchLength);
      this.scratch = bigger;
    }
    this.buf.copy(this.scratch, this.scratchLength, this.chunk, end);
    this.scratchLength = need;
  }

  /**
   * The text of the current chunk. Codes and qualifiers of up to three ASCII characters are most of the
   * values: they are shared instead of allocated again, which makes a large tree much cheaper to build
   * and collect. The cache is per parse and bounded.
   */
  private value(end: number, ascii: boolean): string {
    const { buf, chunk } = this;
    const length = end - chunk;
    if (length === 0) return "";
    if (!ascii || length > 3) return this.decode(buf, chunk, end, ascii);
    let key = length;
    for (let k = chunk; k < end; k++) key = (key << 8) | buf[k]!;
    let text = this.short.get(key);
    if (text === undefined) {
      text = this.decode(buf, chunk, end, true);
      if (this.short.size < SHORT_VALUES) this.short.set(key, text);
    }
    return text;
  }

  component(end: number, ascii: boolean): void {
    let value: string;
    if (this.escaped) {
      this.keep(end);
      const ok = this.scratchAscii && ascii;
      value = this.scratchLength === 0 ? "" : this.decode(this.scratch, 0, this.scratchLength, ok);
      this.scratchLength = 0;
      this.scratchAscii = true;
      this.escaped = false;
    } else {
      value = this.value(end, ascii);
    }
    const { limits } = this;
    if (value.length > limits.maxComponentLength) {
      this.fault(39, `value of ${value.length} characters exceeds ${limits.maxComponentLength}`, true);
    }
    if (this.compCount >= limits.maxComponentsPerElement) {
      throw new LimitReached(
        "maxComponentsPerElement",
        `more than ${limits.maxComponentsPerElement} components`,
      );
    }
    this.comps[this.compCount++] = value;
    this.misused = false;
  }

  occurrence(): void {
    const { comps, compCount } = this;
    const done = compCount === 1 ? [comps[0]!] : comps.slice(0, compCount);
    this.compCount = 0;
    if (this.first === undefined) this.first = done;
    else (this.extra ??= []).push(done);
    if ((this.extra?.length ?? 0) >= this.limits.maxRepetitions) {
      throw new LimitReached("maxRepetitions", `more than ${this.limits.maxRepetitions} repetitions`);
    }
  }

  element(): void {
    this.occurrence();
    if (this.tagElement === undefined) {
      if (this.extra) this.fault(12, "the segment tag is repeated", false);
      this.tagElement = this.first;
    } else {
      if (this.extra) (this.repeats ??= {})[this.elementCount] = this.extra;
      this.elements[this.elementCount++] = this.first!;
    }
    this.first = undefined;
    this.extra = undefined;
    if (this.elementCount > this.limits.maxElementsPerSegment) {
      throw new LimitReached(
        "maxElementsPerSegment",
        `more than ${this.limits.maxElementsPerSegment} data elements`,
      );
    }
  }

  token(number: number, terminated: boolean): Token {
    const tagElement = this.tagElement!;
    const segment: Mutable<Segment> = {
      tag: tagElement[0]!,
      elements: this.elements.slice(0, this.elementCount),
      position: { offset: this.start, number },
    };
    if (tagElement.length > 1) segment.nesting = tagElement.slice(1);
    if (this.repeats) segment.repeats = this.repeats;
    return { kind: "segment", segment, terminated, faults: this.faults ?? NO_FAULTS };
  }
}
