/**
 * UN/EDIFACT service code list 0085 "Syntax error, coded" (ISO 9735, syntax version 4 code list, as also
 * used in CONTRL for syntax version 3). Codes 1 to 11 were removed in 2001 and are not produced here.
 */
export const SYNTAX_ERRORS = {
  2: "Syntax version or level not supported",
  7: "Interchange recipient not actual recipient",
  12: "Invalid value",
  13: "Missing",
  14: "Value not supported in this position",
  15: "Not supported in this position",
  16: "Too many constituents",
  17: "No agreement",
  18: "Unspecified error",
  19: "Invalid decimal notation",
  20: "Character invalid as service character",
  21: "Invalid character(s)",
  22: "Invalid service character(s)",
  23: "Unknown interchange sender",
  24: "Too old",
  25: "Test indicator not supported",
  26: "Duplicate detected",
  27: "Security function not supported",
  28: "References do not match",
  29: "Control count does not match number of instances received",
  30: "Groups and messages/packages mixed",
  31: "More than one message type in group",
  32: "Lower level empty",
  33: "Invalid occurrence outside message, package or group",
  34: "Nesting indicator not allowed",
  35: "Too many data element or segment repetitions",
  36: "Too many segment group repetitions",
  37: "Invalid type of character(s)",
  38: "Missing digit in front of decimal sign",
  39: "Data element too long",
  40: "Data element too short",
  41: "Permanent communication network error",
  42: "Temporary communication network error",
  43: "Unknown interchange recipient",
  45: "Trailing separator",
  46: "Character set not supported",
  47: "Envelope functionality not supported",
  48: "Dependency notes condition violated",
} as const;

export type SyntaxErrorCode = keyof typeof SYNTAX_ERRORS;

/** The input limits a parse enforces; see `ParseLimits`. */
export type LimitName =
  | "maxBytes"
  | "maxSegments"
  | "maxElementsPerSegment"
  | "maxComponentsPerElement"
  | "maxRepetitions"
  | "maxComponentLength";

/** Where in the input a problem lies. */
export interface ProblemSegment {
  readonly number: number;
  readonly tag: string;
  readonly offset: number;
  readonly inMessage?: number;
}

/**
 * One syntax problem. `element` counts the data elements after the segment tag from 1 (0 is the tag
 * itself), as segment layouts do; CONTRL's S011/0098 counts the tag as 1, so it reports `element + 1`.
 */
export interface SyntaxProblem {
  readonly code: SyntaxErrorCode;
  readonly text: string;
  /** Index into `ParseResult.interchanges` of the interchange the problem belongs to. */
  readonly interchangeIndex?: number;
  /** Index into that interchange's `groups`. */
  readonly groupIndex?: number;
  /** Index into that interchange's `messages` (or into `strayMessages` when there is no interchange). */
  readonly messageIndex?: number;
  readonly segment?: ProblemSegment;
  /**
   * The service segment the problem concerns (CONTRL 0013), e.g. UNT for a wrong segment count or a
   * missing UNT; `segment` is then where the problem was noticed.
   */
  readonly serviceTag?: string;
  readonly element?: number;
  readonly component?: number;
  /** 1-based occurrence of a repeated data element. */
  readonly occurrence?: number;
  /** Set when a limit stopped the parse: nothing after `segment` was read. */
  readonly limit?: LimitName;
}
