import { layoutFaults } from "./service-layout.js";
import { readTrailer, readUnb, readUng, readUnh } from "./service-read.js";
import type { ProblemSegment, SyntaxErrorCode, SyntaxProblem } from "./syntax-errors.js";
import type { CountLimit, ElementFault, Token, Tokenizer } from "./tokenizer.js";
import type {
  Group,
  GroupData,
  Interchange,
  Message,
  MessageData,
  Segment,
  SegmentPosition,
} from "./types.js";

export interface ParseResult {
  readonly interchanges: readonly Interchange[];
  /** Messages found outside any interchange (no UNB before them); a problem always says so. */
  readonly strayMessages: readonly Message[];
  readonly problems: readonly SyntaxProblem[];
}

type SegmentToken = Extract<Token, { kind: "segment" }>;
type Header = Omit<Interchange, "groups" | "messages" | "una" | "unb" | "unz">;
/** A segment as far as positions go; also where a missing one was noticed. */
type Place = Pick<Segment, "tag" | "position">;

interface Scope {
  readonly interchangeIndex?: number;
  readonly groupIndex?: number;
  readonly messageIndex?: number;
}
interface OpenInterchange {
  readonly index: number;
  readonly header: Header;
  readonly una?: SegmentPosition;
  readonly unb: SegmentPosition;
  readonly groups: Group[];
  readonly messages: Message[];
  loose: number;
}
interface OpenGroup {
  readonly index: number;
  readonly data: GroupData;
  readonly ung: SegmentPosition;
  messages: number;
  type?: string;
}
interface OpenMessage {
  readonly index: number;
  readonly header: Omit<MessageData, "segments" | "group">;
  readonly group?: number;
  readonly unh: SegmentPosition;
  readonly segments: Segment[];
}

/** 16 too many constituents, 35 too many repetitions; no code fits a segment count, so 18 unspecified. */
const LIMIT_CODES: Readonly<Record<CountLimit, SyntaxErrorCode>> = {
  maxSegments: 18,
  maxElementsPerSegment: 16,
  maxComponentsPerElement: 16,
  maxRepetitions: 35,
};

const DATA_TAG = /^[A-Z][A-Z0-9]{2}$/;

const placed = ({ tag, position: p }: Place): ProblemSegment =>
  p.inMessage === undefined
    ? { number: p.number, tag, offset: p.offset }
    : { number: p.number, tag, offset: p.offset, inMessage: p.inMessage };

const inMessage = (p: Place, n: number): Place => ({ tag: p.tag, position: { ...p.position, inMessage: n } });

/**
 * Builds the interchange tree from the tokens and checks the envelope: the nesting of UNB/UNG/UNH and
 * their trailers, control counts and references, and the layout of the service segments. It recovers
 * from every problem (a missing trailer closes its level; a stray segment is reported and skipped), so
 * one parse reports everything it can.
 */
export class Envelope {
  private readonly interchanges: Interchange[] = [];
  private readonly stray: Message[] = [];
  private readonly problems: SyntaxProblem[] = [];
  private ic: OpenInterchange | undefined;
  private group: OpenGroup | undefined;
  private msg: OpenMessage | undefined;
  private una: { place: Place; fault?: { code: SyntaxErrorCode; text: string } } | undefined;
  private outsideReported = false;
  private last: Place | undefined;

  constructor(private readonly tokens: Tokenizer) {}

  run(): ParseResult {
    for (let t = this.tokens.next(); t !== undefined; t = this.tokens.next()) {
      switch (t.kind) {
        case "una":
          this.onAdvice({ tag: "UNA", position: { offset: t.offset, number: t.number } }, t.fault);
          break;
        case "segment":
          this.onSegment(t);
          this.last = t.segment;
          break;
        case "limit": {
          const segment = { number: t.number, tag: t.tag, offset: t.offset };
          this.add(this.scope(), { code: LIMIT_CODES[t.limit], text: t.text, segment, limit: t.limit });
          this.closeAll(undefined);
          return this.result();
        }
      }
    }
    if (this.una) this.danglingAdvice();
    this.closeAll(this.last);
    return this.result();
  }

  private result(): ParseResult {
    return { interchanges: this.interchanges, strayMessages: this.stray, problems: this.problems };
  }

