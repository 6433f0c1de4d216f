import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeliveryOperations, deadLetterRecorder, statesOf } from "../../../src/delivery/dead-letters.js";
import { ProblemError } from "../../../src/errors/index.js";
import type { InboundMessage } from "../../../src/ports/bus.js";
import { systemClock } from "../../../src/ports/clock.js";
import type { DeliveryRecord } from "../../../src/ports/records.js";
import { delivery, document, party, submission } from "../../helpers/records.js";
import { STORE_FACTORIES, type TestStore } from "../../helpers/stores.js";

const OPERATOR = { partyId: "ops-1", role: "operator" as const, credentialId: "cred-1" };

function deadLetter(d: DeliveryRecord, headers: Record<string, string | number> = {}): InboundMessage {
  return {
    routingKey: d.routingKey,
    messageId: d.messageId,
    headers,
    body: Buffer.from(JSON.stringify({ deliveryId: d.id })),
    attempt: 1,
    redelivered: false,
  };
}

describe.each(STORE_FACTORIES)("delivery operations and the dead-letter recorder on %s", (_name, factory) => {
  let t: TestStore;
  let ops: DeliveryOperations;
  const rows: Record<string, DeliveryRecord> = {};

  beforeAll(async () => {
    t = await factory();
    ops = new DeliveryOperations(t.store, systemClock);
    const p = party();
    const s = submission(p.id, { ucr: "UCR-OPS" });
    const doc = document(s.id, p.id, { ucr: "UCR-OPS" });
    const make = (over: Partial<DeliveryRecord>) => delivery(doc.id, { ucr: "UCR-OPS", ...over });
    Object.assign(rows, {
      dead503: make({ state: "dead", attempts: 3, lastError: "POST https://x answered 503" }),
      deadRender: make({
        state: "dead",
        attempts: 1,
        lastError: "adapter cannot render",
        adapterId: "bank-lc",
      }),
      deadOther: make({ state: "dead", attempts: 3, lastError: "answered 503", partnerId: "port-1" }),
      retrying: make({ state: "retrying", attempts: 1, lastError: "timeout" }),
      published: make({ state: "published" }),
      publishedAgain: make({ state: "published" }),
      delivered: make({ state: "delivered", attempts: 1 }),
    });
    await t.store.unit(async (tx) => {
      await tx.parties.insert(p);
      await tx.submissions.insert({ ...s, documentIds: [doc.id] });
      await tx.documents.insert(doc);
      for (const r of Object.values(rows)) await tx.deliveries.insert(r);
    });
  });

  afterAll(async () => {
    await t.cleanup();
  });

  it("lists by state and filter, and pages", async () => {
    const dead = await ops.list({ states: statesOf(["dead"]) }, { limit: 10 });
    expect(dead.items.map((d) => d.id).sort()).toEqual(
      [rows["dead503"]!.id, rows["deadRender"]!.id, rows["deadOther"]!.id].sort(),
    );
    const filtered = await ops.list(
      { states: ["dead"], partnerId: "customs-1", error: "ANSWERED 503" },
      { limit: 10 },
    );
    expect(filtered.items.map((d) => d.id)).toEqual([rows["dead503"]!.id]);
    expect(
      (await ops.list({ states: ["dead"], adapterId: "bank-lc" }, { limit: 10 })).items.map((d) => d.id),
    ).toEqual([rows["deadRender"]!.id]);
    const inFlight = await ops.list({ states: statesOf(["in-flight"]) }, { limit: 1 });
    expect(inFlight.items).toHaveLength(1);
    const rest = await ops.list({ states: statesOf(["in-flight"]) }, { limit: 10, after: inFlight.next! });
    expect([...inFlight.items, ...rest.items].map((d) => d.id).sort()).toEqual(
      [rows["published"]!.id, rows["publishedAgain"]!.id].sort(),
    );
  });

  it("replays by filter up to max, keeping message ids, with an audit event per delivery", async () => {
    const out = await ops.replayMatching({ error: "503" }, OPERATOR, { max: 1, reason: "outage over" });
    expect(out.replayed).toHaveLength(1);
    const d = (await t.store.read.deliveries.get(out.replayed[0]!))!;
    const before = Object.values(rows).find((r) => r.id === d.id)!;
    expect(d).toMatchObject({ state: "pending", attempts: 0, messageId: before.messageId });
    const events = (await t.store.read.audit.chain("UCR-OPS")).filter((e) => e.type === "delivery.replayed");
    expect(events).toHaveLength(1);
    expect(events[0]!.actor).toMatchObject(OPERATOR);
    expect(events[0]!.data).toMatchObject({
      from: "dead",
      reason: "outage over",
      messageId: before.messageId,
    });
  });

  it("refuses what does not apply: replaying a retry, cancelling a delivered one, an unknown id", async () => {
    await expect(ops.replay(rows["retrying"]!.id, OPERATOR)).rejects.toMatchObject({ code: "SWG_CONFLICT" });
    await expect(ops.cancel(rows["delivered"]!.id, OPERATOR)).rejects.toMatchObject({ code: "SWG_CONFLICT" });
    await expect(ops.show("no-such-id")).resolves.toBeUndefined();
    await expect(ops.replay("no-such-id", OPERATOR)).rejects.toBeInstanceOf(ProblemError);
    const c = await ops.cancel(rows["retrying"]!.id, OPERATOR, "partner asked");
    expect(c.state).toBe("cancelled");
    const shown = await ops.show(c.id);
    expect(shown?.delivery.state).toBe("cancelled");
  });

  it("records what the broker dead-lettered by itself, and leaves the host's own copies alone", async () => {
    const record = deadLetterRecorder(t.store, systemClock, pino({ level: "silent" }));
    // The broker gave up on it (delivery limit): the row was still published.
    expect(
      await record(deadLetter(rows["published"]!, { "x-first-death-reason": "delivery_limit" })),
    ).toEqual({
      kind: "ack",
    });
    const dead = (await t.store.read.deliveries.get(rows["published"]!.id))!;
    expect(dead.state).toBe("dead");
    expect(dead.lastError).toMatch(/delivery limit/);
    const events = await t.store.read.audit.chain("UCR-OPS");
    expect(events.some((e) => e.type === "delivery.dead" && e.subject.deliveryId === dead.id)).toBe(true);

    // A copy the adapter host parked: already recorded by the host, so nothing changes.
    await record(deadLetter(rows["publishedAgain"]!, { "x-dead-from": "swg.adapter.customs-wco" }));
    expect((await t.store.read.deliveries.get(rows["publishedAgain"]!.id))?.state).toBe("published");
    // Delivered meanwhile: left as it is.
    await record(deadLetter(rows["delivered"]!));
    expect((await t.store.read.deliveries.get(rows["delivered"]!.id))?.state).toBe("delivered");
    // Not ours at all: acknowledged, dropped.
    expect(await record({ ...deadLetter(rows["delivered"]!), body: Buffer.from("not json") })).toEqual({
      kind: "ack",
    });
  });
});
