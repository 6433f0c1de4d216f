import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEdifact, readContrl } from "../../../../src/formats/edifact/index.js";
import { ROOT, readCorpus } from "../../../helpers/corpora.js";
import { auth, embeddedGateway, type TestGateway } from "../../../helpers/gateway.js";

/** The CONTRL an HTTP answer carries, as the submitter's EDI system reads it. */
function contrlOf(body: { acknowledgement?: { content: string } }) {
  const parsed = parseEdifact(body.acknowledgement!.content);
  const read = readContrl(parsed.interchanges[0]!.messages[0]!);
  if (!read.ok) throw new Error(read.reason);
  return read.report;
}

describe("CONTRL in the submission flow (POST /v1/submissions, embedded gateway)", () => {
  let t: TestGateway;
  let exporter: string;
  beforeAll(async () => {
    t = await embeddedGateway();
    exporter = t.keys["SWG_DEMO_EXPORTER_KEY"]!;
  });
  afterAll(async () => {
    await t?.close();
  });
  const submit = (body: Buffer | string) =>
    t.http.post("/v1/submissions").set(auth(exporter)).set("content-type", "application/edifact").send(body);

  it("accepts a CUSDEC that asks for a CONTRL: 202, the declaration, and an accepting CONTRL", async () => {
    const res = await submit(
      readFileSync(join(ROOT, "test/fixtures/edifact-messages/cusdec-d96b-export.edi")),
    );
    expect(res.status).toBe(202);
    expect(res.body.documents).toEqual([
      expect.objectContaining({ type: "export-declaration", number: "LRN-2025-000123" }),
    ]);
    expect(res.body.acknowledgement).toMatchObject({
      type: "CONTRL",
      mediaType: "application/edifact",
      action: "accepted",
    });
    expect(contrlOf(res.body)).toMatchObject({ controlRef: "CD0001", action: "7", status: "accepted" });
  });

  it("refuses a wrong segment count with problem+json carrying the rejecting CONTRL (0085 29 at UNT)", async () => {
    const res = await submit(
      readCorpus("unedifact-samples/edifabric-mit-2018/Edifact_INVOIC_D00A_Val_WrongSegmentCount.txt"),
    );
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe("SWG_MALFORMED_EDIFACT");
    expect(res.body.issues).toEqual([
      expect.objectContaining({ ruleId: "EDIFACT-0085-29", location: "segment 42 (UNT), element 1" }),
    ]);
    expect(res.body.acknowledgement.action).toBe("rejected");
    expect(contrlOf(res.body).messages[0]).toMatchObject({
      status: "rejected",
      error: { code: "29", serviceTag: "UNT" },
    });
  });

  it("says a sound interchange was received (CONTRL accepted) even when the documents fail validation", async () => {
    const res = await submit(readCorpus("unedifact-samples/edifabric-mit-2018/Edifact_INVOIC_D00A.txt"));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("SWG_VALIDATION_FAILED");
    expect(res.body.acknowledgement.action).toBe("accepted");
  });

  it("refuses a CONTRL as a submission, with no CONTRL in answer", async () => {
    const res = await submit(
      "UNB+UNOC:3+CUSTOMS+EXPORTER+250101:1200+9++++1'UNH+1+CONTRL:D:3:UN'UCI+7+EXPORTER+CUSTOMS+7'UNT+3+1'UNZ+1+9'",
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("SWG_UNSUPPORTED_DOCUMENT");
    expect(res.body.detail).toContain("POST /v1/partners/{id}/responses");
    expect(res.body.acknowledgement).toBeUndefined();
  });
});
