import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_DIR } from "../../src/http/routes/console.js";
import { readBundle } from "../../src/trace/evidence/container.js";
import { verifyEvidence } from "../../src/trace/evidence/verify.js";
import { uuidv7 } from "../../src/util/ids.js";
import { auth, embeddedGateway, eventually, type TestGateway } from "../helpers/gateway.js";
import { delivery } from "../helpers/records.js";
import { seedConsignment, type SeededConsignment } from "../integration/trace/seed.js";
import { expectAccessible, launch, listen, newPage, shot, signIn } from "./browser.js";

describe("the web console in Chromium", () => {
  let t: TestGateway;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let seeded: SeededConsignment;
  let deadId: string;
  let dead: { messageId: string };
  const tmp = mkdtempSync(join(tmpdir(), "swg-e2e-"));

  beforeAll(async () => {
    expect(existsSync(join(CONSOLE_DIR, "index.html")), "run npm run build first").toBe(true);
    t = await embeddedGateway();
    seeded = await seedConsignment(t, "UCR-CONSOLE-1");
    // A dead letter: a delivery to customs that gave up after five attempts.
    const d = delivery(seeded.documentIds[4]!, {
      id: uuidv7(),
      ucr: seeded.ucr,
      partnerId: "customs-demo",
      adapterId: "customs-wco",
      routingKey: "customs.customs-demo.export-declaration",
      state: "dead",
      attempts: 5,
      lastError: "HTTP 503 from the partner (5 attempts)",
    });
    deadId = d.id;
    dead = d;
    await t.gw.store.transaction((tx) => tx.deliveries.insert(d));
    // Two risk warnings on the first document, for the regulator to acknowledge and dismiss.
    const sub = (await t.gw.store.read.documents.get(seeded.documentIds[0]!))!.submissionId;
    for (const [id, ruleId, message] of [
      ["rw-e2e-1", "RISK-VALUE", "Declared value far below the invoice total"],
      ["rw-e2e-2", "RISK-WEIGHT", "Weight to value ratio outside the usual range"],
    ] as const)
      await t.gw.store.transaction((tx) =>
        tx.riskWarnings.insert({
          id,
          ruleId,
          severity: "high",
          submissionId: sub,
          documentId: seeded.documentIds[0]!,
          ucr: seeded.ucr,
          partyId: "demo-exporter",
          message,
          pointer: null,
          data: {},
          status: "open",
          createdAt: new Date().toISOString(),
          decidedAt: null,
          decidedBy: null,
          decisionReason: null,
          creditEventId: null,
        }),
      );
    server = await listen(t);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it(
    "regulator: sign in → search → consignment → document → evidence download",
    { timeout: 180_000 },
    async () => {
      const { page, problems } = await newPage(browser);
      await page.goto(`${server.url}/console`);
      await expectAccessible(page, "login");
      await shot(page, "01-login");
      await signIn(page, server.url, t.keys["SWG_DEMO_REGULATOR_KEY"]!, "regulator");
      await page.getByText("risk warnings (acknowledge, dismiss)").waitFor();
      await shot(page, "02-signed-in-as-regulator");
      await page.getByRole("button", { name: "Continue" }).click();

      await page.getByLabel("Consignment (UCR)").fill(seeded.ucr);
      await page.getByRole("button", { name: "Search" }).click();
      // The unfiltered list is on screen until the filtered one replaces it: wait for the
      // address to carry the filter, then for the table to settle on this consignment's rows.
      await page.waitForURL(/ucr=/);
      const rows = page.locator("tbody tr");
      const mine = page.locator("tbody tr", { hasText: seeded.ucr });
      await expect
        .poll(async () => [await rows.count(), await mine.count()], { timeout: 15_000 })
        .toEqual([5, 5]);
      await expectAccessible(page, "search");
      await shot(page, "03-search");

      await page.getByRole("link", { name: seeded.ucr, exact: true }).first().click();
      await page.getByRole("heading", { name: `Consignment ${seeded.ucr}` }).waitFor();
      const graph = page.getByRole("img", { name: new RegExp(`Flow of consignment ${seeded.ucr}`) });
      await graph.waitFor();
      const nodes = (kind: string) => page.locator(`figure.graph g.node.${kind}`).count();
      await expect.poll(async () => [await nodes("document"), await nodes("response")]).toEqual([5, 7]);
      await page.getByText("submission.accepted").first().waitFor();
      await expectAccessible(page, "consignment");
      await shot(page, "04-consignment");

      const docId = seeded.documentIds[0]!;
      await page.locator(`a[href="#/document/${docId}"]`).first().click();
      await page.getByRole("heading", { name: "Seal and receipt" }).waitFor();
      await page.locator("dl.checks dd .badge", { hasText: "verified" }).first().waitFor();
      expect(await page.locator("dl.checks dd .badge.bad").count()).toBe(0);
      await page.getByRole("region", { name: "Original document" }).locator("pre").waitFor();
      await expectAccessible(page, "document");
      await shot(page, "05-document");

      // Risk warnings: acknowledge one, dismiss the other with a reason.
      await page.getByText("Declared value far below the invoice total").waitFor();
      const first = page.locator("ul.cards li", { hasText: "RISK-VALUE" });
      await first.getByRole("button", { name: "Acknowledge" }).click();
      await first.locator(".badge", { hasText: "acknowledged" }).waitFor();
      const second = page.locator("ul.cards li", { hasText: "RISK-WEIGHT" });
      await second.getByLabel("Note or reason").fill("Seasonal price, confirmed with the exporter");
      await second.getByRole("button", { name: "Dismiss" }).click();
      await second.locator(".badge", { hasText: "dismissed" }).waitFor();
      await expectAccessible(page, "document after risk decisions");
      await shot(page, "05b-risk-decided");
      const w = await t.http.get("/v1/risk/warnings/rw-e2e-2").set(auth(t.keys["SWG_DEMO_REGULATOR_KEY"]));
      expect(w.body).toMatchObject({
        status: "dismissed",
        decisionReason: "Seasonal price, confirmed with the exporter",
      });

      await page.getByRole("link", { name: seeded.ucr, exact: true }).click();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download evidence bundle" }).click(),
      ]);
      const file = join(tmp, download.suggestedFilename());
      await download.saveAs(file);
      await page.getByText(/swg verify-evidence/).waitFor();
      await shot(page, "06-evidence-downloaded");
      expect(download.suggestedFilename()).toBe(`evidence-${seeded.ucr}.zip`);
      const verdict = await verifyEvidence(readBundle(readFileSync(file)));
      expect(verdict.ok).toBe(true);
      expect(verdict.ucr).toBe(seeded.ucr);
      expect(problems).toEqual([]);
      await page.context().close();
    },
  );

  it("operator: replays a dead letter from the deliveries page", { timeout: 120_000 }, async () => {
    const { page, problems } = await newPage(browser);
    await signIn(page, server.url, t.keys["SWG_DEMO_OPERATOR_KEY"]!, "operator");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("link", { name: "Deliveries" }).click();
    await page.getByRole("button", { name: "Dead letters" }).click();
    const replay = page.getByRole("button", { name: `Replay delivery ${deadId}` });
    await replay.waitFor();
    await page.getByText("HTTP 503 from the partner").waitFor();
    await expectAccessible(page, "deliveries");
    await shot(page, "07-dead-letters");
    await replay.click();
    await page.getByText(new RegExp(`Delivery ${deadId} to customs-demo: replayed`)).waitFor();
    await shot(page, "08-replayed");
    // The replay kept the message id and the relay delivered it again.
    const after = await eventually(async () => {
      const r = await t.http.get(`/v1/deliveries/${deadId}`).set(auth(t.keys["SWG_DEMO_OPERATOR_KEY"]));
      return r.body.state === "delivered"
        ? (r.body as { messageId: string; attempts: unknown[] })
        : undefined;
    });
    expect(after.messageId).toBe(dead.messageId);
    expect(after.attempts.length).toBeGreaterThan(0);
    const trace = await t.http
      .get(`/v1/consignments/${seeded.ucr}/trace`)
      .set(auth(t.keys["SWG_DEMO_OPERATOR_KEY"]));
    expect(
      (trace.body.events as { type: string; actor: { partyId: string } }[]).some(
        (e) => e.type === "delivery.replayed" && e.actor.partyId === "demo-operator",
      ),
    ).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it(
    "admin: party, complaints and statistics pages are accessible at laptop width",
    { timeout: 120_000 },
    async () => {
      const { page, problems } = await newPage(browser);
      await signIn(page, server.url, t.keys["SWG_DEMO_ADMIN_KEY"]!, "admin");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.goto(`${server.url}/console#/party/demo-exporter`);
      await page.getByRole("heading", { name: "Register" }).waitFor();
      await page.getByText("Demo Exporter Co., Ltd.").waitFor();
      await expectAccessible(page, "party");
      await shot(page, "09-party");
      await page.getByRole("link", { name: "Complaints" }).click();
      await page.getByRole("heading", { name: "Complaints" }).waitFor();
      await page.locator("main p").first().waitFor();
      await expectAccessible(page, "complaints");
      await shot(page, "10-complaints");
      await page.getByRole("link", { name: "Statistics" }).click();
      await page.locator("figcaption", { hasText: "Documents by type" }).waitFor();
      expect(await page.locator("figure.chart svg").count()).toBeGreaterThan(2);
      await expectAccessible(page, "statistics");
      await shot(page, "11-statistics");
      // Nothing wider than the window: usable at 1366 px.
      const overflow = await page.evaluate<number>(
        "document.documentElement.scrollWidth - window.innerWidth",
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(problems).toEqual([]);
      await page.context().close();
    },
  );
});
