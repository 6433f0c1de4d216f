import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PartnerConsumer,
  captureLog,
  deleteTopology,
  rabbitmqctl,
  scratchVhost,
  uniquePrefix,
  until,
} from "../../helpers/amqp.js";
import { Harness } from "./harness.js";

const DOCUMENTS = 1500;

/**
 * Every connection of the gateway (and of the partner) is closed by the broker under load. Runs in a
 * virtual host of its own, so that `close_all_connections` touches nobody else's connections.
 */
describe("connection lost mid-load (distributed)", () => {
  const prefix = uniquePrefix("conn");
  const captured = captureLog();
  let vhost: Awaited<ReturnType<typeof scratchVhost>>;
  let h: Harness;
  let partner: PartnerConsumer;

  beforeAll(async () => {
    vhost = await scratchVhost("conn");
    h = await Harness.start({
      mode: "distributed",
      role: "all",
      routing: "queue",
      retryDelaysMs: [200, 400, 800, 1600, 3200],
      amqpUrl: vhost.url,
      amqpPrefix: prefix,
      log: captured.log,
    });
    partner = new PartnerConsumer(vhost.url, `${prefix}.partner.customs-queue.inbox`);
    await partner.start();
  });

  afterAll(async () => {
    await partner.stop();
    await h.close();
    await deleteTopology(prefix, vhost.url, vhost.vhost);
    await vhost.drop();
  });

  it("reconnects; at the partner, after dedup by message id: none missing, none twice", async () => {
    const t0 = Date.now();
    const submitting = h.submit(DOCUMENTS, 16);
    await until("some deliveries", () => partner.uniqueIds().size >= 300, 60_000);
    const before = partner.uniqueIds().size;
    await rabbitmqctl("close_all_connections", "-p", vhost.vhost, "test");
    const tClosed = Date.now();
    const ids = await submitting;
    const tSubmitted = Date.now();
    expect(ids).toHaveLength(DOCUMENTS);
    await until("every delivery at the partner", () => partner.uniqueIds().size >= DOCUMENTS, 120_000, 250);
    const tAll = Date.now();
    await until(
      "every delivery recorded",
      async () => (await h.deliveries(ids)).every((d) => d.state === "delivered"),
      60_000,
      500,
    );

    const expected = new Map((await h.deliveries(ids)).map((d) => [d.messageId, d.id]));
    const unique = partner.uniqueIds();
    const missing = [...expected.keys()].filter((m) => !unique.has(m));
    const unexpected = [...unique].filter((m) => !expected.has(m));
    // After dedup a delivery counts twice only if it reached the partner under two message ids.
    const idsPerDelivery = new Map<string, Set<string>>();
    for (const r of partner.received) {
      const d = String(r.headers["x-swg-delivery-id"]);
      idsPerDelivery.set(d, (idsPerDelivery.get(d) ?? new Set()).add(r.messageId));
    }
    const twice = [...idsPerDelivery.values()].filter((s) => s.size > 1).length;
    const raw = partner.received.length - unique.size;
    console.log(
      `connection loss: ${DOCUMENTS} documents, ${before} at the partner when the connections were closed; ` +
        `missing ${missing.length}, delivered twice after dedup ${twice}, raw duplicates ${raw} (of ${partner.received.length} received); ` +
        `closed at ${tClosed - t0} ms, all submitted at ${tSubmitted - t0} ms, all at the partner at ${tAll - t0} ms`,
    );
    expect(captured.messages()).toContain("amqp: connection lost; reconnecting");
    expect(captured.messages()).toContain("amqp: reconnected");
    expect(missing).toEqual([]);
    expect(unexpected).toEqual([]);
    expect(twice).toBe(0);
    for (const r of partner.received)
      expect(expected.get(r.messageId)).toBe(String(r.headers["x-swg-delivery-id"]));
  });
});
