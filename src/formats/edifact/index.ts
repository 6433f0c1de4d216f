/** UN/EDIFACT syntax layer (ISO 9735 versions 1 to 4): parse, write, acknowledge (CONTRL), read. */
export type * from "./types.js";
export { parseEdifact, type ParseOptions, type ParseResult } from "./parse.js";
export { DEFAULT_LIMITS, type ParseLimits } from "./limits.js";
export {
  SYNTAX_ERRORS,
  type LimitName,
  type ProblemSegment,
  type SyntaxErrorCode,
  type SyntaxProblem,
} from "./syntax-errors.js";
export { defaultSeparators } from "./separators.js";
export { writeInterchange, EdifactWriteError, type WriteOptions } from "./writer.js";
export {
  interchange,
  InterchangeBuilder,
  type GroupInit,
  type InterchangeInit,
  type MessageOptions,
  type SegmentInput,
} from "./builder.js";
export { acknowledge, type ContrlDecision, type ContrlOptions } from "./contrl-build.js";
export {
  readContrl,
  type ContrlError,
  type ContrlGroupReport,
  type ContrlMessageReport,
  type ContrlReading,
  type ContrlReport,
  type ContrlSegmentReport,
  type ContrlStatus,
} from "./contrl-read.js";
export {
  directoryRank,
  find,
  findAll,
  messageDirectory,
  occurrences,
  qualifier,
  readDtm,
  segmentGroups,
  value,
  type DateTimePeriod,
  type GroupSpec,
} from "./reading.js";
export { parseDate, type EdifactDate } from "./dates.js";
export { parseDecimal, parseNumber } from "./numbers.js";
export { locate, toIssues, toProblemError } from "./issues.js";
