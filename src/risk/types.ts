import type { CanonicalDocument } from "../model/canonical.js";
import type { DocumentSummary } from "../ports/store.js";
import type { RiskSeverity, StatSeries } from "../ports/register.js";
import type { Robust } from "./robust.js";
import type { Screener } from "./watchlist.js";

/** A document of the submission being assessed. */
export interface RiskDoc {
  /** Index within the submission (a dossier's order). */
  readonly index: number;
  readonly id: string;
  readonly doc: CanonicalDocument;
}

export interface RiskThresholds {
  /** Relative gap between declared and invoiced value that raises RISK-VAL-001. */
  readonly valueTolerance: number;
  /** Modified z-score beyond which a price or a value per kg is an outlier. */
  readonly outlierZ: number;
  /** Observations a series needs before it is trusted. */
  readonly minSamples: number;
}

/** What a rule may look at: the submission, its consignment's stored documents, and the gateway's memory. */
export interface RiskContext {
  readonly docs: readonly RiskDoc[];
  /** Current documents already stored for the consignment. */
  readonly related: readonly CanonicalDocument[];
  /** The party the documents are submitted for. */
  readonly ownerId: string;
  readonly thresholds: RiskThresholds;
  readonly screener: Screener;
  /** Median and MAD of a series, undefined until it has enough observations. */
  series(s: StatSeries): Promise<Robust | undefined>;
  /** The owner's stored current documents of a type with this number. */
  ownCurrent(type: string, number: string): Promise<DocumentSummary[]>;
  document(id: string): Promise<CanonicalDocument | undefined>;
}

/** A rule's finding: attached to a document of the submission (or the whole submission). */
export interface RiskHit {
  readonly ruleId: string;
  readonly severity: RiskSeverity;
  readonly documentIndex: number | null;
  readonly pointer: string | null;
  readonly message: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface RiskRule {
  readonly id: string;
  /** The usual severity; a rule may raise it for a graver case. */
  readonly severity: RiskSeverity;
  readonly title: string;
  /** What it looks at and when it fires, thresholds included (docs/register.md lists these). */
  readonly description: string;
  check(ctx: RiskContext): Promise<RiskHit[]>;
}
