import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AMQP_URL, deleteTopology, uniquePrefix, until } from "../../helpers/amqp.js";
import { Harness, WebhookStub } from "./harness.js";

const DELAYS = [1000, 2000];

interface DeliveryView {
  id: string;
  state: string;
  messageId: string;
  attempts: number;
  lastError: string | null;
}

/** Dead letters, replay and cancel through the operator API, on RabbitMQ and on the embedded bus. */
describe.each(["distributed", "embedded"] as const)("poison message, replay and cancel (%s)", (mode) => {
  const prefix = uniquePrefix("dlq");
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

  it("parks a poison message in the dead letters without blocking the others, and replays it with its original message id", async () => {
    stub.answer = () => 500;
    const [poison] = await h.submit(1);
    stub.answer = (id) => (id === poison ? 500 : 200);
    const others = await h.submit(20);

    await until(
      "the others delivered",
      async () => (await h.deliveries(others)).every((d) => d.state === "delivered"),
      20_000,
    );
    await until(
      "the poison message dead",
      async () => (await h.deliveries([poison!]))[0]?.state === "dead",
      20_000,
    );
    const deadAt = Date.parse((await h.deliveries([poison!]))[0]!.updatedAt);
    // The others did not wait for the poison message to run out of attempts.
    for (const d of await h.deliveries(others)) expect(Date.parse(d.deliveredAt!)).toBeLessThan(deadAt);

    const listed = await h.operator("GET", "/v1/deliveries?state=dead");
    expect(listed.status).toBe(200);
    const dead = (listed.body as { deliveries: DeliveryView[] }).deliveries;
    expect(dead.map((d) => d.id)).toEqual([poison]);
    expect(dead[0]!.lastError).toMatch(/answered 500/);
    expect(dead[0]!.attempts).toBe(DELAYS.length + 1);

    const shown = await h.operator("GET", `/v1/deliveries/${poison}`);
    const attempts = (shown.body as { attempts: { outcome: string; error: string }[] }).attempts;
    expect(attempts.map((a) => a.outcome)).toEqual(["failed", "failed", "failed"]);

    // The partner fixes its side; the operator replays.
    stub.answer = () => 200;
    const replayed = await h.operator("POST", `/v1/deliveries/${poison}/replay`, {
      reason: "partner fixed its schema",
    });
    expect(replayed.status).toBe(200);
    expect((replayed.body as DeliveryView).state).toBe("pending");
    await until(
      "the replay delivered",
      async () => (await h.deliveries([poison!]))[0]?.state === "delivered",
      20_000,
    );

    const d = (await h.deliveries([poison!]))[0]!;
    const toPartner = stub.requests.filter((r) => r.deliveryId === poison);
    expect(toPartner.map((r) => r.status)).toEqual([500, 500, 500, 200]);
    expect(new Set(toPartner.map((r) => r.messageId))).toEqual(new Set([d.messageId]));
    expect(dead[0]!.messageId).toBe(d.messageId);

    const events = await h.gateway.store.read.audit.chain(d.ucr);
    const replay = events.find((e) => e.type === "delivery.replayed");
    expect(replay?.actor.role).toBe("operator");
    expect(replay?.data["reason"]).toBe("partner fixed its schema");
    expect(events.map((e) => e.type)).toContain("delivery.dead");

    // Delivered now: nothing to replay.
    expect((await h.operator("POST", `/v1/deliveries/${poison}/replay`, {})).status).toBe(409);
  });

  it("cancels a retry (no further attempts), then replays it by filter", async () => {
    stub.answer = () => 503;
    const [id] = await h.submit(1);
    await until("a failed attempt", async () => (await h.deliveries([id!]))[0]?.state === "retrying", 20_000);
    const cancelled = await h.operator("POST", `/v1/deliveries/${id}/cancel`, {
      reason: "partner asked us to stop",
    });
    expect(cancelled.status).toBe(200);
    expect((cancelled.body as DeliveryView).state).toBe("cancelled");
    const sent = stub.requests.filter((r) => r.deliveryId === id).length;

    // Past the time the next attempt was due, nothing more went to the partner.
    await new Promise((r) => setTimeout(r, DELAYS[0]! * 1.5));
    expect(stub.requests.filter((r) => r.deliveryId === id)).toHaveLength(sent);
    expect((await h.deliveries([id!]))[0]?.state).toBe("cancelled");
    const listed = await h.operator("GET", "/v1/deliveries?state=cancelled");
    expect((listed.body as { deliveries: DeliveryView[] }).deliveries.map((d) => d.id)).toEqual([id]);

    stub.answer = () => 200;
    const bulk = await h.operator("POST", "/v1/deliveries/replay", {
      filter: { state: ["cancelled"], partnerId: "customs-webhook" },
      reason: "partner is back",
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body).toMatchObject({ replayed: 1, ids: [id] });
    await until("delivered", async () => (await h.deliveries([id!]))[0]?.state === "delivered", 20_000);
  });

  it("keeps the operator API to operators", async () => {
    const res = await fetch(`${h.url}/v1/deliveries`, {
      headers: { authorization: `Bearer ${h.exporterKey}` },
    });
    expect(res.status).toBe(403);
  });
});
