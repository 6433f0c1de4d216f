/**
 * The UN/EDIFACT interchange tree (ISO 9735 syntax versions 1 to 4).
 *
 * Each `…Data` type is what the writer needs; the parser returns the matching type that adds where every
 * part was found in the input. Values are decoded text with release characters removed. An absent or empty
 * optional value is `undefined`, never "".
 */

/** The service characters of one interchange (UNA, or the defaults of its syntax version). */
export interface Separators {
  readonly component: string;
  readonly element: string;
  readonly decimalMark: string;
  readonly release: string;
  /** The repetition separator: `*` by default in syntax version 4, none in versions 1 to 3. */
  readonly repetition?: string;
  readonly segment: string;
}

/** Where a segment was found. */
export interface SegmentPosition {
  /** Byte offset of the segment's first byte in the input. */
  readonly offset: number;
  /** 1-based ordinal of the segment in the input; a UNA counts as a segment. */
  readonly number: number;
  /** 1-based position inside its message, UNH being 1 (CONTRL UCS data element 0096). */
  readonly inMessage?: number;
}

export interface SegmentData {
  readonly tag: string;
  /** Explicit nesting indicators: further components of the segment tag element (rarely used). */
  readonly nesting?: readonly string[];
  /**
   * The data elements after the tag, each as its list of components. A repeated data element (syntax
   * version 4) holds its first occurrence here.
   */
  readonly elements: readonly (readonly string[])[];
  /** For each repeated data element, keyed by its 0-based index in `elements`: the occurrences after the first. */
  readonly repeats?: Readonly<Record<number, readonly (readonly string[])[]>>;
}

export interface Segment extends SegmentData {
  readonly position: SegmentPosition;
}

/** An interchange or application party (S002/S003, S006/S007). */
export interface Party {
  readonly id: string;
  /** Identification code qualifier (0007). */
  readonly qualifier?: string;
  /**
   * Third component (0008 in S002, 0014 in S003): the routing address before syntax 4, the internal
   * identification from it. Not used in groups.
   */
  readonly internalId?: string;
  /** Fourth component, syntax 4 (0042 in S002, 0046 in S003): internal sub-identification. */
  readonly internalSubId?: string;
}

export interface SyntaxIdentifier {
  /** 0001, e.g. UNOA, UNOC, UNOW. */
  readonly identifier: string;
  /** 0002: "1" to "4". */
  readonly version: string;
  /** 0080 service code list directory version (syntax 4). */
  readonly serviceCodeListVersion?: string;
  /** 0133 character encoding (syntax 4). */
  readonly characterEncoding?: string;
}

export interface MessageData {
  /** 0062 message reference number. */
  readonly ref: string;
  /** 0065 message type, e.g. CUSDEC. */
  readonly type: string;
  /** 0052 message version number, e.g. "D". */
  readonly version: string;
  /** 0054 message release number, e.g. "96B". */
  readonly release: string;
  /** 0051 controlling agency, e.g. "UN". */
  readonly agency: string;
  /** 0057 association assigned code, e.g. "EAN008". */
  readonly associationCode?: string;
  /** 0110 code list directory version number (syntax 4). */
  readonly codeListVersion?: string;
  /** 0113 message type sub-function identification (syntax 4). */
  readonly subFunction?: string;
  /** 0068 common access reference. */
  readonly commonAccessReference?: string;
  /** S010 status of the transfer: 0070 sequence and 0073 first/last marker. */
  readonly transfer?: { readonly sequence: string; readonly marker?: string };
  /** S016, S017, S018 (syntax 4) as their raw components. */
  readonly subset?: readonly string[];
  readonly guideline?: readonly string[];
  readonly scenario?: readonly string[];
  /** Index into the interchange's `groups` when the message is inside a functional group. */
  readonly group?: number;
  /** The segments between UNH and UNT. */
  readonly segments: readonly SegmentData[];
}

export interface Message extends MessageData {
  readonly segments: readonly Segment[];
  readonly unh: SegmentPosition;
  /** Absent when the message was not terminated by a UNT. */
  readonly unt?: SegmentPosition;
}

export interface GroupData {
  /** 0048 group reference number. */
  readonly ref: string;
  /** 0038 message group identification (the message type in syntax 1 to 3). */
  readonly messageGroupId?: string;
  readonly applicationSender?: Party;
  readonly applicationRecipient?: Party;
  /** S004 date (YYMMDD, or CCYYMMDD in syntax 4) and time (HHMM). */
  readonly date?: string;
  readonly time?: string;
  /** 0051 controlling agency. */
  readonly agency?: string;
  /** S008 message version: 0052, 0054, 0057. */
  readonly messageVersion?: {
    readonly version: string;
    readonly release?: string;
    readonly associationCode?: string;
  };
  /** 0058 application password. */
  readonly password?: string;
}

export interface Group extends GroupData {
  readonly ung: SegmentPosition;
  /** Absent when the group was not terminated by a UNE. */
  readonly une?: SegmentPosition;
}

export interface InterchangeData {
  readonly separators: Separators;
  readonly syntax: SyntaxIdentifier;
  readonly sender: Party;
  readonly recipient: Party;
  /** S004 date of preparation: YYMMDD (syntax 1 to 3) or CCYYMMDD (syntax 4). */
  readonly date: string;
  /** S004 time of preparation: HHMM. */
  readonly time: string;
  /** 0020 interchange control reference. */
  readonly controlRef: string;
  /** S005 recipient's reference/password (0022) and its qualifier (0025). */
  readonly recipientReference?: { readonly ref: string; readonly qualifier?: string };
  /** 0026 application reference. */
  readonly applicationReference?: string;
  /** 0029 processing priority code. */
  readonly priority?: string;
  /** 0031 acknowledgement request: "1" asks for a CONTRL. */
  readonly ackRequest?: string;
  /** 0032 interchange agreement identifier. */
  readonly agreementId?: string;
  /** 0035 test indicator: "1" marks a test interchange. */
  readonly testIndicator?: string;
  readonly groups: readonly GroupData[];
  /** Every message of the interchange, in order, including those inside groups. */
  readonly messages: readonly MessageData[];
}

export interface Interchange extends InterchangeData {
  readonly groups: readonly Group[];
  readonly messages: readonly Message[];
  /** Present when the interchange began with a service string advice. */
  readonly una?: SegmentPosition;
  readonly unb: SegmentPosition;
  /** Absent when the interchange was not terminated by a UNZ. */
  readonly unz?: SegmentPosition;
}
