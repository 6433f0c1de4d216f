import type { CanonicalDocument, DocumentType } from "../../../model/canonical.js";
import type { DocFacts } from "./facts.js";
import type { Findings } from "./findings.js";
import type { Dossier } from "./dossier.js";

export type Severity = "error" | "warning";

export const RULE_CATEGORIES = [
  "arithmetic",
  "identifier",
  "code-list",
  "document",
  "cross-document",
  "lc",
  "dates",
] as const;
export type RuleCategory = (typeof RULE_CATEGORIES)[number];

/** Policy knobs of the rule catalogue. UCP 600's own numbers (21 days, 110 %, 5 %) are not policy and stay constants. */
export interface RulesConfig {
  /** SWG-DT-002 warns when a presentation is made this many days or fewer before its last day. */
  readonly presentationWarningDays: number;
  /** Weights compared across documents may differ by this much (kg) before they conflict. */
  readonly weightToleranceKg: number;
  /** …or by this percentage of the larger weight, whichever is greater. */
  readonly weightTolerancePercent: number;
  /** A date is "in the future" only beyond this many hours after now: issuers sit in other time zones. */
  readonly clockSkewHours: number;
}

export const DEFAULT_RULES_CONFIG: RulesConfig = Object.freeze({
  presentationWarningDays: 3,
  weightToleranceKg: 0.5,
  weightTolerancePercent: 0,
  clockSkewHours: 24,
});

export interface RuleContext {
  readonly now: Date;
  readonly config: RulesConfig;
}

/** A document of the run, with what the rules derive from it computed once. */
export interface DocEntry {
  readonly doc: CanonicalDocument;
  /** Index within the submission; undefined for a related document already stored (read-only context). */
  readonly index: number | undefined;
  /** Lazily collected fields (codes, identifiers, containers) with their pointers. */
  facts: DocFacts | undefined;
}

/** `type#/json/pointer`, with `*` for any array index or any type and `**` for any depth. */
export type FieldRef = `${DocumentType | "*"}#/${string}`;

interface RuleMeta {
  readonly id: string;
  readonly severity: Severity;
  readonly category: RuleCategory;
  /** What the rule requires, as a sentence: the message when a finding gives no detail. */
  readonly message: string;
  readonly fields: readonly FieldRef[];
  /** The article of the standard the rule enforces, where one exists. */
  readonly article?: string;
}

/** Runs once per submitted document of one of `types`. */
export interface DocumentRule extends RuleMeta {
  readonly scope: "document";
  readonly types: readonly DocumentType[];
  check(entry: DocEntry, out: Findings, ctx: RuleContext): void;
}

/** Runs once per run over the whole dossier (submitted and related documents). */
export interface DossierRule extends RuleMeta {
  readonly scope: "dossier";
  check(dossier: Dossier, out: Findings, ctx: RuleContext): void;
}

export type RuleDefinition = DocumentRule | DossierRule;
