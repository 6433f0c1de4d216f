import { defaultSeparators } from "./separators.js";
import type { GroupData, InterchangeData, MessageData, Party, SegmentData, Separators } from "./types.js";
import { writeInterchange, type WriteOptions } from "./writer.js";

/** A segment as data, or in short form: `["DTM", ["137", "20240131", "102"]]`, `["BGM", "929", "A1", "9"]`. */
export type SegmentInput = SegmentData | readonly [tag: string, ...elements: (string | readonly string[])[]];

export interface InterchangeInit {
  readonly sender: Party | string;
  readonly recipient: Party | string;
  readonly controlRef: string;
  /** Written as S004 in UTC: CCYYMMDD in syntax 4, YYMMDD before it, and HHMM. */
  readonly preparedAt: Date;
  /** Defaults to UNOC, syntax version 3. */
  readonly syntax?: { readonly identifier: string; readonly version: string };
  /** Defaults to the syntax version's default separators. */
  readonly separators?: Separators;
  readonly ackRequest?: boolean;
  readonly test?: boolean;
  readonly applicationReference?: string;
  readonly agreementId?: string;
  readonly recipientReference?: { readonly ref: string; readonly qualifier?: string };
}

export type GroupInit = Omit<GroupData, "ref" | "date" | "time"> & { readonly ref?: string };

export interface MessageOptions {
  /** Defaults to the message's 1-based position in the interchange. */
  readonly ref?: string;
  readonly associationCode?: string;
  readonly commonAccessReference?: string;
}

const toParty = (p: Party | string): Party => (typeof p === "string" ? { id: p } : p);

const toSegment = (s: SegmentInput): SegmentData => {
  if (!Array.isArray(s)) return s as SegmentData;
  const [tag, ...elements] = s as readonly [string, ...(string | readonly string[])[]];
  return { tag, elements: elements.map((e) => (typeof e === "string" ? [e] : [...e])) };
};

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Builds an interchange message by message:
 * `interchange({ sender, recipient, controlRef, preparedAt }).message("CUSDEC", "D", "96B", "UN", segments).write()`.
 * Calling `group()` puts the messages that follow in a new functional group.
 */
export class InterchangeBuilder {
  private readonly groups: GroupData[] = [];
  private readonly messages: MessageData[] = [];
  private readonly base: Omit<InterchangeData, "groups" | "messages">;

  constructor(init: InterchangeInit) {
    const syntax = init.syntax ?? { identifier: "UNOC", version: "3" };
    const t = init.preparedAt;
    const year = String(t.getUTCFullYear());
    const date = `${syntax.version === "4" ? year : year.slice(2)}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}`;
    this.base = {
      separators: init.separators ?? defaultSeparators(syntax.version),
      syntax,
      sender: toParty(init.sender),
      recipient: toParty(init.recipient),
      date,
      time: `${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}`,
      controlRef: init.controlRef,
      ...(init.recipientReference ? { recipientReference: init.recipientReference } : {}),
      ...(init.applicationReference ? { applicationReference: init.applicationReference } : {}),
      ...(init.ackRequest ? { ackRequest: "1" } : {}),
      ...(init.agreementId ? { agreementId: init.agreementId } : {}),
      ...(init.test ? { testIndicator: "1" } : {}),
    };
  }

  group(init: GroupInit): this {
    const { ref, ...rest } = init;
    this.groups.push({
      ...rest,
      ref: ref ?? String(this.groups.length + 1),
      date: this.base.date,
      time: this.base.time,
    });
    return this;
  }

  message(
    type: string,
    version: string,
    release: string,
    agency: string,
    segments: readonly SegmentInput[],
    options: MessageOptions = {},
  ): this {
    this.messages.push({
      ref: options.ref ?? String(this.messages.length + 1),
      type,
      version,
      release,
      agency,
      ...(options.associationCode ? { associationCode: options.associationCode } : {}),
      ...(options.commonAccessReference ? { commonAccessReference: options.commonAccessReference } : {}),
      ...(this.groups.length > 0 ? { group: this.groups.length - 1 } : {}),
      segments: segments.map(toSegment),
    });
    return this;
  }

  build(): InterchangeData {
    return { ...this.base, groups: [...this.groups], messages: [...this.messages] };
  }

  write(options?: WriteOptions): string {
    return writeInterchange(this.build(), options);
  }
}

export function interchange(init: InterchangeInit): InterchangeBuilder {
  return new InterchangeBuilder(init);
}
