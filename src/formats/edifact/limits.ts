import type { LimitName } from "./syntax-errors.js";

/**
 * Bounds on what one parse accepts, so hostile input cannot exhaust memory or time. Exceeding a count
 * stops the parse with a problem naming the limit; an over-long component is reported (code 39) and kept,
 * since the byte limit already bounds its size.
 */
export type ParseLimits = Readonly<Record<LimitName, number>>;

export const DEFAULT_LIMITS: ParseLimits = {
  maxBytes: 16 * 1024 * 1024,
  maxSegments: 500_000,
  maxElementsPerSegment: 99,
  maxComponentsPerElement: 99,
  maxRepetitions: 999,
  /** The longest data element in the UN/EDIFACT directories is an..512 (e.g. 4440 free text). */
  maxComponentLength: 512,
};
