import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AmqpBus } from "../../../src/infra/amqp/bus.js";
import type { BusMessage, Outcome } from "../../../src/ports/bus.js";
import { captureLog, rabbitmqctl, scratchVhost, until } from "../../helpers/amqp.js";

const { log, messages } = captureLog();

describe("AMQP bus: connection lost under load", () => {
  let vhost: Awaited<ReturnType<typeof scratchVhost>>;
  let bus: AmqpBus;

  beforeAll(async () => {
    vhost = await scratchVhost("reconnect");
    bus = new AmqpBus({
      url: vhost.url,
      prefix: "swg",
      retryDelaysMs: [200],
      log,
      instanceId: "reconnect-test",
      publishTimeoutMs: 20_000,
    });
    await bus.start();
  });

  afterAll(async () => {
    await bus.close();
    await vhost.drop();
  });

  it("reconnects, re-subscribes, and loses nothing that a publish confirmed", async () => {
    const seen: string[] = [];
    await bus.subscribe(
      "swg.adapter.x",
      ["customs.x.*"],
      (m) => {
        seen.push(m.messageId);
        return Promise.resolve<Outcome>({ kind: "ack" });
      },
      { prefetch: 32 },
    );
    const confirmed: string[] = [];
    let failedBatches = 0;
    const load = (async () => {
      for (let b = 0; b < 60; b++) {
        const batch: BusMessage[] = Array.from({ length: 50 }, (_, i) => ({
          routingKey: "customs.x.doc",
          messageId: `m-${b}-${i}`,
          headers: { "x-attempt": 1 },
          body: Buffer.from("{}"),
        }));
        try {
          await bus.publish(batch);
          confirmed.push(...batch.map((m) => m.messageId));
        } catch {
          failedBatches++;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await until("some load", () => confirmed.length >= 500, 20_000);
    await rabbitmqctl("close_all_connections", "-p", vhost.vhost, "test");
    await load;
    await until(
      "every confirmed message consumed",
      () => confirmed.every((id) => seen.includes(id)),
      30_000,
      200,
    );
    const unique = new Set(seen);
    console.log(
      `reconnect: ${confirmed.length} confirmed, ${failedBatches} batches rejected, ${seen.length} consumed (${seen.length - unique.size} raw duplicates)`,
    );
    expect(messages()).toContain("amqp: reconnected");
    expect(confirmed.filter((id) => !unique.has(id))).toEqual([]);
    // The bus resends what the lost channel left unconfirmed, so no batch failed outright.
    expect(failedBatches).toBe(0);
  });
});
