import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/corpora.js";
import { auth, embeddedGateway, eventually, type TestGateway } from "../helpers/gateway.js";

/** A stored fixture document as a trader would submit it: without what the gateway assigns. */
function asSubmitted(doc: Record<string, unknown>): Record<string, unknown> {
  const { schemaVersion: _s, id: _i, version: _v, original: _o, ucr: _u, ...rest } = doc;
  return rest;
}

describe("submit once: derivation in the pipeline", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await embeddedGateway();
  });
  afterAll(async () => {
    await t.close();
  });

  it("derives the declaration and shipping instruction from an invoice and packing list, and routes the declaration", async () => {
    const fixture = JSON.parse(
      readFileSync(join(ROOT, "test/fixtures/derive/fob-no-inspection/dossier.json"), "utf8"),
    ) as {
      documents: Record<string, unknown>[];
    };
    const body = { dossier: { ucr: "UCR-DERIVE-FOB-1", documents: fixture.documents.map(asSubmitted) } };
    const exporter = t.keys["SWG_DEMO_EXPORTER_KEY"];
    const res = await t.http
      .post("/v1/submissions")
      .set(auth(exporter))
      .set("content-type", "application/json")
      .send(JSON.stringify(body));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const derived = (res.body.documents as { type: string; derived: boolean; id: string }[]).filter(
      (d) => d.derived,
    );
    expect(derived.map((d) => d.type).sort()).toEqual(["export-declaration", "shipping-instruction"]);
    expect((res.body.derivation as { status: string }[]).every((n) => n.status === "derived")).toBe(true);
    const receipted = res.body.receipt.receipt.documents as { derived?: boolean }[];
    expect(receipted.filter((d) => d.derived)).toHaveLength(2);

    const declaration = derived.find((d) => d.type === "export-declaration")!;
    const doc = await t.http.get(`/v1/documents/${declaration.id}`).set(auth(exporter));
    expect(doc.body.original.format).toBe("derived");
    const provenance = doc.body.canonical.derivation.provenance as {
      pointer: string;
      origin: string;
      sources: { type: string }[];
    }[];
    expect(provenance.length).toBeGreaterThan(5);
    const invoiceNumber = provenance.find((p) => p.pointer === "/invoice/number");
    expect(invoiceNumber?.sources[0]?.type).toBe("commercial-invoice");

    // The derived declaration is routed like a submitted one, and the trace says it was derived.
    const customs = t.keys["SWG_DEMO_CUSTOMS_KEY"];
    await eventually(
      async () => {
        const inbox = await t.http.get("/v1/inbox").set(auth(customs));
        return (inbox.body.messages as { headers: Record<string, string> }[]).find(
          (m) => m.headers["x-swg-ucr"] === "UCR-DERIVE-FOB-1",
        );
      },
      10_000,
      "the derived declaration at customs",
    );
    const trace = await t.http
      .get("/v1/consignments/UCR-DERIVE-FOB-1/trace")
      .set(auth(t.keys["SWG_DEMO_REGULATOR_KEY"]));
    expect(
      (trace.body.events as { type: string }[]).filter((e) => e.type === "document.derived"),
    ).toHaveLength(2);
  });

  it("derives nothing when the dossier says so", async () => {
    const fixture = JSON.parse(
      readFileSync(join(ROOT, "test/fixtures/derive/fob-no-inspection/dossier.json"), "utf8"),
    ) as {
      documents: Record<string, unknown>[];
    };
    const body = {
      dossier: { ucr: "UCR-DERIVE-FOB-2", derive: false, documents: fixture.documents.map(asSubmitted) },
    };
    const res = await t.http
      .post("/v1/submissions")
      .set(auth(t.keys["SWG_DEMO_EXPORTER_KEY"]))
      .set("content-type", "application/json")
      .send(JSON.stringify(body));
    expect(res.status).toBe(202);
    expect(res.body.documents).toHaveLength(2);
    expect(res.body.derivation).toEqual([]);
  });
});