  private scope(): Scope {
    const ic = this.ic;
    if (!ic) return this.msg ? { messageIndex: this.msg.index } : {};
    return {
      interchangeIndex: ic.index,
      ...(this.group ? { groupIndex: this.group.index } : {}),
      ...(this.msg ? { messageIndex: this.msg.index } : {}),
    };
  }

  private add(scope: Scope, problem: Omit<SyntaxProblem, keyof Scope>): void {
    this.problems.push({ ...problem, ...scope });
  }

  /** Reports what the tokenizer found inside a segment, and a missing terminator. */
  private segmentFaults(
    t: SegmentToken,
    at: Place,
    serviceTag?: string,
    extra: readonly ElementFault[] = [],
  ): void {
    const faults = extra.length > 0 ? [...extra, ...t.faults] : t.faults;
    if (faults.length === 0 && t.terminated) return;
    const scope = this.scope();
    const where = { segment: placed(at), ...(serviceTag ? { serviceTag } : {}) };
    for (const fault of faults) this.add(scope, { ...fault, ...where });
    if (!t.terminated) this.add(scope, { code: 13, text: `${at.tag} has no segment terminator`, ...where });
  }

  private serviceFaults(t: SegmentToken, at: Place, valueFaults: readonly ElementFault[] = []): void {
    const layout = layoutFaults(t.segment, this.ic?.header.syntax.version ?? "");
    this.segmentFaults(t, at, at.tag, [...layout, ...valueFaults]);
  }

  private onAdvice(at: Place, fault?: { code: SyntaxErrorCode; text: string }): void {
    if (this.una) this.danglingAdvice();
    if (this.ic) this.closeInterchange(at, "a service string advice");
    this.una = { place: at, ...(fault ? { fault } : {}) };
  }

  private danglingAdvice(): void {
    const una = this.una!;
    this.una = undefined;
    const segment = placed(una.place);
    if (una.fault) this.add({}, { ...una.fault, segment, serviceTag: "UNA" });
    this.add(
      {},
      { code: 13, text: "the service string advice is not followed by a UNB", segment, serviceTag: "UNB" },
    );
  }

  private onSegment(t: SegmentToken): void {
    const { tag } = t.segment;
    if (tag === "UNB") return this.openInterchange(t);
    if (this.una) this.danglingAdvice();
    if (!this.ic) return this.outside(t);
    switch (tag) {
      case "UNG":
        return this.openGroup(t);
      case "UNE":
        return this.closeGroupAt(t);
      case "UNH":
        return this.openMessage(t);
      case "UNT":
        return this.closeMessageAt(t);
      case "UNZ":
        return this.closeInterchangeAt(t);
      default:
        if (this.msg) return this.body(t);
        this.add(this.scope(), {
          code: 33,
          text: `${tag || "an empty segment"} outside a message`,
          segment: placed(t.segment),
        });
    }
  }

  /** Segments before the first UNB or after a UNZ: messages among them are kept as stray messages. */
  private outside(t: SegmentToken): void {
    const seg = t.segment;
    if (this.msg) {
      if (seg.tag === "UNT") return this.closeMessageAt(t);
      if (!["UNH", "UNG", "UNE", "UNZ"].includes(seg.tag)) return this.body(t);
      this.closeMessage(seg);
    }
    if (!this.outsideReported) {
      this.outsideReported = true;
      const previous = this.interchanges.length - 1;
      const found = seg.tag || "an empty segment";
      if (previous >= 0) {
        const text = `${found} after the end of the interchange`;
        this.add({ interchangeIndex: previous }, { code: 33, text, segment: placed(seg) });
      } else {
        const text = `UNB missing: the input starts with ${found}`;
        this.add({}, { code: 13, text, segment: placed(seg), serviceTag: "UNB" });
      }
    }
    if (seg.tag === "UNH") this.openMessage(t);
  }

