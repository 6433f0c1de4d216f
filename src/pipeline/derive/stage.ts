import type { Issue } from "../../errors/index.js";
import type { CanonicalDocument } from "../../model/canonical.js";
import { SCHEMA_VERSION } from "../../model/canonical.js";
import { digestOf } from "../../util/digest.js";
import { uuidv7 } from "../../util/ids.js";
import { jcs } from "../../util/jcs.js";
import type { PreparedDoc } from "../types.js";
import { validate, type RuleRunner } from "../validate/index.js";
import type { SchemaSet } from "../validate/schemas.js";
import { derive, type DeriveConfig, type TraderSupplied } from "./index.js";

/** What became of each document the gateway tried to derive, told back to the trader. */
export interface DerivationNote {
  readonly type: string;
  readonly status: "derived" | "incomplete" | "invalid";
  readonly id?: string;
  /** Required fields no document supplied (status incomplete). */
  readonly missing: readonly string[];
  /** Validation errors of the derived document (status invalid). */
  readonly issues: readonly Issue[];
}

export interface Derivation {
  readonly docs: readonly PreparedDoc[];
  readonly notes: readonly DerivationNote[];
}

/**
 * Submit once: derives what each agency needs from the consignment's documents (those submitted
 * now and those already stored) and prepares each derived document like a submitted one. A
 * derived document is kept only when it is complete and valid; otherwise the note says what is
 * missing, and a later submission that supplies it derives it then. Never fails the submission.
 */
export function deriveStage(
  submitted: readonly PreparedDoc[],
  related: readonly CanonicalDocument[],
  opts: {
    cfg: DeriveConfig;
    supplied: TraderSupplied;
    ucr: string;
    now: Date;
    schemas: SchemaSet;
    rules: RuleRunner;
  },
): Derivation {
  const dossier = [...related, ...submitted.map((d) => d.canonical)];
  const docs: PreparedDoc[] = [];
  const notes: DerivationNote[] = [];
  for (const d of derive(dossier, opts.cfg, opts.supplied)) {
    const type = d.document.type;
    if (d.missing.length > 0) {
      notes.push({ type, status: "incomplete", missing: d.missing, issues: [] });
      continue;
    }
    const bytes = Buffer.from(jcs(d.document), "utf8");
    const id = uuidv7(opts.now.getTime());
    const index = submitted.length + docs.length;
    const canonical = {
      ...d.document,
      schemaVersion: SCHEMA_VERSION,
      id,
      version: 1,
      functionCode: "original",
      ucr: opts.ucr,
      derivation: { provenance: d.provenance, missing: [] },
      original: {
        format: "derived",
        mediaType: "application/json",
        digest: digestOf(bytes),
        documentType: type,
      },
    } as CanonicalDocument;
    const prepared: PreparedDoc = {
      index,
      part: { index, bytes, mediaType: "application/json" },
      canonical,
      lineageId: id,
      report: { reader: "derive", unmapped: [], defaults: [], issues: [] },
      sourceMap: new Map(),
      supersedes: null,
      warnings: [],
    };
    // Checked against the whole consignment, so cross-document rules apply to derived data too.
    const findings = validate([prepared], dossier, opts.schemas, opts.rules, opts.now);
    if (findings.errors.length > 0) {
      notes.push({
        type,
        status: "invalid",
        missing: [],
        issues: findings.errors.map((i) => ({ ...i, document: index })),
      });
      continue;
    }
    docs.push(prepared);
    notes.push({ type, status: "derived", id, missing: [], issues: [] });
  }
  return { docs, notes };
}
