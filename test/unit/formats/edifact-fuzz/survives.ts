import { expect } from "vitest";
import { isProblem } from "../../../../src/errors/index.js";
import { edifactAcknowledgement } from "../../../../src/formats/edifact/messages/index.js";
import { normalize } from "../../../../src/pipeline/ingest/normalize.js";
import { sniff } from "../../../../src/pipeline/ingest/sniff.js";
import { schemaSet } from "../../../corpus/ingest.js";

/** A body that takes longer than this to be read or refused counts as a hang (generous: the machine is shared). */
const MAX_MS = 2_000;

// The schemas compile on first use; that time belongs to no input.
schemaSet();

export interface Outcome {
  readonly read: number;
  readonly code?: string;
}

/**
 * What the pipeline does with a body before enrichment: sniff, the CONTRL an interchange asks
 * for, normalize (the readers), and schema validation of each draft. It reads the body or refuses
 * it with a ProblemError (problem+json, 4xx, at the HTTP layer); anything else thrown, a 5xx, a
 * CONTRL that cannot be built, or a hang fails.
 */
export function survives(body: Buffer, mediaType: string): Outcome {
  const started = performance.now();
  let outcome: Outcome;
  try {
    const sniffed = sniff(body, mediaType);
    const ack = edifactAcknowledgement(sniffed, {
      submissionId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
      preparedAt: new Date("2025-06-15T08:30:00Z"),
    });
    if (ack) expect(ack.content).toMatch(/^UNA|^UNB/);
    const docs = normalize([{ index: 0, bytes: body, mediaType }], new Map([[0, sniffed]]));
    for (const d of docs) schemaSet().validator(d.read.draft.type)?.(d.read.draft);
    outcome = { read: docs.length };
  } catch (e) {
    if (!isProblem(e)) throw e;
    expect(e.status).toBeGreaterThanOrEqual(400);
    expect(e.status).toBeLessThan(500);
    expect(e.toBody().type).toMatch(/^urn:swg:error:SWG_/);
    outcome = { read: 0, code: e.code };
  }
  expect(performance.now() - started).toBeLessThan(MAX_MS);
  return outcome;
}

/** Outcomes by count, for the test's log line. */
export function tally(outcomes: readonly Outcome[]): string {
  const by = new Map<string, number>();
  for (const o of outcomes) {
    const k = o.code ?? "read";
    by.set(k, (by.get(k) ?? 0) + 1);
  }
  return [...by.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
}