  private openInterchange(t: SegmentToken): void {
    const seg = t.segment;
    const una = this.una;
    this.una = undefined;
    if (this.ic) this.closeInterchange(seg, "the next UNB");
    if (this.msg) this.closeMessage(seg);
    const { header, faults } = readUnb(seg);
    const index = this.interchanges.length;
    this.ic = {
      index,
      header: { ...header, separators: this.tokens.separators },
      ...(una ? { una: una.place.position } : {}),
      unb: seg.position,
      groups: [],
      messages: [],
      loose: 0,
    };
    this.outsideReported = false;
    if (una?.fault)
      this.add({ interchangeIndex: index }, { ...una.fault, segment: placed(una.place), serviceTag: "UNA" });
    this.serviceFaults(t, seg, faults);
  }

  private openGroup(t: SegmentToken): void {
    const ic = this.ic!;
    const seg = t.segment;
    if (this.msg) this.closeMessage(seg);
    if (this.group) this.closeGroup(seg);
    if (ic.loose > 0) {
      const text = "a group follows messages that are outside groups";
      this.add({ interchangeIndex: ic.index }, { code: 30, text, segment: placed(seg), serviceTag: "UNG" });
    }
    const { group, faults } = readUng(seg);
    this.group = { index: ic.groups.length, data: group, ung: seg.position, messages: 0 };
    this.serviceFaults(t, seg, faults);
  }

  private closeGroupAt(t: SegmentToken): void {
    const seg = t.segment;
    if (this.msg) this.closeMessage(seg);
    const group = this.group;
    if (!group) {
      this.add(this.scope(), {
        code: 33,
        text: "UNE without a UNG",
        segment: placed(seg),
        serviceTag: "UNE",
      });
      return;
    }
    this.serviceFaults(t, seg);
    this.checkTrailer(t, seg, group.messages, group.data.ref, "messages in the group");
    if (group.messages === 0) {
      this.add(this.scope(), {
        code: 32,
        text: "the group contains no messages",
        segment: placed(seg),
        serviceTag: "UNE",
      });
    }
    this.finishGroup(group, seg.position);
  }

  private openMessage(t: SegmentToken): void {
    const seg = t.segment;
    if (this.msg) this.closeMessage(seg);
    const ic = this.ic;
    if (ic && !this.group) {
      if (ic.groups.length > 0) {
        const text = "a message outside a group follows a group";
        this.add({ interchangeIndex: ic.index }, { code: 30, text, segment: placed(seg), serviceTag: "UNH" });
      }
      ic.loose += 1;
    }
    const header = readUnh(seg);
    const group = this.group;
    const unh = inMessage(seg, 1);
    this.msg = {
      index: ic ? ic.messages.length : this.stray.length,
      header,
      ...(group ? { group: group.index } : {}),
      unh: unh.position,
      segments: [],
    };
    if (group) {
      group.messages += 1;
      if (group.type === undefined) group.type = header.type;
      else if (group.type !== header.type) {
        const text = `${header.type} in a group of ${group.type} messages`;
        this.add(this.scope(), {
          code: 31,
          text,
          segment: placed(unh),
          serviceTag: "UNH",
          element: 2,
          component: 1,
        });
      }
    }
    this.serviceFaults(t, unh);
  }

  private body(t: SegmentToken): void {
    const msg = this.msg!;
    const seg = t.segment;
    // The tokenizer leaves the position open for this: no copy per segment.
    (seg.position as { inMessage?: number }).inMessage = msg.segments.length + 2;
    msg.segments.push(seg);
    const tagOk = DATA_TAG.test(seg.tag);
    if (tagOk && t.faults.length === 0 && t.terminated) return;
    if (!tagOk) {
      const text = `segment tag "${seg.tag}" is not three capital letters or digits`;
      this.add(this.scope(), { code: 12, text, segment: placed(seg), element: 0 });
    }
    this.segmentFaults(t, seg);
  }

  private closeMessageAt(t: SegmentToken): void {
    const msg = this.msg;
    const seg = t.segment;
    if (!msg) {
      this.add(this.scope(), {
        code: 33,
        text: "UNT without a UNH",
        segment: placed(seg),
        serviceTag: "UNT",
      });
      return;
    }
    const count = msg.segments.length + 2;
    const unt = inMessage(seg, count);
    this.serviceFaults(t, unt);
    this.checkTrailer(t, unt, count, msg.header.ref, "segments from UNH to UNT");
    this.finishMessage(msg, unt.position);
  }

