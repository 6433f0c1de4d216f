import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AMQP_URL, PartnerConsumer, deleteTopology, uniquePrefix, until } from "../../helpers/amqp.js";
import { Harness, consumerCount, spawnWorker, stopProcess } from "./harness.js";

const DOCUMENTS = 5000;

/**
 * An api process (this one, which relays too) and two `swg serve --role worker` child processes
 * share one PostgreSQL schema and one RabbitMQ prefix: three relays and two adapter hosts at once.
 */
describe("two worker processes (distributed)", () => {
  const prefix = uniquePrefix("two");
  let h: Harness;
  let partner: PartnerConsumer;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    h = await Harness.start({
      mode: "distributed",
      role: "api",
      routing: "queue",
      retryDelaysMs: [200, 400, 800, 1600, 3200],
      amqpUrl: AMQP_URL,
      amqpPrefix: prefix,
    });
    partner = new PartnerConsumer(AMQP_URL, `${prefix}.partner.customs-queue.inbox`);
    await partner.start();
    workers.push(spawnWorker(h.childEnv(), "w1"), spawnWorker(h.childEnv(), "w2"));
    await until(
      "both workers consuming",
      async () => (await consumerCount(AMQP_URL, `${prefix}.adapter.customs-wco`)) === 2,
      90_000,
      500,
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => stopProcess(w)));
    await partner?.stop();
    await h?.close();
    await deleteTopology(prefix);
  }, 120_000);

  it(`delivers each of ${DOCUMENTS} documents exactly once, and each worker delivers at least 25%`, async () => {
    const t0 = Date.now();
    const ids = await h.submit(DOCUMENTS, 32);
    const tSubmitted = Date.now();
    expect(ids).toHaveLength(DOCUMENTS);
    await until("every delivery at the partner", () => partner.uniqueIds().size >= DOCUMENTS, 300_000, 500);
    const tDelivered = Date.now();
    await until(
      "every delivery recorded",
      async () => (await h.deliveries(ids)).every((d) => d.state === "delivered"),
      60_000,
      1000,
    );

    const deliveries = await h.deliveries(ids);
    const expected = new Map(deliveries.map((d) => [d.messageId, d.id]));
    const unique = partner.uniqueIds();
    expect([...expected.keys()].filter((m) => !unique.has(m))).toEqual([]);
    expect([...unique].filter((m) => !expected.has(m))).toEqual([]);
    const raw = partner.received.length - unique.size;

    // Attribution: the app-id of what reached the partner, and the receipt of each recorded attempt.
    const byWorker = new Map<string, number>();
    const first = new Map<string, string>();
    for (const r of partner.received) if (!first.has(r.messageId)) first.set(r.messageId, r.appId ?? "?");
    for (const app of first.values()) byWorker.set(app, (byWorker.get(app) ?? 0) + 1);
    const pids = workers.map((w) => w.pid!);
    const share = pids.map((pid) =>
      [...byWorker].filter(([app]) => app.includes(`:${pid}:`)).reduce((n, [, c]) => n + c, 0),
    );
    let attemptRows = 0;
    const recorded = new Map<number, number>();
    for (const d of deliveries) {
      const attempts = await h.gateway.store.read.deliveries.attempts(d.id);
      attemptRows += attempts.length;
      const publisher = String(
        (attempts[0]?.detail as { receipt?: { publisher?: string } }).receipt?.publisher,
      );
      const pid = pids.find((p) => publisher.includes(`:${p}:`));
      if (pid !== undefined) recorded.set(pid, (recorded.get(pid) ?? 0) + 1);
    }
    console.log(
      `two workers: ${DOCUMENTS} documents submitted in ${tSubmitted - t0} ms, all at the partner after ${tDelivered - t0} ms; ` +
        `split at the partner ${share.join(" / ")}, in the attempts table ${pids.map((p) => recorded.get(p) ?? 0).join(" / ")}; ` +
        `raw duplicates ${raw}, attempt rows ${attemptRows}`,
    );

    expect(share.reduce((a, b) => a + b, 0)).toBe(DOCUMENTS);
    for (const n of share) expect(n).toBeGreaterThanOrEqual(DOCUMENTS * 0.25);
    expect(pids.map((p) => recorded.get(p) ?? 0)).toEqual(share);
    // No fault in this run: nothing was published or delivered twice, so one attempt per delivery.
    expect(raw).toBe(0);
    expect(attemptRows).toBe(DOCUMENTS);
  }, 600_000);
});
