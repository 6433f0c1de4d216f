import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../helpers/corpora.js";
import { auth, type TestGateway } from "../../helpers/gateway.js";

/** A trader's export declaration (canonical JSON, what the gateway assigns left out). */
export function declaration(number: string, ucr: string): Record<string, unknown> {
  const d = JSON.parse(
    readFileSync(join(ROOT, "test/fixtures/documents/export-declaration/valid-self-declared.json"), "utf8"),
  ) as Record<string, unknown>;
  for (const k of ["schemaVersion", "id", "version", "original"]) delete d[k];
  return { ...d, number, lrn: number, ucr };
}

/** Customs answers per document index: 7 in all over 5 documents. */
const ANSWERS: readonly (readonly string[])[] = [
  ["received", "accepted", "released"],
  ["accepted", "released"],
  ["accepted"],
  ["rejected"],
  [],
];

export interface SeededConsignment {
  readonly ucr: string;
  readonly documentIds: readonly string[];
  readonly submissionIds: readonly string[];
  readonly responses: number;
}

/**
 * A consignment of 5 export declarations (5 submissions, each routed to customs) and 7 customs
 * responses, all through the API.
 */
export async function seedConsignment(t: TestGateway, ucr: string): Promise<SeededConsignment> {
  const exporter = t.keys["SWG_DEMO_EXPORTER_KEY"]!;
  const customs = t.keys["SWG_DEMO_CUSTOMS_KEY"]!;
  const documentIds: string[] = [];
  const submissionIds: string[] = [];
  let responses = 0;
  for (let i = 0; i < ANSWERS.length; i++) {
    const number = `${ucr}-D${i + 1}`;
    const res = await t.http
      .post("/v1/submissions")
      .set(auth(exporter))
      .set("content-type", "application/json")
      .send(JSON.stringify(declaration(number, ucr)));
    if (res.status !== 202)
      throw new Error(`submission ${number}: ${res.status} ${JSON.stringify(res.body)}`);
    const docId = res.body.documents[0].id as string;
    documentIds.push(docId);
    submissionIds.push(res.body.submissionId as string);
    for (const [j, status] of ANSWERS[i]!.entries()) {
      const r = await t.http
        .post("/v1/partners/customs-demo/responses")
        .set(auth(customs))
        .set("content-type", "application/json")
        .send(JSON.stringify({ responseId: `${number}-R${j + 1}`, documentId: docId, status }));
      if (r.status !== 201)
        throw new Error(`response ${number}/${status}: ${r.status} ${JSON.stringify(r.body)}`);
      responses++;
    }
  }
  return { ucr, documentIds, submissionIds, responses };
}
