/**
 * The business-rule catalogue: rules are data plus pure functions (DESIGN §7.3: every finding with a
 * JSON Pointer and a rule id, all collected, none thrown). docs/rules.md is generated from RULES.
 */
import type { DocumentType } from "../../../model/canonical.js";
import type { CanonicalDocument } from "../../../model/canonical.js";
import type { Issue } from "../../../errors/problem.js";
import { RULES } from "./catalogue.js";
import { Dossier } from "./dossier.js";
import { Findings } from "./findings.js";
import type { DocumentRule, DossierRule, RuleContext } from "./types.js";

export { RULES } from "./catalogue.js";
export {
  DEFAULT_RULES_CONFIG,
  RULE_CATEGORIES,
  type FieldRef,
  type RuleCategory,
  type RuleContext,
  type RuleDefinition,
  type RulesConfig,
  type Severity,
} from "./types.js";

/** Document rules by the type they apply to, and the dossier rules: split once, at load. */
const BY_TYPE = new Map<DocumentType, DocumentRule[]>();
const DOSSIER_RULES: DossierRule[] = [];
for (const r of RULES) {
  if (r.scope === "dossier") {
    DOSSIER_RULES.push(r);
    continue;
  }
  for (const t of r.types) {
    const list = BY_TYPE.get(t);
    if (list) list.push(r);
    else BY_TYPE.set(t, [r]);
  }
}

/**
 * Runs the catalogue. `documents` are the submission's (Issue.document indexes them); `related` are
 * the current versions of the consignment's other stored documents, read as context only: nothing is
 * reported about them. Returns every finding, errors and warnings.
 *
 * Rules are written for schema-valid documents. The pipeline also runs them on documents with schema
 * errors, so that a trader sees every problem at once; a rule that meets a field of the wrong type there
 * stops for that document, and the schema finding is the one reported. It never throws.
 */
export function runRules(
  documents: readonly CanonicalDocument[],
  related: readonly CanonicalDocument[],
  ctx: RuleContext,
): Issue[] {
  const dossier = new Dossier(documents, related);
  const out = new Findings();
  for (const e of dossier.entries) {
    if (e.index === undefined) continue;
    const rules = BY_TYPE.get(e.doc.type);
    if (!rules) continue;
    for (const r of rules) {
      out.rule = r;
      try {
        r.check(e, out, ctx);
      } catch {
        // A malformed document (see above): its schema findings say what is wrong.
      }
    }
  }
  for (const r of DOSSIER_RULES) {
    out.rule = r;
    try {
      r.check(dossier, out, ctx);
    } catch {
      // As above, for a rule reading a malformed document of the dossier.
    }
  }
  return out.issues;
}
