import type { Issue } from "../../errors/problem.js";
import { ProblemError } from "../../errors/problem.js";
import type { ParseResult } from "./envelope.js";
import { SYNTAX_ERRORS, type SyntaxProblem } from "./syntax-errors.js";

/** "segment 12 (UNT), element 1, component 2": positions as a person reads them off the file. */
export function locate(p: SyntaxProblem): string | undefined {
  if (!p.segment) return undefined;
  const parts = [`segment ${p.segment.number} (${p.segment.tag || "no tag"})`];
  if (p.element !== undefined) parts.push(p.element === 0 ? "segment tag" : `element ${p.element}`);
  if (p.occurrence !== undefined) parts.push(`occurrence ${p.occurrence}`);
  if (p.component !== undefined) parts.push(`component ${p.component}`);
  return parts.join(", ");
}

/** Syntax problems as issues of an RFC 9457 problem; the rule id names the 0085 code. */
export function toIssues(problems: readonly SyntaxProblem[]): Issue[] {
  return problems.map((p) => {
    const location = locate(p);
    return {
      message: `${SYNTAX_ERRORS[p.code]}: ${p.text}`,
      ...(location !== undefined ? { location } : {}),
      ruleId: `EDIFACT-0085-${p.code}`,
      severity: "error",
    };
  });
}

/**
 * The error to answer a submission with, or undefined when the parse found no problem: a body over the
 * byte limit is SWG_BODY_TOO_LARGE, anything else SWG_MALFORMED_EDIFACT, with every problem as an issue.
 */
export function toProblemError(result: ParseResult): ProblemError | undefined {
  const { problems } = result;
  if (problems.length === 0) return undefined;
  if (problems.some((p) => p.limit === "maxBytes"))
    return new ProblemError("SWG_BODY_TOO_LARGE", problems[0]!.text, toIssues(problems));
  const detail = `${problems.length} syntax problem${problems.length === 1 ? "" : "s"} in the UN/EDIFACT interchange`;
  return new ProblemError("SWG_MALFORMED_EDIFACT", detail, toIssues(problems));
}
