import type { Kysely, Selectable } from "kysely";
import { interchangeRefOf } from "../../../ports/adapter.js";
import type { DeliveryAttemptRecord, DeliveryRecord, DeliveryState } from "../../../ports/records.js";
import type { DeliveryRepo } from "../../../ports/store.js";
import { FastSql } from "../fast.js";
import type { DB, DeliveriesTable, DeliveryAttemptsTable } from "../schema.js";
import { fromJson, toJson } from "./json.js";

const toRecord = (r: Selectable<DeliveriesTable>): DeliveryRecord => {
  const { leaseOwner: _o, leaseUntil: _u, interchangeRef: _i, ...rest } = r;
  return { ...rest, state: r.state as DeliveryState, receipt: fromJson(r.receipt) };
};

const toAttempt = (r: Selectable<DeliveryAttemptsTable>): DeliveryAttemptRecord => ({
  deliveryId: r.deliveryId,
  attempt: r.attempt,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  outcome: r.outcome as DeliveryAttemptRecord["outcome"],
  error: r.error,
  detail: fromJson(r.detail),
});

export class KyselyDeliveryRepo implements DeliveryRepo {
  private readonly fast: FastSql;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: "sqlite" | "postgres",
  ) {
    this.fast = new FastSql(db, dialect);
  }

  async insert(d: DeliveryRecord): Promise<void> {
    await this.fast.insert("deliveries", {
      ...d,
      receipt: d.receipt === null ? null : toJson(d.receipt),
      leaseOwner: null,
      leaseUntil: null,
      interchangeRef: interchangeRefOf(d.messageId),
    });
  }

  async get(id: string): Promise<DeliveryRecord | undefined> {
    const r = await this.db.selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirst();
    return r && toRecord(r);
  }

  async listByDocument(documentId: string): Promise<DeliveryRecord[]> {
    const rows = await this.db
      .selectFrom("deliveries")
      .selectAll()
      .where("documentId", "=", documentId)
      .orderBy("id")
      .execute();
    return rows.map(toRecord);
  }

  async listByUcr(ucr: string): Promise<DeliveryRecord[]> {
    const rows = await this.db
      .selectFrom("deliveries")
      .selectAll()
      .where("ucr", "=", ucr)
      .orderBy("id")
      .execute();
    return rows.map(toRecord);
  }

  async list(opts: {
    states?: DeliveryState[];
    partnerId?: string;
    limit: number;
    after?: string;
  }): Promise<DeliveryRecord[]> {
    let q = this.db.selectFrom("deliveries").selectAll().orderBy("id").limit(opts.limit);
    if (opts.states && opts.states.length > 0) q = q.where("state", "in", opts.states);
    if (opts.partnerId) q = q.where("partnerId", "=", opts.partnerId);
    if (opts.after) q = q.where("id", ">", opts.after);
    return (await q.execute()).map(toRecord);
  }

  async claimDue(opts: {
    now: string;
    limit: number;
    leaseUntil: string;
    owner: string;
    includeRetrying: boolean;
  }): Promise<DeliveryRecord[]> {
    const due = this.db
      .selectFrom("deliveries")
      .select("id")
      .where((eb) =>
        // With a durable bus the retry already waits in a delay queue: publishing the row too
        // would put a second copy in flight.
        opts.includeRetrying
          ? eb.or([
              eb("state", "=", "pending"),
              eb.and([eb("state", "=", "retrying"), eb("nextAttemptAt", "<=", opts.now)]),
            ])
          : eb("state", "=", "pending"),
      )
      .where((eb) => eb.or([eb("leaseUntil", "is", null), eb("leaseUntil", "<", opts.now)]))
      .orderBy("createdAt")
      .limit(opts.limit);
    // PostgreSQL: concurrent relays skip each other's rows instead of waiting or double-claiming.
    // SQLite has one writer at a time, which gives the same guarantee.
    const ids = (await (this.dialect === "postgres" ? due.forUpdate().skipLocked() : due).execute()).map(
      (r) => r.id,
    );
    if (ids.length === 0) return [];
    const rows = await this.db
      .updateTable("deliveries")
      .set({ leaseOwner: opts.owner, leaseUntil: opts.leaseUntil })
      .where("id", "in", ids)
      .returningAll()
      .execute();
    return rows
      .map(toRecord)
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  async transition(
    id: string,
    from: readonly DeliveryState[],
    patch: Partial<
      Pick<
        DeliveryRecord,
        "state" | "attempts" | "nextAttemptAt" | "lastError" | "deliveredAt" | "receipt" | "respondedAt"
      >
    > & { updatedAt: string },
  ): Promise<boolean> {
    const { receipt, ...rest } = patch;
    const changed = await this.fast.update(
      "deliveries",
      {
        ...rest,
        ...(receipt !== undefined ? { receipt: toJson(receipt) } : {}),
        // A settled transition ends any lease on the row.
        leaseOwner: null,
        leaseUntil: null,
      },
      { id },
      { column: "state", values: from },
    );
    return changed > 0;
  }

  async markPublished(ids: readonly string[], from: DeliveryState, at: string): Promise<number> {
    let n = 0;
    // Chunks keep the IN list under both databases' parameter limits and the SQL shapes few.
    for (let i = 0; i < ids.length; i += 100) {
      n += await this.fast.update(
        "deliveries",
        { state: "published", updatedAt: at, leaseOwner: null, leaseUntil: null },
        { state: from },
        { column: "id", values: ids.slice(i, i + 100) },
      );
    }
    return n;
  }

  async recordAttempt(a: DeliveryAttemptRecord): Promise<void> {
    await this.fast.insert("deliveryAttempts", { ...a, detail: toJson(a.detail) });
  }

  async attempts(deliveryId: string): Promise<DeliveryAttemptRecord[]> {
    const rows = await this.db
      .selectFrom("deliveryAttempts")
      .selectAll()
      .where("deliveryId", "=", deliveryId)
      .orderBy("id")
      .execute();
    return rows.map(toAttempt);
  }

  async listOverdue(opts: { now: string; limit: number }): Promise<DeliveryRecord[]> {
    const rows = await this.db
      .selectFrom("deliveries")
      .selectAll()
      .where("dueAt", "<", opts.now)
      .where("respondedAt", "is", null)
      .where("overdueAt", "is", null)
      .where("state", "not in", ["cancelled", "dead"])
      .orderBy("dueAt")
      .limit(opts.limit)
      .execute();
    return rows.map(toRecord);
  }

  async markOverdue(id: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable("deliveries")
      .set({ overdueAt: at })
      .where("id", "=", id)
      .where("overdueAt", "is", null)
      .where("respondedAt", "is", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async byMessageId(messageId: string): Promise<DeliveryRecord | undefined> {
    const r = await this.db
      .selectFrom("deliveries")
      .selectAll()
      .where("messageId", "=", messageId)
      .executeTakeFirst();
    return r && toRecord(r);
  }

  async latestByDocumentNumber(partnerId: string, number: string): Promise<DeliveryRecord | undefined> {
    const r = await this.db
      .selectFrom("deliveries")
      .innerJoin("documents", "documents.id", "deliveries.documentId")
      .selectAll("deliveries")
      .where("documents.number", "=", number)
      .where("deliveries.partnerId", "=", partnerId)
      .orderBy("deliveries.id", "desc")
      .executeTakeFirst();
    return r && toRecord(r);
  }

  async byInterchangeRef(partnerId: string, ref: string): Promise<DeliveryRecord | undefined> {
    const r = await this.db
      .selectFrom("deliveries")
      .selectAll()
      .where("partnerId", "=", partnerId)
      .where("interchangeRef", "=", ref.toUpperCase())
      .orderBy("id", "desc")
      .executeTakeFirst();
    return r && toRecord(r);
  }

  async setResponded(id: string, at: string): Promise<void> {
    await this.db
      .updateTable("deliveries")
      .set({ respondedAt: at })
      .where("id", "=", id)
      .where("respondedAt", "is", null)
      .execute();
  }

  async resetInFlight(now: string): Promise<number> {
    const r = await this.db
      .updateTable("deliveries")
      .set({ state: "pending", leaseOwner: null, leaseUntil: null, updatedAt: now })
      .where("state", "=", "published")
      .executeTakeFirst();
    await this.db
      .updateTable("deliveries")
      .set({ leaseOwner: null, leaseUntil: null })
      .where("leaseOwner", "is not", null)
      .execute();
    return Number(r.numUpdatedRows);
  }
}
