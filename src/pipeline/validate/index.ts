import { ProblemError, type Issue } from "../../errors/index.js";
import { sourceFor } from "../../formats/mapping.js";
import type { CanonicalDocument } from "../../model/canonical.js";
import type { PreparedDoc } from "../types.js";
import { schemaIssues, type SchemaSet } from "./schemas.js";

/** The rule catalogue's entry point (src/pipeline/validate/rules), injected so tests can swap it. */
export type RuleRunner = (
  documents: readonly CanonicalDocument[],
  related: readonly CanonicalDocument[],
  now: Date,
) => Issue[];

export interface Findings {
  readonly errors: readonly Issue[];
  readonly warnings: readonly Issue[];
}

/**
 * Collects every finding (mapping, schema, code lists, business and cross-document rules) and
 * adds the original's XPath to each. Rules run even on documents with schema errors, so that a
 * trader sees every problem at once; rules must therefore tolerate missing or mistyped fields.
 */
export function validate(
  docs: readonly PreparedDoc[],
  related: readonly CanonicalDocument[],
  schemas: SchemaSet,
  rules: RuleRunner,
  now: Date,
): Findings {
  const all: Issue[] = [];
  for (const d of docs) {
    for (const i of d.report.issues) all.push({ ...i, document: d.index });
    const v = schemas.validator(d.canonical.type);
    if (!v) {
      all.push({
        message: `no schema for type ${d.canonical.type}`,
        pointer: "/type",
        document: d.index,
        ruleId: "SCHEMA-type",
      });
    } else if (!v(d.canonical)) {
      all.push(...schemaIssues(v.errors, d.index));
    }
  }
  all.push(
    ...rules(
      docs.map((d) => d.canonical),
      related,
      now,
    ),
  );
  const located = all.map((i) => {
    const doc = i.document !== undefined ? docs[i.document] : undefined;
    const xpath = i.xpath ?? (doc && i.pointer ? sourceFor(doc.sourceMap, i.pointer) : undefined);
    return { severity: "error" as const, ...i, ...(xpath ? { xpath } : {}) };
  });
  return {
    errors: located.filter((i) => i.severity === "error"),
    warnings: located.filter((i) => i.severity === "warning"),
  };
}

export function failOnErrors(f: Findings): void {
  if (f.errors.length === 0) return;
  throw new ProblemError(
    "SWG_VALIDATION_FAILED",
    `${f.errors.length} error${f.errors.length === 1 ? "" : "s"} found`,
    [...f.errors, ...f.warnings],
  );
}
