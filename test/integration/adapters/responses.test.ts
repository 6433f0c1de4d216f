import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OverdueWatch } from "../../../src/delivery/overdue.js";
import { parseEdifact } from "../../../src/formats/edifact/index.js";
import { createLogger } from "../../../src/util/log.js";
import { ROOT } from "../../helpers/corpora.js";
import { auth, embeddedGateway, eventually, type TestGateway } from "../../helpers/gateway.js";
import { inbox, notificationReceiver, partnerKey, signatureValid } from "./helpers.js";

const SECRET = "exporter-notify-secret-0123456789";

function declaration(number: string, ucr: string): Record<string, unknown> {
  const d = JSON.parse(
    readFileSync(join(ROOT, "test/fixtures/documents/export-declaration/valid-self-declared.json"), "utf8"),
  ) as Record<string, unknown>;
  for (const k of ["schemaVersion", "id", "version", "original"]) delete d[k];
  return { ...d, number, lrn: number, ucr };
}

describe("responses: triggers, exporter notifications, overdue (embedded, demo configuration)", () => {
  let t: TestGateway;
  let receiver: Awaited<ReturnType<typeof notificationReceiver>>;
  let exporter: string;
  let customs: string;
  let port: string;
  let carrier: string;
  let submissionId: string;
  let ucr: string;

  beforeAll(async () => {
    receiver = await notificationReceiver(1);
    t = await embeddedGateway({}, { SWG_TEST_NOTIFY_SECRET: SECRET });
    exporter = t.keys["SWG_DEMO_EXPORTER_KEY"]!;
    customs = t.keys["SWG_DEMO_CUSTOMS_KEY"]!;
    port = await partnerKey(t, "port-demo");
    carrier = await partnerKey(t, "carrier-demo");
    const admin = t.keys["SWG_DEMO_ADMIN_KEY"]!;
    const bad = await t.http
      .put("/v1/parties/demo-exporter/notifications")
      .set(auth(admin))
      .send({ url: "ftp://x", secretEnv: "lower" });
    expect(bad.status).toBe(422);
    expect((bad.body.issues as { pointer: string }[]).map((i) => i.pointer).sort()).toEqual([
      "/secretEnv",
      "/url",
    ]);
    const set = await t.http
      .put("/v1/parties/demo-exporter/notifications")
      .set(auth(admin))
      .send({ url: receiver.url, secretEnv: "SWG_TEST_NOTIFY_SECRET" });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.profile.notifications).toEqual({
      url: receiver.url,
      secretEnv: "SWG_TEST_NOTIFY_SECRET",
    });
    // Only an administrator sets where news goes.
    expect(
      (await t.http.put("/v1/parties/demo-exporter/notifications").set(auth(exporter)).send({})).status,
    ).toBe(403);
    ucr = "UCR-RESP-0001";
    const res = await t.http
      .post("/v1/submissions")
      .set(auth(exporter))
      .set("content-type", "application/json")
      .send(JSON.stringify(declaration("DEC-RESP-1", ucr)));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    submissionId = res.body.submissionId as string;
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it("a customs release sends the declaration on to the port and the carrier, as each expects it", async () => {
    const msg = await eventually(
      async () => (await inbox(t, customs)).find((m) => m.headers["x-swg-ucr"] === ucr),
      10_000,
      "the declaration at customs",
    );
    // Nothing for the port or the carrier before customs releases.
    expect((await inbox(t, port)).filter((m) => m.headers["x-swg-ucr"] === ucr)).toEqual([]);
    const answer = (status: string, n: number) =>
      t.http
        .post("/v1/partners/customs-demo/responses")
        .set(auth(customs))
        .set("content-type", "application/json")
        .send(
          JSON.stringify({
            responseId: `CUS-RESP-${n}`,
            messageId: msg.messageId,
            status,
            references: { mrn: "25CN31040000999999" },
          }),
        );
    const accepted = await answer("accepted", 1);
    expect(accepted.status).toBe(201);
    expect((await inbox(t, port)).filter((m) => m.headers["x-swg-ucr"] === ucr)).toEqual([]);
    const released = await answer("released", 2);
    expect(released.status).toBe(201);

    const atPort = await eventually(
      async () => (await inbox(t, port)).find((m) => m.headers["x-swg-ucr"] === ucr),
      10_000,
      "the release at the port",
    );
    expect(atPort.mediaType).toBe("application/edifact");
    const cusres = parseEdifact(atPort.text);
    expect(cusres.problems).toEqual([]);
    expect(cusres.interchanges[0]!.messages[0]!.type).toBe("CUSRES");
    expect(atPort.text).toContain("GIS+4::6'");
    expect(atPort.text).toContain("RFF+ABT:25CN31040000999999'");
    // The port never sees the parties of the declaration.
    expect(atPort.text).not.toContain("Ningbo Sunrise");

    const atCarrier = await eventually(
      async () => (await inbox(t, carrier)).find((m) => m.headers["x-swg-ucr"] === ucr),
      10_000,
      "the release at the carrier",
    );
    const events = JSON.parse(atCarrier.text) as { shipmentEventTypeCode: string; documentID: string }[];
    expect(events[0]).toMatchObject({ shipmentEventTypeCode: "RELS", documentID: "25CN31040000999999" });

    // A repeated release triggers nothing more.
    const again = await answer("released", 3);
    expect(again.status).toBe(201);
    const deliveries = await t.gw.store.read.deliveries.listByUcr(ucr);
    expect(deliveries.map((d) => d.partnerId).sort()).toEqual(["carrier-demo", "customs-demo", "port-demo"]);

    const trace = await t.http
      .get(`/v1/consignments/${ucr}/trace`)
      .set(auth(t.keys["SWG_DEMO_REGULATOR_KEY"]));
    const planned = (
      trace.body.events as { type: string; data: { rule?: string; trigger?: unknown } }[]
    ).filter((e) => e.type === "delivery.planned");
    expect(planned.filter((e) => e.data.rule === "customs-release-to-port-and-carrier")).toHaveLength(2);
    expect(planned.find((e) => e.data.trigger)?.data.trigger).toMatchObject({
      status: "customs.released",
      partnerId: "customs-demo",
    });
  });

  it("pushes every answer to the exporter, signed, retried after a failure", async () => {
    const delivered = await eventually(
      () => {
        const ok = receiver.received.filter((r) => r.status === 204);
        return Promise.resolve(ok.length >= 3 ? ok : undefined);
      },
      10_000,
      "three notifications delivered",
    );
    expect(receiver.received[0]!.status).toBe(503);
    for (const r of receiver.received) expect(signatureValid(SECRET, r)).toBe(true);
    expect(signatureValid("not-the-secret", receiver.received[0]!)).toBe(false);
    const bodies = delivered.map((r) => JSON.parse(r.body.toString("utf8")) as Record<string, unknown>);
    expect(bodies.map((b) => b["status"]).sort()).toEqual([
      "customs.accepted",
      "customs.released",
      "customs.released",
    ]);
    for (const b of bodies) {
      expect(b).toMatchObject({ kind: "response", ucr, submissionId, partnerId: "customs-demo" });
      expect((b["document"] as { number: string }).number).toBe("DEC-RESP-1");
    }
    // The retried one kept its id and bytes.
    const first = receiver.received[0]!;
    const retried = receiver.received.find(
      (r) => r !== first && r.headers["x-swg-notification-id"] === first.headers["x-swg-notification-id"],
    )!;
    expect(retried.body.equals(first.body)).toBe(true);
    expect(retried.headers["x-swg-attempt"]).toBe("2");
    // The receiver answered a moment before the notifier recorded it.
    const trace = await eventually(
      async () => {
        const r = await t.http
          .get(`/v1/consignments/${ucr}/trace`)
          .set(auth(t.keys["SWG_DEMO_REGULATOR_KEY"]));
        const n = (r.body.events as { type: string }[]).filter((e) => e.type === "notification.delivered");
        return n.length >= 3 ? r : undefined;
      },
      10_000,
      "the notifications recorded",
    );
    const types = (trace.body.events as { type: string }[]).map((e) => e.type);
    expect(types.filter((x) => x === "notification.planned")).toHaveLength(3);
    expect(types.filter((x) => x === "notification.failed")).toHaveLength(1);
    expect(types.filter((x) => x === "notification.delivered")).toHaveLength(3);
    expect(trace.body.chain.ok).toBe(true);
  });

  it("flags a delivery once when its partner misses the deadline: event, metric, status, notification", async () => {
    await eventually(
      async () => {
        const ds = await t.gw.store.read.deliveries.listByUcr(ucr);
        return ds.every((d) => d.state === "delivered") ? true : undefined;
      },
      10_000,
      "every delivery delivered",
    );
    const registry = new Registry();
    const later = new Date(Date.now() + 100 * 3_600_000);
    const watch = new OverdueWatch(
      t.gw.store,
      { now: () => later },
      createLogger("silent"),
      t.gw.ctx.partners,
      registry,
      {
        intervalMs: 60_000,
        batchSize: 100,
      },
    );
    const flagged = await watch.tick();
    expect(flagged).toBeGreaterThanOrEqual(2);
    expect(await watch.tick()).toBe(0);

    const metric = await registry.getSingleMetricAsString("swg_deliveries_overdue_total");
    expect(metric).toMatch(/swg_deliveries_overdue_total\{partner="port-demo",kind="port"\} 1/);
    expect(metric).toMatch(/swg_deliveries_overdue_total\{partner="carrier-demo",kind="carrier"\} 1/);
    expect(metric).not.toContain('partner="customs-demo"');

    const status = await t.http.get(`/v1/submissions/${submissionId}`).set(auth(exporter));
    const partners = status.body.documents[0].partners as {
      partnerId: string;
      overdue: boolean;
      overdueAt: string | null;
      status: string | null;
    }[];
    const byId = Object.fromEntries(partners.map((p) => [p.partnerId, p]));
    expect(byId["customs-demo"]).toMatchObject({
      overdue: false,
      overdueAt: null,
      status: "customs.released",
    });
    expect(byId["port-demo"]).toMatchObject({ overdue: true, overdueAt: later.toISOString(), status: null });
    expect(byId["carrier-demo"]).toMatchObject({ overdue: true });

    const trace = await t.http
      .get(`/v1/consignments/${ucr}/trace`)
      .set(auth(t.keys["SWG_DEMO_REGULATOR_KEY"]));
    const overdue = (trace.body.events as { type: string; data: { partnerId: string } }[]).filter(
      (e) => e.type === "delivery.overdue",
    );
    expect(overdue.map((e) => e.data.partnerId).sort()).toEqual(["carrier-demo", "port-demo"]);
    await eventually(
      () => {
        const n = receiver.received
          .filter((r) => r.status === 204)
          .map((r) => JSON.parse(r.body.toString("utf8")) as { kind: string; partnerId: string })
          .filter((b) => b.kind === "overdue");
        return Promise.resolve(n.length === 2 ? n : undefined);
      },
      10_000,
      "the overdue notifications",
    );
  });

  it("an answer after the deadline clears the overdue flag from the status", async () => {
    const msg = (await inbox(t, port)).find((m) => m.headers["x-swg-ucr"] === ucr)!;
    const codeco = readFileSync(
      join(ROOT, "adapters/port/fixtures/responses/codeco-gate-in.edi"),
      "utf8",
    ).replace("0195c000-0000-7000-8000-00000000a001", msg.messageId);
    const res = await t.http
      .post("/v1/partners/port-demo/responses")
      .set(auth(port))
      .set("content-type", "application/edifact")
      .send(codeco);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe("port.milestone");
    expect(res.body.event.dcsa.equipmentEventTypeCode).toBe("GTIN");
    const status = await t.http.get(`/v1/submissions/${submissionId}`).set(auth(exporter));
    const portStatus = (
      status.body.documents[0].partners as { partnerId: string; overdue: boolean; status: string }[]
    ).find((p) => p.partnerId === "port-demo");
    expect(portStatus).toMatchObject({ overdue: false, status: "port.milestone" });
  });
});
