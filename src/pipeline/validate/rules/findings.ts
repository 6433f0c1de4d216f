import type { Issue } from "../../../errors/problem.js";
import type { DocEntry, RuleDefinition } from "./types.js";

/**
 * Collects the findings of one run. The runner sets `rule` before each rule, so rules report
 * without building rule metadata into every call. Findings on related documents are dropped:
 * they are context, already accepted in an earlier submission.
 */
export class Findings {
  readonly issues: Issue[] = [];
  rule: RuleDefinition | undefined;

  add(entry: DocEntry, pointer: string, detail?: string): void {
    if (entry.index === undefined || this.rule === undefined) return;
    const r = this.rule;
    const text = detail ?? r.message;
    this.issues.push({
      message: r.article ? `${text} (${r.article})` : text,
      pointer,
      ruleId: r.id,
      severity: r.severity,
      document: entry.index,
    });
  }

  /** Cross-document findings: on the first document when it was submitted, else on the second. */
  addEither(a: DocEntry, pa: string, b: DocEntry, pb: string, detail?: string): void {
    if (a.index !== undefined) this.add(a, pa, detail);
    else this.add(b, pb, detail);
  }
}
