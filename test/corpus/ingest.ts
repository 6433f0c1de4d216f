import { randomUUID } from "node:crypto";
import { isProblem, type Issue, type ProblemError } from "../../src/errors/index.js";
import type { CanonicalDocument } from "../../src/model/canonical.js";
import { completeAmendment } from "../../src/formats/wco/amendment.js";
import { enrich } from "../../src/pipeline/enrich.js";
import { normalize } from "../../src/pipeline/ingest/normalize.js";
import { sniff } from "../../src/pipeline/ingest/sniff.js";
import type { Resolution } from "../../src/pipeline/resolve.js";
import type { NormalizedDoc, PreparedDoc } from "../../src/pipeline/types.js";
import { loadSchemas, schemaIssues, type SchemaSet } from "../../src/pipeline/validate/schemas.js";

export interface Ingested {
  readonly docs: readonly PreparedDoc[];
  /** Schema findings per document, plus the mapping report's errors. */
  readonly problems: readonly Issue[];
}

let schemas: SchemaSet | undefined;
export function schemaSet(): SchemaSet {
  return (schemas ??= loadSchemas());
}

/**
 * What correlation fills in a status event (src/delivery/responses.ts): the delivery and
 * document it answers. A reader cannot know them; tests stand in for the store.
 */
function correlated(doc: CanonicalDocument): CanonicalDocument {
  if (doc.type !== "status-event") return doc;
  const answers = (doc["answers"] ?? {}) as Record<string, unknown>;
  return {
    ...doc,
    issuer: doc.issuer.name ? doc.issuer : { name: "Test partner" },
    partnerId: doc["partnerId"] ?? "test-partner",
    answers: {
      ...answers,
      documentId: answers["documentId"] ?? randomUUID(),
      deliveryId: answers["deliveryId"] ?? "test-delivery",
    },
  };
}

/**
 * sniff → normalize → enrich (a stand-in resolution: the draft's UCR or a test one, no
 * predecessor unless `prior` is given) → schema validation, as the pipeline runs them.
 */
export function ingest(bytes: Buffer, mediaType = "application/xml", prior?: CanonicalDocument): Ingested {
  const parts = [{ index: 0, bytes, mediaType }];
  const read = normalize(parts, new Map([[0, sniff(bytes, mediaType)]]));
  // What the pipeline does for an amendment named by number (ReadDocument.supersedesRef): find
  // the current version, supersede it, and complete a delta from it.
  const docs: NormalizedDoc[] = read.map((d) =>
    prior && d.read.delta ? { ...d, read: { ...d.read, draft: completeAmendment(prior, d.read.draft) } } : d,
  );
  const supersedes = new Map<
    number,
    { id: string; lineageId: string; version: number; partners: string[] }
  >();
  if (prior)
    for (const d of docs)
      supersedes.set(d.index, { id: prior.id, lineageId: prior.id, version: prior.version, partners: [] });
  const res: Resolution = {
    ucr: docs.find((d) => d.read.draft.ucr)?.read.draft.ucr ?? "TEST-UCR-1",
    supersedes,
    related: [],
  };
  const prepared = enrich(docs, res, new Date("2026-01-15T10:00:00Z")).map((d) => ({
    ...d,
    canonical: correlated(d.canonical),
  }));
  const problems: Issue[] = [];
  for (const d of prepared) {
    for (const i of d.report.issues) if (i.severity === "error") problems.push({ ...i, document: d.index });
    const v = schemaSet().validator(d.canonical.type);
    if (v && !v(d.canonical)) problems.push(...schemaIssues(v.errors, d.index));
  }
  return { docs: prepared, problems };
}

/** The ProblemError an ingest raised, or undefined when it went through. */
export function refusal(run: () => unknown): ProblemError | undefined {
  try {
    run();
    return undefined;
  } catch (e) {
    if (isProblem(e)) return e;
    throw e;
  }
}
