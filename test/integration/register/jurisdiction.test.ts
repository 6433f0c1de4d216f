import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../helpers/corpora.js";
import { auth, embeddedGateway, type TestGateway } from "../../helpers/gateway.js";
import { declarationBody } from "./documents.js";

type Res = Awaited<ReturnType<TestGateway["http"]["get"]>>;

/**
 * Two customs districts, each supervised by its own authority: a regulator sees the declarations
 * addressed to its district and nothing of the other's, wherever it looks (document, trace,
 * search, submission, seal check); a regulator without a jurisdiction sees both.
 */
describe("a regulator's jurisdiction", () => {
  let t: TestGateway;
  let north: string;
  let south: string;
  let northId: string;
  let national: string;
  let exporter: string;
  const sent: Record<"north" | "south", { doc: string; ucr: string; submission: string }> = {
    north: { doc: "", ucr: "", submission: "" },
    south: { doc: "", ucr: "", submission: "" },
  };
  const get = (key: string, path: string): Promise<Res> => t.http.get(path).set(auth(key));
  const post = (key: string, path: string, body: unknown): Promise<Res> =>
    t.http.post(path).set(auth(key)).set("content-type", "application/json").send(JSON.stringify(body));

  async function authority(
    name: string,
    jurisdiction: Record<string, string[]>,
  ): Promise<{ id: string; key: string }> {
    const admin = t.keys["SWG_DEMO_ADMIN_KEY"]!;
    const p = await post(admin, "/v1/parties", { name, kind: "authority", country: "CN", jurisdiction });
    expect(p.status).toBe(201);
    const id = p.body.id as string;
    return {
      id,
      key: (await post(admin, `/v1/parties/${id}/credentials`, { role: "regulator" })).body.key as string,
    };
  }

  beforeAll(async () => {
    t = await embeddedGateway({
      derive: false,
      partnersFile: join(ROOT, "test/fixtures/register/partners.json"),
      routingFile: join(ROOT, "test/fixtures/register/routing.json"),
    });
    exporter = t.keys["SWG_DEMO_EXPORTER_KEY"]!;
    national = t.keys["SWG_DEMO_REGULATOR_KEY"]!;
    const n = await authority("Northern District Customs Supervision", { partners: ["customs-north"] });
    north = n.key;
    northId = n.id;
    south = (await authority("Southern District Customs Supervision", { partners: ["customs-south"] })).key;
    for (const [district, office] of [
      ["north", "3104"],
      ["south", "5300"],
    ] as const) {
      const res = await t.http
        .post("/v1/submissions")
        .set(auth(exporter))
        .set("content-type", "application/json")
        .send(JSON.stringify(declarationBody(`JUR-${district}`, { office })));
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.body.deliveries[0].partnerId).toBe(`customs-${district}`);
      sent[district] = {
        doc: res.body.documents[0].id as string,
        ucr: res.body.ucr as string,
        submission: res.body.submissionId as string,
      };
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it("refuses an authority a jurisdiction over an unknown partner", async () => {
    const res = await post(t.keys["SWG_DEMO_ADMIN_KEY"]!, "/v1/parties", {
      name: "Nowhere Customs",
      kind: "authority",
      jurisdiction: { partners: ["customs-atlantis"] },
    });
    expect(res.status).toBe(422);
    expect(res.body.issues[0].pointer).toBe("/jurisdiction/partners/0");
  });

  it("lets each regulator read the declarations addressed to its district, audited", async () => {
    const own = await get(north, `/v1/documents/${sent.north.doc}`);
    expect(own.status).toBe(200);
    const trace = await get(national, `/v1/consignments/${encodeURIComponent(sent.north.ucr)}/trace`);
    const reads = (trace.body.events as { type: string; actor: { role: string } }[]).filter(
      (e) => e.type === "document.read",
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]!.actor.role).toBe("regulator");
    expect((await get(south, `/v1/documents/${sent.south.doc}`)).status).toBe(200);
  });

  it("hides the other district's documents behind the same 404 as a missing one", async () => {
    for (const part of ["summary", "original", "canonical"]) {
      const res = await get(north, `/v1/documents/${sent.south.doc}?part=${part}`);
      expect(res.status, part).toBe(404);
      expect(res.body.code).toBe("SWG_NOT_FOUND");
    }
    const missing = await get(north, "/v1/documents/0195b2a0-0000-7000-8000-000000000000");
    expect(missing.body.detail).toBe((await get(north, `/v1/documents/${sent.south.doc}`)).body.detail);
    expect((await get(north, `/v1/documents/${sent.south.doc}/verification`)).status).toBe(404);
    expect((await get(south, `/v1/documents/${sent.north.doc}`)).status).toBe(404);
  });

  it("hides the other district's consignments, graphs, evidence and submissions", async () => {
    const ucr = encodeURIComponent(sent.south.ucr);
    for (const path of [
      `/v1/consignments/${ucr}/trace`,
      `/v1/consignments/${ucr}/graph`,
      `/v1/consignments/${ucr}/evidence`,
      `/v1/submissions/${sent.south.submission}`,
    ])
      expect((await get(north, path)).status, path).toBe(404);
    expect((await get(north, `/v1/submissions/${sent.north.submission}`)).status).toBe(200);
    expect((await get(north, `/v1/consignments/${encodeURIComponent(sent.north.ucr)}/trace`)).status).toBe(
      200,
    );
  });

  it("finds only its district's traffic in a search", async () => {
    const all = await get(north, "/v1/trace/search?type=export-declaration");
    const ids = (all.body.hits as { documentId: string }[]).map((h) => h.documentId);
    expect(ids).toContain(sent.north.doc);
    expect(ids).not.toContain(sent.south.doc);
    const asked = await get(north, "/v1/trace/search?partner=customs-south");
    expect(asked.body.hits).toEqual([]);
  });

  it("leaves no read event for a document it was refused", async () => {
    expect((await get(north, `/v1/documents/${sent.south.doc}`)).status).toBe(404);
    const trace = await get(national, `/v1/consignments/${encodeURIComponent(sent.south.ucr)}/trace`);
    const readers = (trace.body.events as { type: string; actor: { partyId: string } }[])
      .filter((e) => e.type === "document.read")
      .map((e) => e.actor.partyId);
    expect(readers.length).toBeGreaterThan(0); // the southern regulator's read
    expect(readers).not.toContain(northId);
  });

  it("leaves a regulator without a jurisdiction seeing both districts", async () => {
    expect((await get(national, `/v1/documents/${sent.north.doc}`)).status).toBe(200);
    expect((await get(national, `/v1/documents/${sent.south.doc}`)).status).toBe(200);
    const hits = (await get(national, "/v1/trace/search?type=export-declaration")).body.hits as unknown[];
    expect(hits.length).toBeGreaterThanOrEqual(2);
  });

  it("limits the register's party entries by country when the jurisdiction names countries", async () => {
    const dutch = (await authority("Dutch Customs Liaison", { countries: ["NL"] })).key;
    expect((await get(dutch, "/v1/parties/demo-exporter/credit")).status).toBe(404);
    expect((await get(national, "/v1/parties/demo-exporter/credit")).status).toBe(200);
    const admin = t.keys["SWG_DEMO_ADMIN_KEY"]!;
    const parties = await get(admin, "/v1/parties?kind=authority");
    const liaison = (parties.body.parties as { id: string; name: string }[]).find(
      (p) => p.name === "Dutch Customs Liaison",
    )!;
    const widened = await t.http
      .put(`/v1/parties/${liaison.id}/jurisdiction`)
      .set(auth(admin))
      .set("content-type", "application/json")
      .send(JSON.stringify({ jurisdiction: { countries: ["NL", "CN"] } }));
    expect(widened.status).toBe(200);
    expect((await get(dutch, "/v1/parties/demo-exporter/credit")).status).toBe(200);
  });
});
