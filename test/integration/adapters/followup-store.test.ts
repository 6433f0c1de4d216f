import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryRecord, NotificationRecord } from "../../../src/ports/records.js";
import { uuidv7 } from "../../../src/util/ids.js";
import { STORE_FACTORIES, type TestStore } from "../../helpers/stores.js";

const T0 = "2025-03-20T00:00:00.000Z";

function delivery(over: Partial<DeliveryRecord> = {}): DeliveryRecord {
  const id = uuidv7();
  return {
    id,
    documentId: uuidv7(),
    ucr: "UCR-FOLLOWUP",
    partnerId: "port-demo",
    adapterId: "port",
    routingKey: "port.port-demo.shipping-instruction",
    messageId: uuidv7(),
    state: "delivered",
    attempts: 1,
    nextAttemptAt: null,
    lastError: null,
    createdAt: T0,
    updatedAt: T0,
    deliveredAt: T0,
    dueAt: "2025-03-20T04:00:00.000Z",
    respondedAt: null,
    receipt: null,
    ...over,
  };
}

function notification(over: Partial<NotificationRecord> = {}): NotificationRecord {
  return {
    id: uuidv7(),
    partyId: "demo-exporter",
    ucr: "UCR-FOLLOWUP",
    kind: "response",
    subjectId: uuidv7(),
    body: "{}",
    state: "pending",
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    createdAt: T0,
    updatedAt: T0,
    deliveredAt: null,
    ...over,
  };
}

describe.each(STORE_FACTORIES)("delivery follow-up storage on %s", (_name, factory) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await factory();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("lists unanswered deliveries past their deadline and flags each once", async () => {
    const late = delivery();
    const answered = delivery({ respondedAt: "2025-03-20T01:00:00.000Z" });
    const notYet = delivery({ dueAt: "2025-03-21T00:00:00.000Z" });
    const dead = delivery({ state: "dead" });
    await t.store.transaction(async (tx) => {
      for (const d of [late, answered, notYet, dead]) await tx.deliveries.insert(d);
    });
    const now = "2025-03-20T06:00:00.000Z";
    const due = await t.store.read.deliveries.listOverdue({ now, limit: 100 });
    expect(due.map((d) => d.id)).toEqual([late.id]);
    const [a, b] = await Promise.all([
      t.store.transaction((tx) => tx.deliveries.markOverdue(late.id, now)),
      t.store.transaction((tx) => tx.deliveries.markOverdue(late.id, now)),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((await t.store.read.deliveries.get(late.id))?.overdueAt).toBe(now);
    expect(await t.store.read.deliveries.listOverdue({ now, limit: 100 })).toEqual([]);
    // An answer that came first wins: nothing to flag.
    expect(await t.store.transaction((tx) => tx.deliveries.markOverdue(answered.id, now))).toBe(false);
  });

  it("keeps one notification per party, kind and subject, and hands each due one to one claimer", async () => {
    const n = notification();
    expect(await t.store.transaction((tx) => tx.notifications.insert(n))).toBe(true);
    expect(
      await t.store.transaction((tx) => tx.notifications.insert(notification({ subjectId: n.subjectId }))),
    ).toBe(false);
    const later = notification({ state: "retrying", attempts: 1, nextAttemptAt: "2025-03-20T00:10:00.000Z" });
    await t.store.transaction((tx) => tx.notifications.insert(later));

    const now = "2025-03-20T00:05:00.000Z";
    const lease = "2025-03-20T00:06:00.000Z";
    const [x, y] = await Promise.all([
      t.store.transaction((tx) =>
        tx.notifications.claimDue({ now, limit: 10, leaseUntil: lease, owner: "a" }),
      ),
      t.store.transaction((tx) =>
        tx.notifications.claimDue({ now, limit: 10, leaseUntil: lease, owner: "b" }),
      ),
    ]);
    expect([...x, ...y].map((r) => r.id)).toEqual([n.id]);

    const ok = await t.store.transaction((tx) =>
      tx.notifications.settle(n.id, ["pending"], {
        state: "delivered",
        attempts: 1,
        nextAttemptAt: null,
        lastError: null,
        deliveredAt: now,
        updatedAt: now,
      }),
    );
    expect(ok).toBe(true);
    const again = await t.store.transaction((tx) =>
      tx.notifications.settle(n.id, ["pending", "retrying"], {
        state: "dead",
        attempts: 2,
        nextAttemptAt: null,
        lastError: "x",
        deliveredAt: null,
        updatedAt: now,
      }),
    );
    expect(again).toBe(false);
    expect((await t.store.read.notifications.get(n.id))?.state).toBe("delivered");
    const due = await t.store.transaction((tx) =>
      tx.notifications.claimDue({
        now: "2025-03-20T00:11:00.000Z",
        limit: 10,
        leaseUntil: "2025-03-20T00:12:00.000Z",
        owner: "a",
      }),
    );
    expect(due.map((r) => r.id)).toEqual([later.id]);
    expect((await t.store.read.notifications.listByUcr("UCR-FOLLOWUP")).map((r) => r.id).sort()).toEqual(
      [n.id, later.id].sort(),
    );
  });
});
