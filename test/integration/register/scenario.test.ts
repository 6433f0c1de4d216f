import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../helpers/corpora.js";
import { auth, embeddedGateway, eventually, type TestGateway } from "../../helpers/gateway.js";
import { declarationBody, invoiceBody } from "./documents.js";

const EXPORTER_USCI = "91330200MA2H4KXL3L";
/** Hand-made, with a correct GB 32100 check character. */
const BROKER_USCI = "91330206MA2CL8BR0G";

type Res = Awaited<ReturnType<TestGateway["http"]["get"]>>;

/**
 * The register's story through the API, in order: register → verify → a broker's mandate → submit
 * → a risk hit → a complaint upheld → reminder → partial → full (→ terminated), with each
 * measure's exact effect on the next submission, and the whole story in the party's trace.
 */
describe("the register, scripted through the API", () => {
  let t: TestGateway;
  let admin: string;
  let regulator: string;
  let partnerKey: string;
  let exporterId: string;
  let brokerId: string;
  let exporterKey: string;
  let brokerKey: string;
  let northKey: string;
  let riskDocumentId: string;
  let complaintId: string;
  let heldDocumentId: string;

  const submit = (key: string, body: unknown, headers: Record<string, string> = {}): Promise<Res> =>
    t.http
      .post("/v1/submissions")
      .set(auth(key))
      .set(headers)
      .set("content-type", "application/json")
      .send(JSON.stringify(body));
  const post = (key: string, path: string, body: unknown = {}): Promise<Res> =>
    t.http.post(path).set(auth(key)).set("content-type", "application/json").send(JSON.stringify(body));
  const get = (key: string, path: string): Promise<Res> => t.http.get(path).set(auth(key));

  beforeAll(async () => {
    t = await embeddedGateway({
      requireVerifiedParty: true,
      derive: false,
      riskListFile: join(ROOT, "test/fixtures/register/restricted-parties.csv"),
      partnersFile: join(ROOT, "test/fixtures/register/partners.json"),
      routingFile: join(ROOT, "test/fixtures/register/routing.json"),
    });
    admin = t.keys["SWG_DEMO_ADMIN_KEY"]!;
    regulator = t.keys["SWG_DEMO_REGULATOR_KEY"]!;
    partnerKey = t.keys["SWG_DEMO_CUSTOMS_KEY"]!;
    const key = await post(admin, "/v1/parties/customs-north/credentials", { role: "partner" });
    northKey = key.body.key as string;
  });
  afterAll(async () => {
    await t.close();
  });

  it("registers an exporter and a customs broker; a wrong check character is refused", async () => {
    const bad = await post(admin, "/v1/parties", {
      name: "Typo Trading",
      kind: "enterprise",
      identifiers: [{ scheme: "USCI", value: "91330200MA2H4KXL3X" }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.issues[0]).toMatchObject({ pointer: "/identifiers/0" });
    expect(bad.body.issues[0].message).toMatch(/GB 32100-2015 check character/);

    const exp = await post(admin, "/v1/parties", {
      name: "Ningbo Sunrise Houseware Co., Ltd.",
      kind: "enterprise",
      country: "CN",
      roles: ["exporter", "manufacturer"],
      identifiers: [
        { scheme: "USCI", value: EXPORTER_USCI },
        { scheme: "CN-CUSTOMS", value: "3302961234" },
        { scheme: "LEI", value: "300300W7ML5CQ2X9HC36" },
      ],
      contacts: [{ name: "Chen Jing", email: "export@sunrise-houseware.example.cn" }],
    });
    expect(exp.status).toBe(201);
    expect(exp.body.verification).toBe("unverified");
    exporterId = exp.body.id as string;
    const broker = await post(admin, "/v1/parties", {
      name: "Ningbo Harbour Customs Brokerage Co., Ltd.",
      kind: "enterprise",
      country: "CN",
      roles: ["customs-broker"],
      identifiers: [{ scheme: "USCI", value: BROKER_USCI }],
    });
    expect(broker.status).toBe(201);
    brokerId = broker.body.id as string;
    exporterKey = (await post(admin, `/v1/parties/${exporterId}/credentials`, { role: "exporter" })).body.key;
    brokerKey = (await post(admin, `/v1/parties/${brokerId}/credentials`, { role: "exporter" })).body.key;

    const dup = await post(admin, "/v1/parties", {
      name: "Someone else",
      kind: "enterprise",
      identifiers: [{ scheme: "USCI", value: EXPORTER_USCI }],
    });
    expect(dup.status).toBe(409);
  });

  it("refuses submissions until the exporter is verified, then verifies it on evidence", async () => {
    const early = await submit(exporterKey, declarationBody("SCN-0"));
    expect(early.status).toBe(403);
    expect(early.body.code).toBe("SWG_PARTY_NOT_VERIFIED");

    // The exporter cannot verify itself.
    const self = await post(exporterKey, `/v1/parties/${exporterId}/verification`, { status: "verified" });
    expect(self.status).toBe(403);

    const licence = Buffer.from("business licence, scanned").toString("base64");
    const docs = await post(exporterKey, `/v1/parties/${exporterId}/verification`, {
      status: "documents-submitted",
      evidence: [{ name: "business-licence.pdf", mediaType: "application/pdf", content: licence }],
    });
    expect(docs.status).toBe(200);
    expect(docs.body.verification).toBe("documents-submitted");
    const verified = await post(regulator, `/v1/parties/${exporterId}/verification`, {
      status: "verified",
      reason: "licence checked against NECIPS",
    });
    expect(verified.body.verification).toBe("verified");
    await post(brokerKey, `/v1/parties/${brokerId}/verification`, {
      status: "documents-submitted",
      evidence: [
        { name: "broker-licence.pdf", mediaType: "application/pdf", digest: `sha256:${"ab".repeat(32)}` },
      ],
    });
    await post(admin, `/v1/parties/${brokerId}/verification`, { status: "verified" });

    const history = await get(regulator, `/v1/parties/${exporterId}/verification`);
    expect((history.body.steps as { from: string; to: string }[]).map((s) => `${s.from}→${s.to}`)).toEqual([
      "unverified→documents-submitted",
      "documents-submitted→verified",
    ]);
    expect(history.body.steps[0].evidence[0].digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(history.body.steps[1].actor).toMatchObject({ role: "regulator", partyId: "demo-regulator" });
  });

  it("lets the broker submit for the exporter under a mandate, within its scope only", async () => {
    const none = await submit(brokerKey, declarationBody("SCN-1"), { "X-On-Behalf-Of": exporterId });
    expect(none.status).toBe(403);
    expect(none.body.code).toBe("SWG_MANDATE_MISSING");

    const m = await post(exporterKey, `/v1/parties/${exporterId}/mandates`, {
      agentId: brokerId,
      documentTypes: ["export-declaration"],
      partners: ["customs-north"],
      validUntil: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    });
    expect(m.status).toBe(201);

    const ok = await submit(brokerKey, declarationBody("SCN-1"), { "X-On-Behalf-Of": exporterId });
    expect(ok.status, JSON.stringify(ok.body)).toBe(202);
    expect(ok.body.receipt.receipt.submitter).toEqual({ partyId: brokerId, onBehalfOf: exporterId });
    const trace = await get(regulator, `/v1/consignments/${encodeURIComponent(ok.body.ucr as string)}/trace`);
    const accepted = (trace.body.events as { type: string; actor: unknown }[]).find(
      (e) => e.type === "submission.accepted",
    );
    expect(accepted?.actor).toMatchObject({ partyId: brokerId, onBehalfOf: exporterId });
    const doc = await get(regulator, `/v1/documents/${ok.body.documents[0].id as string}`);
    expect(doc.body.status).toBe("accepted");

    // Outside the mandate: another partner's office, and another document type.
    const south = await submit(brokerKey, declarationBody("SCN-1S", { office: "5300" }), {
      "X-On-Behalf-Of": exporterId,
    });
    expect(south.status).toBe(403);
    expect(south.body.code).toBe("SWG_MANDATE_MISSING");
    expect(south.body.issues[0].message).toMatch(/customs-south/);
    const invoice = await submit(brokerKey, invoiceBody("SCN-INV-B"), { "X-On-Behalf-Of": exporterId });
    expect(invoice.body.code).toBe("SWG_MANDATE_MISSING");
  });

  it("raises a risk warning that regulators see and the exporter does not, and escalates it", async () => {
    const res = await submit(exporterKey, invoiceBody("SCN-INV-1", { listedBuyer: true }));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    riskDocumentId = res.body.documents[0].id as string;
    expect(JSON.stringify(res.body)).not.toContain("RISK-");
    expect((await get(exporterKey, "/v1/risk/warnings")).status).toBe(403);

    const list = await get(regulator, `/v1/risk/warnings?partyId=${exporterId}&status=open`);
    expect(list.body.warnings).toHaveLength(1);
    const w = list.body.warnings[0];
    expect(w).toMatchObject({
      ruleId: "RISK-RPL-001",
      severity: "high",
      documentId: riskDocumentId,
      pointer: "/buyer",
    });
    expect(w.data).toMatchObject({ entryId: "RP-004", by: "identifier" });

    const dismiss = await post(regulator, `/v1/risk/warnings/${w.id as string}/dismiss`, {});
    expect(dismiss.status).toBe(422);
    const esc = await post(regulator, `/v1/risk/warnings/${w.id as string}/escalate`, {
      reason: "buyer's LEI is on the list; the exporter was told in 2024",
    });
    expect(esc.status).toBe(200);
    expect(esc.body.status).toBe("escalated");
    expect(esc.body.creditEventId).toBeTruthy();
    expect((await post(regulator, `/v1/risk/warnings/${w.id as string}/acknowledge`, {})).status).toBe(409);
  });

  it("takes a complaint through review to upheld, with deadlines, into the credit file", async () => {
    const filed = await post(partnerKey, "/v1/complaints", {
      documentId: riskDocumentId,
      category: "product-quality",
      summary: "Flasks leak at the lid seal; 12 % of the lot returned",
      evidence: [
        {
          name: "test-report.pdf",
          mediaType: "application/pdf",
          content: Buffer.from("report").toString("base64"),
        },
      ],
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: "received", againstPartyId: exporterId, overdue: false });
    complaintId = filed.body.id as string;
    expect(Date.parse(filed.body.decisionDueAt) - Date.parse(filed.body.receivedAt)).toBe(30 * 86_400_000);

    expect(
      (await post(regulator, `/v1/complaints/${complaintId}/decision`, { decision: "upheld", reason: "x" }))
        .status,
    ).toBe(409);
    expect((await post(regulator, `/v1/complaints/${complaintId}/review`)).body.status).toBe("under-review");
    const decided = await post(regulator, `/v1/complaints/${complaintId}/decision`, {
      decision: "upheld",
      reason: "inspection certificate confirms the defect",
    });
    expect(decided.body.status).toBe("upheld");

    // The exporter sees the complaint against it, and its credit file.
    expect((await get(exporterKey, `/v1/complaints/${complaintId}`)).status).toBe(200);
    const credit = await get(exporterKey, `/v1/parties/${exporterId}/credit`);
    expect(credit.body.byKind["complaint-upheld"]).toEqual({ count: 1, deducted: 10 });
    expect(credit.body.byKind["risk-escalated"]).toEqual({ count: 1, deducted: 8 });
    // The refusal before verification is not the exporter's documents' fault: it does not count.
    expect(credit.body.byKind.rejection.count).toBe(0);
    expect(credit.body).toMatchObject({ score: 82, grade: "B" });
    // Nobody else's file.
    expect((await get(brokerKey, `/v1/parties/${exporterId}/credit`)).status).toBe(404);
  });

  it("reminder: the next submission passes, and the answer, receipt and status carry the warning", async () => {
    const m = await post(regulator, `/v1/parties/${exporterId}/measures`, {
      level: "reminder",
      reason: "upheld quality complaint; improve lid inspection",
    });
    expect(m.status).toBe(201);
    const res = await submit(exporterKey, declarationBody("SCN-2"));
    expect(res.status).toBe(202);
    const notice = (res.body.warnings as { ruleId?: string; message: string }[]).find(
      (w) => w.ruleId === "MEASURE-REMINDER",
    );
    expect(notice?.message).toContain(m.body.id as string);
    expect(res.body.measures).toEqual([
      expect.objectContaining({ measureId: m.body.id, level: "reminder", effect: "warning" }),
    ]);
    expect(res.body.receipt.receipt.warnings).toBeGreaterThanOrEqual(1);
    const status = await get(exporterKey, `/v1/submissions/${res.body.submissionId as string}`);
    expect(status.body.measures[0]).toMatchObject({ level: "reminder" });
    expect(status.body.documents[0].status).toBe("accepted");
    expect(status.body.documents[0].partners[0].state).not.toBe("held");
  });

  it("partial (hold): declarations to customs-north wait for a regulator; released, they go out", async () => {
    const m = await post(regulator, `/v1/parties/${exporterId}/measures`, {
      level: "partial",
      reason: "declarations to the northern district reviewed before release",
      partners: ["customs-north"],
      action: "hold",
    });
    expect(m.status).toBe(201);
    const res = await submit(exporterKey, declarationBody("SCN-3"));
    expect(res.status).toBe(202);
    heldDocumentId = res.body.documents[0].id as string;
    expect(res.body.deliveries).toEqual([
      expect.objectContaining({ partnerId: "customs-north", state: "held" }),
    ]);
    expect(
      (res.body.measures as { level: string; effect: string }[]).map((x) => `${x.level}:${x.effect}`),
    ).toEqual(["partial:held", "reminder:warning"]);
    const status = await get(exporterKey, `/v1/submissions/${res.body.submissionId as string}`);
    expect(status.body.documents[0]).toMatchObject({ status: "held" });
    expect(status.body.documents[0].partners[0]).toMatchObject({ state: "held" });

    // Held means held: after the relay has had time, customs-north still has nothing.
    await new Promise((r) => setTimeout(r, 300));
    const inbox = await get(northKey, "/v1/inbox");
    expect(JSON.stringify(inbox.body)).not.toContain("SCN-3");
    const holds = await get(regulator, "/v1/holds");
    expect((holds.body.held as { documentId: string }[]).map((h) => h.documentId)).toContain(heldDocumentId);

    const metrics = await get(t.keys["SWG_DEMO_OPERATOR_KEY"]!, "/metrics");
    expect(metrics.text).toContain('swg_deliveries_open{partner="customs-north",state="held"} 1');

    const released = await post(regulator, `/v1/holds/${heldDocumentId}/release`, {
      reason: "checked, consistent",
    });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: "accepted", current: true });
    await eventually(
      async () => {
        const i = await get(northKey, "/v1/inbox");
        return JSON.stringify(i.body).includes("SCN-3") ? true : undefined;
      },
      10_000,
      "the released declaration in customs-north's inbox",
    );
    expect((await post(regulator, `/v1/holds/${heldDocumentId}/release`, { reason: "again" })).status).toBe(
      404,
    );
  });

  it("partial (refuse): invoices are refused with the measure named; declarations still pass", async () => {
    const measures = (await get(regulator, `/v1/parties/${exporterId}/measures`)).body.measures as {
      id: string;
      level: string;
      active: boolean;
    }[];
    const hold = measures.find((x) => x.level === "partial" && x.active)!;
    await post(regulator, `/v1/measures/${hold.id}/lift`, { reason: "review period over" });
    const m = await post(regulator, `/v1/parties/${exporterId}/measures`, {
      level: "partial",
      reason: "invoices suspended pending the valuation inquiry",
      documentTypes: ["commercial-invoice"],
      action: "refuse",
    });
    const inv = await submit(exporterKey, invoiceBody("SCN-INV-2"));
    expect(inv.status).toBe(403);
    expect(inv.headers["content-type"]).toContain("application/problem+json");
    expect(inv.body).toMatchObject({
      code: "SWG_PARTY_RESTRICTED",
      measure: { id: m.body.id, level: "partial", action: "refuse", documentTypes: ["commercial-invoice"] },
    });
    const dec = await submit(exporterKey, declarationBody("SCN-4"));
    expect(dec.status).toBe(202);
    expect(dec.body.deliveries[0].state).toBe("pending");
  });

  it("full: every submission is refused with a problem+json naming the measure, the broker's too", async () => {
    const m = await post(regulator, `/v1/parties/${exporterId}/measures`, {
      level: "full",
      reason: "valuation fraud under investigation",
      endsAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    });
    expect(m.status).toBe(201);
    for (const [key, headers] of [
      [exporterKey, {}],
      [brokerKey, { "X-On-Behalf-Of": exporterId }],
    ] as const) {
      const res = await submit(key, declarationBody("SCN-5"), headers);
      expect(res.status).toBe(403);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.body).toMatchObject({
        type: "urn:swg:error:SWG_PARTY_RESTRICTED",
        code: "SWG_PARTY_RESTRICTED",
        measure: { id: m.body.id, level: "full", reason: "valuation fraud under investigation" },
      });
      expect(res.body.detail).toContain("full restriction");
    }
  });

  it("tells the whole story in the exporter's trace, its chain intact", async () => {
    const trace = await get(regulator, `/v1/parties/${exporterId}/trace`);
    expect(trace.status).toBe(200);
    expect(trace.body.chain.ok).toBe(true);
    const types = (trace.body.events as { type: string }[]).map((e) => e.type);
    expect(types).toEqual([
      "party.registered",
      "credential.issued",
      "submission.rejected", // before verification
      "party.verification-documents-submitted",
      "party.verified",
      "mandate.granted",
      "risk.flagged",
      "credit.recorded",
      "risk.escalated",
      "complaint.received",
      "complaint.under-review",
      "credit.recorded",
      "complaint.upheld",
      "measure.imposed", // reminder
      "measure.applied",
      "measure.imposed", // partial hold
      "measure.applied",
      "hold.released",
      "measure.lifted",
      "measure.imposed", // partial refuse
      "submission.rejected",
      "measure.applied", // reminder on the declaration that passed
      "measure.imposed", // full
      "submission.rejected",
      "submission.rejected", // the broker's attempt for the exporter
    ]);
    const events = trace.body.events as {
      type: string;
      data: Record<string, unknown>;
      actor: Record<string, unknown>;
    }[];
    expect(events.filter((e) => e.type === "submission.rejected").map((e) => e.data["code"])).toEqual([
      "SWG_PARTY_NOT_VERIFIED",
      "SWG_PARTY_RESTRICTED",
      "SWG_PARTY_RESTRICTED",
      "SWG_PARTY_RESTRICTED",
    ]);
    expect(events.at(-1)!.actor).toMatchObject({ partyId: brokerId, onBehalfOf: exporterId });
    // The accepted submissions, the broker's among them.
    const subs = trace.body.submissions as { actingFor: string | null }[];
    expect(subs.length).toBe(5);
    expect(subs.filter((s) => s.actingFor === brokerId)).toHaveLength(1);
    // The broker's chain shows the mandate and its own refused attempt without one.
    const broker = await get(regulator, `/v1/parties/${brokerId}/trace`);
    const bt = (broker.body.events as { type: string; data: Record<string, unknown> }[]).map((e) =>
      e.type === "submission.rejected" ? `${e.type}:${String(e.data["code"])}` : e.type,
    );
    expect(bt).toContain("submission.rejected:SWG_MANDATE_MISSING");
    expect(bt).toContain("mandate.granted");
  });

  it("terminated: credentials revoked at once, the history stays readable", async () => {
    const m = await post(regulator, `/v1/parties/${exporterId}/measures`, {
      level: "terminated",
      reason: "fraud confirmed by the investigation",
      grounds: "fraud",
    });
    expect(m.status).toBe(201);
    expect((await submit(exporterKey, declarationBody("SCN-6"))).status).toBe(401);
    expect((await get(exporterKey, `/v1/parties/${exporterId}`)).status).toBe(401);
    const p = await get(regulator, `/v1/parties/${exporterId}`);
    expect(p.body.status).toBe("terminated");
    const trace = await get(regulator, `/v1/parties/${exporterId}/trace`);
    expect(trace.body.chain.ok).toBe(true);
    expect((trace.body.events as { type: string }[]).at(-1)!.type).toBe("party.terminated");
    expect((await get(regulator, `/v1/documents/${riskDocumentId}`)).status).toBe(200);
    expect((await post(regulator, `/v1/measures/${m.body.id as string}/lift`, { reason: "no" })).status).toBe(
      409,
    );
  });

  it("exposes Prometheus metrics by route template and stage, never by id", async () => {
    const res = await get(t.keys["SWG_DEMO_OPERATOR_KEY"]!, "/metrics");
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /swg_http_request_duration_seconds_count\{method="POST",route="\/v1\/submissions",status="202"\} \d+/,
    );
    expect(res.text).toMatch(/route="\/v1\/parties\/:id\/measures"/);
    expect(res.text).toMatch(/swg_pipeline_stage_duration_seconds_count\{stage="risk"\} \d+/);
    expect(res.text).toMatch(/swg_submissions_total\{outcome="rejected",code="SWG_PARTY_RESTRICTED"\} 3/);
    expect(res.text).toMatch(/swg_risk_warnings_total\{rule="RISK-RPL-001",severity="high"\} 1/);
    expect(res.text).toMatch(/swg_measures_applied_total\{level="partial",effect="held"\} 1/);
    expect(res.text).toContain("# TYPE swg_deliveries_open gauge");
    expect(res.text).not.toContain(exporterId);
    expect(res.text).not.toContain(heldDocumentId);
    expect((await get(exporterKey, "/metrics")).status).toBe(401);
    expect(complaintId).toBeTruthy();
  });
});
