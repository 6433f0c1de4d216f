import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statsCsv } from "../../../src/stats/csv.js";
import { isoWeek } from "../../../src/stats/periods.js";
import { statistics } from "../../../src/stats/report.js";
import { auth, embeddedGateway, type TestGateway } from "../../helpers/gateway.js";
import { STORE_FACTORIES, type TestStore } from "../../helpers/stores.js";
import { RANGE, seedStats } from "./stats-dataset.js";

describe("ISO weeks", () => {
  it.each([
    ["2025-03-03", "2025-W10"],
    ["2025-03-09", "2025-W10"],
    ["2024-12-30", "2025-W01"],
    ["2021-01-03", "2020-W53"],
  ])("%s is in %s", (day, week) => {
    expect(isoWeek(day)).toBe(week);
  });
});

describe.each(STORE_FACTORIES)("statistics on the seeded dataset (%s)", (_name, make) => {
  let s: TestStore;
  beforeAll(async () => {
    s = await make();
    await seedStats(s.store, "st");
  });
  afterAll(async () => {
    await s.cleanup();
  });

  it("counts parties, activity and renewals", async () => {
    const r = await statistics(s.store, { ...RANGE, granularity: "month" });
    expect(r.parties).toEqual({ registered: 4, verified: 3, terminated: 1, active: 2 });
    expect(r.renewal.registrations).toEqual({ due: 3, renewedOnTime: 1, rate: 0.3333 });
    expect(r.renewal.certificates).toEqual({ due: 2, renewedOnTime: 1, rate: 0.5 });
    expect(r.renewal).toMatchObject({ due: 5, renewedOnTime: 2, rate: 0.4 });
  });

  it("counts submissions, documents by type and deliveries by partner, per period", async () => {
    const month = await statistics(s.store, { ...RANGE, granularity: "month" });
    expect(month.submissions).toEqual({ total: 4, byPeriod: [{ period: "2025-03", n: 4 }] });
    expect(month.documents.byType).toEqual({
      "commercial-invoice": 2,
      "export-declaration": 3,
      "packing-list": 1,
    });
    expect(month.deliveries.byPartner).toEqual({ "bank-x": 1, "customs-north": 2, "customs-south": 1 });
    const week = await statistics(s.store, { ...RANGE, granularity: "week" });
    expect(week.submissions.byPeriod).toEqual([
      { period: "2025-W10", n: 2 },
      { period: "2025-W11", n: 1 },
      { period: "2025-W12", n: 1 },
    ]);
    const day = await statistics(s.store, { ...RANGE, granularity: "day" });
    expect(day.documents.byPeriod).toContainEqual({ period: "2025-03-03", type: "export-declaration", n: 2 });
    expect(day.deliveries.byPeriod).toContainEqual({
      period: "2025-03-20",
      partnerId: "customs-south",
      n: 1,
    });
  });

  it("gives rejection rates overall and per period", async () => {
    const r = await statistics(s.store, { ...RANGE, granularity: "day" });
    expect(r.rejections).toMatchObject({ accepted: 4, rejected: 2, rate: 0.3333 });
    expect(r.rejections.byPeriod).toEqual([
      { period: "2025-03-03", accepted: 2, rejected: 1, rate: 0.3333 },
      { period: "2025-03-10", accepted: 1, rejected: 0, rate: 0 },
      { period: "2025-03-15", accepted: 0, rejected: 1, rate: 1 },
      { period: "2025-03-20", accepted: 1, rejected: 0, rate: 0 },
    ]);
  });

  it("gives each partner's median time to first response, and routes by volume", async () => {
    const r = await statistics(s.store, { ...RANGE, granularity: "month" });
    expect(r.responseTimes).toEqual([
      { partnerId: "customs-north", responses: 2, medianSeconds: 3 * 3600 },
      { partnerId: "customs-south", responses: 1, medianSeconds: 3600 },
    ]);
    expect(r.routes).toEqual([
      { routingKey: "customs.customs-north.export-declaration", partnerId: "customs-north", n: 2 },
      { routingKey: "bank.bank-x.commercial-invoice", partnerId: "bank-x", n: 1 },
      { routingKey: "customs.customs-south.export-declaration", partnerId: "customs-south", n: 1 },
    ]);
  });

  it("counts complaint handling, intellectual-property and product-quality cases apart", async () => {
    const r = await statistics(s.store, { ...RANGE, granularity: "month" });
    expect(r.complaints).toMatchObject({
      received: 3,
      upheld: 2,
      dismissed: 1,
      open: 1,
      medianDaysToDecision: 10,
    });
    expect(r.complaints.intellectualProperty).toEqual({
      received: 2,
      upheld: 0,
      dismissed: 1,
      open: 1,
      medianDaysToDecision: 4,
    });
    expect(r.complaints.productQuality).toEqual({
      received: 1,
      upheld: 1,
      dismissed: 0,
      open: 0,
      medianDaysToDecision: 10,
    });
  });

  it("exports the same figures as CSV, one a row", async () => {
    const csv = statsCsv(await statistics(s.store, { ...RANGE, granularity: "month" }));
    const rows = csv.trim().split("\r\n");
    expect(rows[0]).toBe("section,metric,period,dimension,value");
    const all = `${RANGE.from}/${RANGE.to}`;
    expect(rows).toContain(`parties,registered,${all},,4`);
    expect(rows).toContain("documents,accepted,2025-03,export-declaration,3");
    expect(rows).toContain(`rejections,rate,${all},,0.3333`);
    expect(rows).toContain(`responses,medianSeconds,${all},customs-north,10800`);
    expect(rows).toContain(`complaints,received,${all},intellectual-property,2`);
    expect(rows).toContain(`renewal,rate,${all},certificate,0.5`);
  });
});

describe("GET /v1/stats over HTTP", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await embeddedGateway();
    await seedStats(t.gw.store, "http");
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers regulators in JSON and CSV, and refuses exporters", async () => {
    const q = `from=${RANGE.from}&to=${RANGE.to}&granularity=week`;
    const json = await t.http.get(`/v1/stats?${q}`).set(auth(t.keys["SWG_DEMO_REGULATOR_KEY"]));
    expect(json.status).toBe(200);
    // The demo cast registers one enterprise now, outside the range: the seeded four remain.
    expect(json.body.parties).toMatchObject({ registered: 4, active: 2 });
    expect(json.body.period.granularity).toBe("week");
    const csv = await t.http.get(`/v1/stats.csv?${q}`).set(auth(t.keys["SWG_DEMO_OPERATOR_KEY"]));
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["content-disposition"]).toContain("swg-stats-2025-03-01-2025-04-01.csv");
    expect(csv.text).toContain("submissions,accepted,2025-W10,,2");
    const bad = await t.http.get("/v1/stats?granularity=year").set(auth(t.keys["SWG_DEMO_REGULATOR_KEY"]));
    expect(bad.status).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.body.issues).toEqual([
      expect.objectContaining({ message: 'unknown value "year"', location: "query granularity" }),
    ]);
    const badStatus = await t.http
      .get("/v1/complaints?status=closed")
      .set(auth(t.keys["SWG_DEMO_REGULATOR_KEY"]));
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.detail).toBe("status is one of received, under-review, upheld, dismissed");
    expect((await t.http.get("/v1/stats").set(auth(t.keys["SWG_DEMO_EXPORTER_KEY"]))).status).toBe(403);
  });
});
