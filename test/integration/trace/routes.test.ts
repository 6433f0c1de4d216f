import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBundle } from "../../../src/trace/evidence/container.js";
import { verifyEvidence } from "../../../src/trace/evidence/verify.js";
import { ROOT } from "../../helpers/corpora.js";
import { auth, embeddedGateway, type TestGateway } from "../../helpers/gateway.js";
import { seedConsignment, type SeededConsignment } from "./seed.js";

interface Hit {
  documentId: string;
  issuerPartyId: string;
}
interface Graph {
  nodes: { kind: string; partnerId?: string }[];
  edges: { kind: string; from: string }[];
}
const hitsOf = (b: unknown) => (b as { hits: Hit[] }).hits;
const ids = (b: unknown) => hitsOf(b).map((h) => h.documentId);

describe("trace routes over HTTP", () => {
  let t: TestGateway;
  let seeded: SeededConsignment;
  let k: (name: string) => Record<string, string>;
  beforeAll(async () => {
    t = await embeddedGateway();
    k = (name) => auth(t.keys[`SWG_DEMO_${name}_KEY`]);
    seeded = await seedConsignment(t, "UCR-ROUTES-1");
  });
  afterAll(async () => {
    await t.close();
  });

  it("searches with filters and a cursor; exporters see only their own", async () => {
    const first = await t.http.get(`/v1/trace/search?ucr=${seeded.ucr}&limit=2`).set(k("REGULATOR"));
    expect(first.status).toBe(200);
    expect(first.body.hits).toHaveLength(2);
    expect(first.body.hits[0].documentId).toBe(seeded.documentIds[4]);
    const second = await t.http
      .get(`/v1/trace/search?ucr=${seeded.ucr}&limit=2&cursor=${first.body.next as string}`)
      .set(k("REGULATOR"));
    expect(ids(second.body)).toEqual([seeded.documentIds[2], seeded.documentIds[1]]);
    const released = await t.http
      .get(`/v1/trace/search?partner=customs-demo&status=customs.released`)
      .set(k("OPERATOR"));
    expect(ids(released.body).sort()).toEqual([seeded.documentIds[0], seeded.documentIds[1]].sort());
    const own = await t.http.get(`/v1/trace/search?party=someone-else&ucr=${seeded.ucr}`).set(k("EXPORTER"));
    expect(own.body.hits).toHaveLength(5);
    expect(hitsOf(own.body).every((h) => h.issuerPartyId === "demo-exporter")).toBe(true);
    const bad = await t.http.get("/v1/trace/search?cursor=not-a-cursor").set(k("REGULATOR"));
    expect(bad.status).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    const badDate = await t.http.get("/v1/trace/search?from=yesterday").set(k("REGULATOR"));
    expect(badDate.status).toBe(400);
    const partner = await t.http.get("/v1/trace/search").set(k("CUSTOMS"));
    expect(partner.status).toBe(403);
  });

  it("draws the graph of a consignment", async () => {
    const g = await t.http.get(`/v1/consignments/${seeded.ucr}/graph`).set(k("REGULATOR"));
    expect(g.status).toBe(200);
    const graph = g.body as Graph;
    expect(graph.nodes.filter((n) => n.kind === "document")).toHaveLength(5);
    expect(graph.nodes.filter((n) => n.kind === "response")).toHaveLength(7);
    expect(graph.nodes.find((n) => n.kind === "partner")).toMatchObject({
      partnerId: "customs-demo",
      name: "Demo Customs Authority",
    });
    const rejected = graph.edges.find(
      (e) => e.kind === "delivery" && e.from === `document:${seeded.documentIds[3]!}`,
    );
    expect(rejected).toMatchObject({ state: "delivered", lastResponse: "customs.rejected" });
    expect((await t.http.get(`/v1/consignments/NOPE/graph`).set(k("REGULATOR"))).status).toBe(404);
  });

  it("draws derived documents with edges to their sources, and proves them in the evidence", async () => {
    const fixture = JSON.parse(
      readFileSync(join(ROOT, "test/fixtures/derive/fob-no-inspection/dossier.json"), "utf8"),
    ) as { documents: Record<string, unknown>[] };
    const documents = fixture.documents.map((d) => {
      const { schemaVersion: _s, id: _i, version: _v, original: _o, ucr: _u, ...rest } = d;
      return rest;
    });
    const res = await t.http
      .post("/v1/submissions")
      .set(k("EXPORTER"))
      .set("content-type", "application/json")
      .send(JSON.stringify({ dossier: { ucr: "UCR-ROUTES-DERIVED", documents } }));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const g = (await t.http.get("/v1/consignments/UCR-ROUTES-DERIVED/graph").set(k("REGULATOR"))).body as {
      nodes: { id: string; kind: string; type?: string; derived?: boolean }[];
      edges: { kind: string; from: string; to: string }[];
    };
    const derived = g.nodes.filter((n) => n.kind === "document" && n.derived);
    expect(derived.map((n) => n.type).sort()).toEqual(["export-declaration", "shipping-instruction"]);
    const invoice = g.nodes.find((n) => n.type === "commercial-invoice")!;
    const declaration = derived.find((n) => n.type === "export-declaration")!;
    expect(g.edges).toContainEqual({ from: declaration.id, to: invoice.id, kind: "derived-from" });
    const zip = await t.http
      .get("/v1/consignments/UCR-ROUTES-DERIVED/evidence?format=json")
      .set(k("REGULATOR"));
    const v = await verifyEvidence(readBundle(Buffer.from(zip.text)));
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);
    expect(
      v.checks.filter((c) => /the chain recorded these exact canonical and original digests/.test(c.what)),
    ).toHaveLength(documents.length + 2);
  });

  it("reports a document's seal and receipt, and audits the regulator's read", async () => {
    const id = seeded.documentIds[1]!;
    const v = await t.http.get(`/v1/documents/${id}/verification`).set(k("REGULATOR"));
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({
      purged: false,
      seal: { ok: true },
      canonicalDigest: { ok: true },
      originalDigest: { ok: true },
      receipt: { signature: { ok: true }, namesThisDocument: true, digestsMatch: true },
    });
    const trace = await t.http.get(`/v1/consignments/${seeded.ucr}/trace`).set(k("REGULATOR"));
    expect(
      (trace.body.events as { type: string; data: { part?: string } }[]).some(
        (e) => e.type === "document.read" && e.data.part === "verification",
      ),
    ).toBe(true);
  });

  it("lets only admins purge, and keeps everything inside the duplicate window", async () => {
    expect(
      (await t.http.post("/v1/retention/purge").set(k("REGULATOR")).send({ olderThanDays: 1 })).status,
    ).toBe(403);
    const res = await t.http.post("/v1/retention/purge").set(k("ADMIN")).send({ olderThanDays: 1 });
    expect(res.status).toBe(200);
    // Everything was submitted moments ago: well inside the 72-hour window.
    expect(res.body.purged).toEqual([]);
    expect(Date.parse(res.body.cutoff as string)).toBeLessThan(Date.now() - 71 * 3_600_000);
    const bad = await t.http.post("/v1/retention/purge").set(k("ADMIN")).send({ olderThanDays: 0 });
    expect(bad.status).toBe(400);
  });

  it("says who a key is in the console session", async () => {
    const s = await t.http.get("/v1/console/session").set(k("OPERATOR"));
    expect(s.body).toMatchObject({ partyId: "demo-operator", role: "operator" });
    expect(s.body.pages).toContain("deliveries");
    expect((await t.http.get("/v1/console/session")).status).toBe(401);
    const page = await t.http.get("/console");
    expect(page.status).toBe(200);
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(page.text).toMatch(
      /<script type="module" crossorigin src="\/console\/index-[\w-]+\.js"><\/script>/,
    );
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/);
    expect((await t.http.get("/console/..%2Fpackage.json")).status).toBe(404);
    expect((await t.http.get("/console/.env")).status).toBe(404);
  });
});
