import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCorpus } from "../helpers/corpora.js";
import { auth, embeddedGateway, eventually, type TestGateway } from "../helpers/gateway.js";

/**
 * A UK CDS amendment request names the declaration only by the MRN customs assigned: the
 * gateway finds it through customs' answer, completes the request from it, and records it as
 * the next version, routed to the partner that had the original.
 */
describe("amendments and cancellations named by MRN", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await embeddedGateway();
  });
  afterAll(async () => {
    await t.close();
  });

  it("amends a WCO declaration named by the MRN customs gave it", async () => {
    const exporter = t.keys["SWG_DEMO_EXPORTER_KEY"];
    const customs = t.keys["SWG_DEMO_CUSTOMS_KEY"];
    const post = (file: string) =>
      t.http
        .post("/v1/submissions")
        .set(auth(exporter))
        .set("content-type", "application/xml")
        .send(readCorpus("wco-customs-hmrc-cds", "TT_EX009a", file));

    const before = await post("Step5_TT_EX009a_Amendment.xml");
    expect(before.status).toBe(422);
    expect(before.body.code).toBe("SWG_SUPERSEDED_UNKNOWN");
    expect(before.body.issues[0].message).toContain("24GB0YVJ3EXXES8AA0");

    const original = await post("TT_EX009a.xml");
    expect(original.status, JSON.stringify(original.body)).toBe(202);
    const originalId = original.body.documents[0].id as string;
    const msg = await eventually(
      async () => {
        const inbox = await t.http.get("/v1/inbox").set(auth(customs));
        return (inbox.body.messages as { messageId: string; headers: Record<string, string> }[]).find(
          (m) => m.headers["x-swg-ucr"] === original.body.ucr,
        );
      },
      10_000,
      "the declaration at customs",
    );
    const answer = {
      responseId: "CDS-ACC-1",
      messageId: msg.messageId,
      status: "accepted",
      references: { mrn: "24GB0YVJ3EXXES8AA0" },
    };
    expect(
      (
        await t.http
          .post("/v1/partners/customs-demo/responses")
          .set(auth(customs))
          .set("content-type", "application/json")
          .send(JSON.stringify(answer))
      ).status,
    ).toBe(201);

    const amend = await post("Step5_TT_EX009a_Amendment.xml");
    expect(amend.status, JSON.stringify(amend.body)).toBe(202);
    expect(amend.body.documents[0]).toMatchObject({ functionCode: "replacement", version: 2 });
    const v2 = await t.http.get(`/v1/documents/${amend.body.documents[0].id as string}`).set(auth(exporter));
    expect(v2.body.supersedes).toBe(originalId);
    expect(v2.body.canonical.mrn).toBe("24GB0YVJ3EXXES8AA0");
    const v1 = await t.http.get(`/v1/documents/${originalId}`).set(auth(exporter));
    expect(v1.body).toMatchObject({ status: "superseded", current: false });
    // The amendment goes to exactly the partner that received the original.
    expect((amend.body.deliveries as { partnerId: string }[]).map((d) => d.partnerId)).toEqual([
      "customs-demo",
    ]);
  });
});
