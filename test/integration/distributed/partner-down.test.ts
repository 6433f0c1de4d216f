import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AMQP_URL, deleteTopology, uniquePrefix, until } from "../../helpers/amqp.js";
import { Harness, WebhookStub } from "./harness.js";

const DELAYS = [1000, 2000, 4000];

/**
 * The same scenario on both buses: RabbitMQ (retries wait in delay queues) and the embedded bus
 * (retries wait in the table, and the relay publishes them when due).
 */
describe.each(["distributed", "embedded"] as const)("partner down (%s)", (mode) => {
  const prefix = uniquePrefix("down");
  let stub: WebhookStub;
  let h: Harness;

  beforeAll(async () => {
    stub = await WebhookStub.start();
    h = await Harness.start({
      mode,
      role: "all",
      routing: "webhook",
      retryDelaysMs: DELAYS,
      webhookUrl: stub.url,
      amqpUrl: AMQP_URL,
      amqpPrefix: prefix,
    });
  });

  afterAll(async () => {
    await h.close();
    await stub.close();
    if (mode === "distributed") await deleteTopology(prefix);
  });

  it("retries on the configured back-off (each within ±20% of its schedule) and delivers once the partner is back", async () => {
    let down = true;
    stub.answer = () => (down ? 503 : 200);
    const ids = await h.submit(5);
    expect(ids).toHaveLength(5);
    // Down for three attempts of every delivery, then back up.
    await until(
      "three failed attempts each",
      async () => {
        const a = await Promise.all(ids.map((id) => h.gateway.store.read.deliveries.attempts(id)));
        return a.every((x) => x.length >= 3);
      },
      15_000,
      250,
    );
    down = false;
    await until(
      "every delivery delivered",
      async () => (await h.deliveries(ids)).every((d) => d.state === "delivered"),
      15_000,
    );

    const report: string[] = [];
    const offsets: [number, number][] = [];
    for (const id of ids) {
      const attempts = await h.gateway.store.read.deliveries.attempts(id);
      expect(attempts.map((a) => a.outcome)).toEqual(["failed", "failed", "failed", "delivered"]);
      expect(attempts[0]!.error).toMatch(/answered 503/);
      for (let k = 1; k < attempts.length; k++) {
        const scheduled = Date.parse(attempts[k - 1]!.finishedAt) + DELAYS[k - 1]!;
        const actual = Date.parse(attempts[k]!.startedAt);
        const off = actual - scheduled;
        report.push(`${DELAYS[k - 1]}:${off >= 0 ? "+" : ""}${off}`);
        offsets.push([DELAYS[k - 1]!, off]);
      }
    }
    console.log(`${mode}: retry delay:offset from schedule (ms) ${report.join(" ")}`);
    for (const [delay, off] of offsets) expect(Math.abs(off)).toBeLessThanOrEqual(delay * 0.2);
    // The partner got the same message id on every try, and exactly one 200 per delivery.
    const delivered = await h.deliveries(ids);
    for (const d of delivered) {
      const reqs = stub.requests.filter((r) => r.deliveryId === d.id);
      expect(new Set(reqs.map((r) => r.messageId))).toEqual(new Set([d.messageId]));
      expect(reqs.filter((r) => r.status === 200)).toHaveLength(1);
    }
  });
});
