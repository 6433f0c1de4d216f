import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CanonicalDocument } from "../../../../src/model/canonical.js";
import { parseEdifact } from "../../../../src/formats/edifact/index.js";
import { readInterchanges } from "../../../../src/formats/edifact/messages/read.js";
import type { ReadDocument } from "../../../../src/formats/types.js";
import { ingest } from "../../../corpus/ingest.js";
import { ROOT } from "../../../helpers/corpora.js";

/** A hand-made fixture of test/fixtures/edifact-messages. */
export const fixture = (name: string): Buffer =>
  readFileSync(join(ROOT, "test/fixtures/edifact-messages", name));

/** The documents a body reads into (no pipeline). */
export const read = (body: Buffer | string): ReadDocument[] =>
  readInterchanges(typeof body === "string" ? Buffer.from(body, "utf8") : body);

/** The single draft of a body, as a plain record. */
export const draft = (body: Buffer | string): Record<string, unknown> => {
  const docs = read(body);
  if (docs.length !== 1) throw new Error(`${docs.length} documents`);
  return docs[0]!.draft;
};

/** Ingests as the pipeline does (sniff → normalize → enrich → schema) and returns canonical documents and findings. */
export function canonical(body: Buffer, prior?: CanonicalDocument) {
  const run = ingest(body, "application/edifact", prior);
  return {
    docs: run.docs.map((d) => d.canonical),
    problems: run.problems,
    prepared: run.docs,
  };
}

/** A one-message interchange with its UNT segment count made right (a corpus file whose count is wrong, read for its content). */
export function fixCount(text: string): string {
  const m = parseEdifact(text).interchanges[0]!.messages[0]!;
  return text.replace(/UNT\+\d+\+/, `UNT+${m.segments.length + 2}+`);
}
