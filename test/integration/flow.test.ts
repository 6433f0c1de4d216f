import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileKeyStore } from "../../src/pki/file-keystore.js";
import { verifyJws } from "../../src/pki/jws.js";
import { jcs } from "../../src/util/jcs.js";
import { ROOT } from "../helpers/corpora.js";
import { auth, embeddedGateway, eventually, type TestGateway } from "../helpers/gateway.js";

/** A trader's canonical JSON declaration: what the gateway assigns (id, version, original) left out. */
function declaration(number: string): Record<string, unknown> {
  const d = JSON.parse(
    readFileSync(join(ROOT, "test/fixtures/documents/export-declaration/valid-self-declared.json"), "utf8"),
  ) as Record<string, unknown>;
  for (const k of ["schemaVersion", "id", "version", "original"]) delete d[k];
  return { ...d, number, lrn: number, ucr: `UCR-FLOW-${number}` };
}

describe("the flow, embedded", () => {
  let t: TestGateway;
  let exporter: string;
  let customs: string;
  let regulator: string;
  beforeAll(async () => {
    t = await embeddedGateway();
    exporter = t.keys["SWG_DEMO_EXPORTER_KEY"]!;
    customs = t.keys["SWG_DEMO_CUSTOMS_KEY"]!;
    regulator = t.keys["SWG_DEMO_REGULATOR_KEY"]!;
  });
  afterAll(async () => {
    await t.close();
  });

  it("accepts a canonical declaration, seals it, routes it to customs, and takes the answer", async () => {
    const body = JSON.stringify(declaration("DEC-FLOW-1"));
    const res = await t.http
      .post("/v1/submissions")
      .set(auth(exporter))
      .set("content-type", "application/json")
      .send(body);
    expect(res.status).toBe(202);
    expect(res.body.status).toBe("accepted");
    expect(res.body.deliveries).toHaveLength(1);
    const docId = res.body.documents[0].id as string;

    // The receipt signs the digest of exactly the bytes sent.
    const keys = new FileKeyStore({ keyFile: t.gw.config.sealKeyFile, chainFile: t.gw.config.sealCertFile });
    const { receipt, signature } = res.body.receipt as {
      receipt: { request: { digest: string } };
      signature: string;
    };
    expect(verifyJws(signature, (k) => keys.byKid(k), Buffer.from(jcs(receipt))).ok).toBe(true);
    expect(receipt.request.digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    // The seal covers the stored canonical bytes.
    const canonical = await t.http.get(`/v1/documents/${docId}?part=canonical`).set(auth(exporter));
    const seal = await t.http.get(`/v1/documents/${docId}?part=seal`).set(auth(exporter));
    expect(verifyJws(seal.text, (k) => keys.byKid(k), Buffer.from(canonical.text)).ok).toBe(true);
    const tampered = canonical.text.replace("MSC AURORA", "MSC AURORB");
    expect(verifyJws(seal.text, (k) => keys.byKid(k), Buffer.from(tampered)).ok).toBe(false);

    // Delivered into the customs inbox as WCO DM XML.
    const msg = await eventually(
      async () => {
        const inbox = await t.http.get("/v1/inbox").set(auth(customs));
        return (inbox.body.messages as { messageId: string; body: string; mediaType: string }[]).find((m) =>
          m.body.includes("DEC-FLOW-1"),
        );
      },
      10_000,
      "delivery to the customs inbox",
    );
    expect(msg.mediaType).toBe("application/xml");
    expect(msg.body).toContain("urn:wco:datamodel:WCO:DEC-DMS:2");
    expect(msg.body).toContain("<TypeCode>EXA</TypeCode>");

    const answer = {
      responseId: "CUS-R-1",
      messageId: msg.messageId,
      status: "accepted",
      references: { mrn: "25CN31040000123456" },
    };
    const r1 = await t.http
      .post("/v1/partners/customs-demo/responses")
      .set(auth(customs))
      .set("content-type", "application/json")
      .send(JSON.stringify(answer));
    expect(r1.status).toBe(201);
    expect(r1.body.status).toBe("customs.accepted");
    const r2 = await t.http
      .post("/v1/partners/customs-demo/responses")
      .set(auth(customs))
      .set("content-type", "application/json")
      .send(JSON.stringify(answer));
    expect(r2.status).toBe(200);
    expect(r2.body.duplicate).toBe(true);

    const status = await t.http.get(`/v1/submissions/${res.body.submissionId as string}`).set(auth(exporter));
    expect(status.body.documents[0].partners[0]).toMatchObject({
      partnerId: "customs-demo",
      state: "delivered",
      status: "customs.accepted",
      overdue: false,
    });

    const trace = await t.http
      .get(`/v1/consignments/${encodeURIComponent(res.body.ucr as string)}/trace`)
      .set(auth(regulator));
    expect(trace.status).toBe(200);
    expect(trace.body.chain.ok).toBe(true);
    expect((trace.body.events as { type: string }[]).map((e) => e.type)).toEqual([
      "submission.accepted",
      "document.accepted",
      "delivery.planned",
      "delivery.delivered",
      "response.received",
    ]);
  });

  it("reads a UBL invoice into a commercial invoice and keeps the original byte for byte", async () => {
    const ubl = readFileSync(join(ROOT, "test/fixtures/ubl/clean-invoice.xml"));
    const res = await t.http
      .post("/v1/submissions")
      .set(auth(exporter))
      .set("content-type", "application/xml")
      .send(ubl);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const doc = await t.http.get(`/v1/documents/${res.body.documents[0].id as string}`).set(auth(exporter));
    expect(doc.body.type).toBe("commercial-invoice");
    expect(doc.body.canonical.number).toBe("FX-2025-0042");
    expect(doc.body.canonical.lines).toHaveLength(2);
    expect(doc.body.original.format).toBe("ubl-2.1");
    const original = await t.http
      .get(`/v1/documents/${res.body.documents[0].id as string}?part=original`)
      .set(auth(exporter))
      .buffer(true);
    expect(Buffer.compare(Buffer.from(original.text ?? original.body), ubl)).toBe(0);
  });

  it("reports every error at once: schema, code list and business rule, each with pointer, XPath and rule id", async () => {
    const ubl = readFileSync(join(ROOT, "test/fixtures/ubl/three-errors.xml"));
    const res = await t.http
      .post("/v1/submissions")
      .set(auth(exporter))
      .set("content-type", "application/xml")
      .send(ubl);
    expect(res.status).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.body.code).toBe("SWG_VALIDATION_FAILED");
    const issues = (
      res.body.issues as { ruleId: string; pointer: string; xpath: string; severity: string }[]
    ).filter((i) => i.severity === "error");
    expect(issues.map((i) => [i.ruleId, i.pointer, i.xpath]).sort()).toEqual(
      [
        ["SCHEMA-format", "/issuedAt", "/Invoice/cbc:IssueDate"],
        ["SWG-CL-002", "/currency", "/Invoice/cbc:DocumentCurrencyCode"],
        ["SWG-INV-001", "/lines/1/lineAmount", "/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount"],
      ].sort(),
    );
  });

  it("honours Idempotency-Key: same body replays, other body conflicts", async () => {
    const body = JSON.stringify(declaration("DEC-IDEM-1"));
    const a = await t.http
      .post("/v1/submissions")
      .set(auth(exporter))
      .set("idempotency-key", "k-1")
      .set("content-type", "application/json")
      .send(body);
    const b = await t.http
      .post("/v1/submissions")
      .set(auth(exporter))
      .set("idempotency-key", "k-1")
      .set("content-type", "application/json")
      .send(body);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.headers["idempotency-replayed"]).toBe("true");
    expect(b.body).toEqual(a.body);
    const c = await t.http
      .post("/v1/submissions")
      .set(auth(exporter))
      .set("idempotency-key", "k-1")
      .set("content-type", "application/json")
      .send(JSON.stringify(declaration("DEC-IDEM-2")));
    expect(c.status).toBe(409);
    expect(c.headers["content-type"]).toContain("application/problem+json");
    expect(c.body.code).toBe("SWG_IDEMPOTENCY_CONFLICT");
  });

  it("refuses hostile XML with 400 problem+json and stores nothing", async () => {
    const before = await t.gw.store.read.audit.count();
    const docs = [
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&b;</Invoice>`,
      `<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>`,
      "<a>".repeat(10_000) + "</a>".repeat(10_000),
    ];
    for (const d of docs) {
      const res = await t.http
        .post("/v1/submissions")
        .set(auth(exporter))
        .set("content-type", "application/xml")
        .send(d);
      expect(res.status).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(["SWG_XML_FORBIDDEN_CONSTRUCT", "SWG_XML_LIMIT_EXCEEDED"]).toContain(res.body.code);
    }
    // Only the rejections were audited (on the party's chain); no submission or document exists.
    const after = await t.gw.store.read.audit.count();
    expect(after - before).toBe(docs.length);
    const chain = await t.gw.store.read.audit.chain("party:demo-exporter");
    expect(chain.slice(-3).every((e) => e.type === "submission.rejected")).toBe(true);
  });
});