  private closeInterchangeAt(t: SegmentToken): void {
    const ic = this.ic!;
    const seg = t.segment;
    if (this.msg) this.closeMessage(seg);
    if (this.group) this.closeGroup(seg);
    this.serviceFaults(t, seg);
    const grouped = ic.groups.length > 0;
    const count = grouped ? ic.groups.length : ic.messages.length;
    this.checkTrailer(t, seg, count, ic.header.controlRef, grouped ? "groups" : "messages");
    if (count === 0) {
      const text = "the interchange contains no messages";
      this.add({ interchangeIndex: ic.index }, { code: 32, text, segment: placed(seg), serviceTag: "UNZ" });
    }
    this.finishInterchange(ic, seg.position);
  }

  /** UNT, UNE, UNZ: the count (element 1) and the reference (element 2) against what was received. */
  private checkTrailer(t: SegmentToken, at: Place, actual: number, ref: string, what: string): void {
    const trailer = readTrailer(t.segment);
    const scope = this.scope();
    const where = { segment: placed(at), serviceTag: at.tag };
    if (trailer.count !== undefined) {
      if (!/^\d+$/.test(trailer.count)) {
        const text = `${at.tag} control count "${trailer.count}" is not a number`;
        this.add(scope, { code: 12, text, ...where, element: 1 });
      } else if (Number(trailer.count) !== actual) {
        const text = `${at.tag} counts ${trailer.count} but there are ${actual} ${what}`;
        this.add(scope, { code: 29, text, ...where, element: 1 });
      }
    }
    if (trailer.ref !== undefined && ref !== "" && trailer.ref !== ref) {
      const text = `${at.tag} reference "${trailer.ref}" does not match "${ref}"`;
      this.add(scope, { code: 28, text, ...where, element: 2 });
    }
  }

  /** Closes an unterminated message; `instead` is what came where its UNT should be (none after a limit). */
  private closeMessage(instead: Place | undefined): void {
    const msg = this.msg!;
    if (instead) {
      const text = `UNT missing: message "${msg.header.ref}" is not terminated`;
      this.add(this.scope(), { code: 13, text, segment: placed(instead), serviceTag: "UNT" });
    }
    this.finishMessage(msg, undefined);
  }

  private closeGroup(instead: Place | undefined): void {
    const group = this.group!;
    if (instead) {
      const text = `UNE missing: group "${group.data.ref}" is not terminated`;
      this.add(this.scope(), { code: 13, text, segment: placed(instead), serviceTag: "UNE" });
    }
    this.finishGroup(group, undefined);
  }

  private closeInterchange(instead: Place | undefined, what?: string): void {
    const ic = this.ic!;
    if (this.msg) this.closeMessage(instead);
    if (this.group) this.closeGroup(instead);
    if (instead) {
      const text = `UNZ missing: interchange "${ic.header.controlRef}" ends ${what ? `at ${what}` : "with the input"}`;
      this.add(
        { interchangeIndex: ic.index },
        { code: 13, text, segment: placed(instead), serviceTag: "UNZ" },
      );
    }
    this.finishInterchange(ic, undefined);
  }

  /** At the end of the input, or silently after a limit stopped the parse. */
  private closeAll(last: Place | undefined): void {
    if (this.ic) this.closeInterchange(last);
    else if (this.msg) this.closeMessage(last);
  }

  private finishMessage(msg: OpenMessage, unt: SegmentPosition | undefined): void {
    const message: Message = {
      ...msg.header,
      ...(msg.group !== undefined ? { group: msg.group } : {}),
      segments: msg.segments,
      unh: msg.unh,
      ...(unt ? { unt } : {}),
    };
    (this.ic ? this.ic.messages : this.stray).push(message);
    this.msg = undefined;
  }

  private finishGroup(group: OpenGroup, une: SegmentPosition | undefined): void {
    this.ic!.groups.push({ ...group.data, ung: group.ung, ...(une ? { une } : {}) });
    this.group = undefined;
  }

  private finishInterchange(ic: OpenInterchange, unz: SegmentPosition | undefined): void {
    this.interchanges.push({
      ...ic.header,
      groups: ic.groups,
      messages: ic.messages,
      ...(ic.una ? { una: ic.una } : {}),
      unb: ic.unb,
      ...(unz ? { unz } : {}),
    });
    this.ic = undefined;
  }
}
