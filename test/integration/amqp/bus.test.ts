import { connect, type GetMessage } from "amqplib";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AmqpBus } from "../../../src/infra/amqp/bus.js";
import type { BusMessage, InboundMessage, Outcome } from "../../../src/ports/bus.js";
import { AMQP_URL, deleteTopology, uniquePrefix, until } from "../../helpers/amqp.js";

const log = pino({ level: "silent" });
const DELAYS = [200, 400];

function msg(id: string, key = "customs.c1.export-declaration"): BusMessage {
  return {
    routingKey: key,
    messageId: id,
    headers: { "x-delivery-id": `d-${id}`, "x-attempt": 1, traceparent: "00-abc-def-01" },
    body: Buffer.from(JSON.stringify({ deliveryId: `d-${id}` })),
  };
}

describe("AMQP bus against the real RabbitMQ", () => {
  const prefix = uniquePrefix("bus");
  let bus: AmqpBus;

  beforeAll(async () => {
    bus = new AmqpBus({
      url: AMQP_URL,
      prefix,
      retryDelaysMs: DELAYS,
      log,
      instanceId: "test-1",
      deliveryLimit: 2,
    });
    await bus.start();
  });

  afterAll(async () => {
    await bus.close();
    await deleteTopology(prefix);
  });

  it("declares quorum queues with at-least-once dead-lettering and delay queues back to their source", async () => {
    await bus.subscribe(`${prefix}.adapter.a`, ["customs.c1.*"], () => Promise.resolve({ kind: "ack" }), {
      prefetch: 4,
    });
    const c = await connect(AMQP_URL);
    try {
      const ch = await c.createChannel();
      // Asserting with different arguments would fail (PRECONDITION_FAILED): these are the arguments.
      await ch.assertQueue(`${prefix}.adapter.a.retry.200`, {
        durable: true,
        arguments: {
          "x-queue-type": "quorum",
          "x-dead-letter-strategy": "at-least-once",
          "x-overflow": "reject-publish",
          "x-message-ttl": 200,
          "x-dead-letter-exchange": "",
          "x-dead-letter-routing-key": `${prefix}.adapter.a`,
        },
      });
      await ch.checkExchange(`${prefix}.route`);
      await ch.checkQueue(`${prefix}.dead`);
      await ch.close();
    } finally {
      await c.close();
    }
  });

  it("carries message id and headers; a retry comes back to its own queue only, after its delay, with x-attempt + 1", async () => {
    const seenA: InboundMessage[] = [];
    const seenB: InboundMessage[] = [];
    const a = await bus.subscribe(
      `${prefix}.adapter.r1`,
      ["customs.r.*"],
      (m) => {
        seenA.push(m);
        return Promise.resolve<Outcome>(
          m.attempt < 3 ? { kind: "retry", error: "partner down" } : { kind: "ack" },
        );
      },
      { prefetch: 4 },
    );
    const b = await bus.subscribe(
      `${prefix}.adapter.r2`,
      ["customs.#"],
      (m) => {
        seenB.push(m);
        return Promise.resolve<Outcome>({ kind: "ack" });
      },
      { prefetch: 4 },
    );
    await bus.publish([msg("r-1", "customs.r.export-declaration")]);
    await until("three attempts", () => seenA.length === 3, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(seenA.map((m) => m.attempt)).toEqual([1, 2, 3]);
    expect(seenA.every((m) => m.messageId === "r-1")).toBe(true);
    expect(seenA[2]!.routingKey).toBe("customs.r.export-declaration");
    expect(seenA[2]!.headers["x-delivery-id"]).toBe("d-r-1");
    expect(seenA[2]!.headers["traceparent"]).toBe("00-abc-def-01");
    expect(seenA[2]!.headers["x-last-error"]).toBe("partner down");
    // The other queue bound to the same key got the original once, never the retries.
    expect(seenB.map((m) => m.messageId)).toEqual(["r-1"]);
    await a.close();
    await b.close();
  });

  it("parks a poison message in the dead letters with its last error, without holding up the others", async () => {
    const done: string[] = [];
    const sub = await bus.subscribe(
      `${prefix}.adapter.p`,
      ["customs.p.*"],
      (m) => {
        if (m.messageId === "poison")
          return Promise.resolve<Outcome>({ kind: "dead", error: "cannot render" });
        done.push(m.messageId);
        return Promise.resolve<Outcome>({ kind: "ack" });
      },
      { prefetch: 1 },
    );
    await bus.publish([
      msg("poison", "customs.p.x"),
      ...Array.from({ length: 20 }, (_, i) => msg(`ok-${i}`, "customs.p.x")),
    ]);
    await until("the others", () => done.length === 20, 10_000);
    const c = await connect(AMQP_URL);
    try {
      const ch = await c.createChannel();
      const got = await ch.get(`${prefix}.dead`, { noAck: true });
      expect(got).not.toBe(false);
      if (got) {
        expect(got.properties.messageId).toBe("poison");
        expect(got.properties.headers?.["x-last-error"]).toBe("cannot render");
        expect(got.properties.headers?.["x-dead-from"]).toBe(`${prefix}.adapter.p`);
      }
      await ch.close();
    } finally {
      await c.close();
    }
    await sub.close();
  });

  it("tries a message again later when the handler throws, without counting an attempt", async () => {
    const seen: InboundMessage[] = [];
    const sub = await bus.subscribe(
      `${prefix}.adapter.t`,
      ["customs.t.*"],
      (m) => {
        seen.push(m);
        if (seen.length === 1) return Promise.reject(new Error("store down"));
        return Promise.resolve<Outcome>({ kind: "ack" });
      },
      { prefetch: 2 },
    );
    await bus.publish([msg("t-1", "customs.t.x")]);
    await until("the second try", () => seen.length === 2, 10_000);
    expect(seen[1]!.attempt).toBe(1);
    expect(seen[1]!.headers["x-handler-errors"]).toBe(1);
    await sub.close();
  });

  it("lets the broker dead-letter a message redelivered past the delivery limit (a worker crashing on it)", async () => {
    const sub = await bus.subscribe(
      `${prefix}.adapter.crash`,
      ["customs.crash.*"],
      () => Promise.resolve<Outcome>({ kind: "ack" }),
      {
        prefetch: 1,
      },
    );
    await sub.close();
    await bus.publish([msg("crash-1", "customs.crash.x")]);
    const c = await connect(AMQP_URL);
    try {
      const ch = await c.createChannel();
      // A consumer that "crashes" on the message every time: it goes back to the queue unacknowledged.
      let deliveries = 0;
      const dead: GetMessage[] = [];
      await until(
        "the dead letter",
        async () => {
          const m = await ch.get(`${prefix}.adapter.crash`);
          if (m) {
            deliveries++;
            ch.nack(m, false, true);
          }
          const d = await ch.get(`${prefix}.dead`, { noAck: true });
          if (d) dead.push(d);
          return dead.length > 0;
        },
        10_000,
        20,
      );
      expect(deliveries).toBe(3);
      expect(dead[0]!.properties.messageId).toBe("crash-1");
      expect(dead[0]!.properties.headers?.["x-dead-from"]).toBeUndefined();
      expect(dead[0]!.properties.headers?.["x-first-death-reason"]).toBe("delivery_limit");
      await ch.close();
    } finally {
      await c.close();
    }
  });

  it("rejects an unroutable publish (mandatory), so the relay keeps the row", async () => {
    await expect(bus.publish([msg("u-1", "bank.nobody.x")])).rejects.toThrow(/unroutable/);
  });

  it("confirms a pipelined batch", async () => {
    let n = 0;
    const sub = await bus.subscribe(
      `${prefix}.adapter.b`,
      ["customs.b.*"],
      () => {
        n++;
        return Promise.resolve<Outcome>({ kind: "ack" });
      },
      { prefetch: 64 },
    );
    await bus.publish(Array.from({ length: 2000 }, (_, i) => msg(`b-${i}`, "customs.b.x")));
    await until("2000 consumed", () => n === 2000, 20_000);
    expect(n).toBe(2000);
    await sub.close();
  });
});
