import type { Kysely, Selectable } from "kysely";
import type { NotificationRecord, NotificationState } from "../../../ports/records.js";
import type { NotificationRepo } from "../../../ports/store.js";
import type { DB, NotificationsTable } from "../schema.js";

const toRecord = (r: Selectable<NotificationsTable>): NotificationRecord => {
  const { leaseOwner: _o, leaseUntil: _u, ...rest } = r;
  return {
    ...rest,
    kind: r.kind as NotificationRecord["kind"],
    state: r.state as NotificationState,
  };
};

export class KyselyNotificationRepo implements NotificationRepo {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: "sqlite" | "postgres",
  ) {}

  async insert(n: NotificationRecord): Promise<boolean> {
    const r = await this.db
      .insertInto("notifications")
      .values({ ...n, leaseOwner: null, leaseUntil: null })
      .onConflict((oc) => oc.columns(["partyId", "kind", "subjectId"]).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async get(id: string): Promise<NotificationRecord | undefined> {
    const r = await this.db.selectFrom("notifications").selectAll().where("id", "=", id).executeTakeFirst();
    return r && toRecord(r);
  }

  async listByUcr(ucr: string): Promise<NotificationRecord[]> {
    const rows = await this.db
      .selectFrom("notifications")
      .selectAll()
      .where("ucr", "=", ucr)
      .orderBy("createdAt")
      .orderBy("id")
      .execute();
    return rows.map(toRecord);
  }

  async claimDue(opts: {
    now: string;
    limit: number;
    leaseUntil: string;
    owner: string;
  }): Promise<NotificationRecord[]> {
    const due = this.db
      .selectFrom("notifications")
      .select("id")
      .where((eb) =>
        eb.or([
          eb("state", "=", "pending"),
          eb.and([eb("state", "=", "retrying"), eb("nextAttemptAt", "<=", opts.now)]),
        ]),
      )
      .where((eb) => eb.or([eb("leaseUntil", "is", null), eb("leaseUntil", "<", opts.now)]))
      .orderBy("createdAt")
      .limit(opts.limit);
    // PostgreSQL: concurrent notifiers skip each other's rows; SQLite's single writer does the same.
    const ids = (await (this.dialect === "postgres" ? due.forUpdate().skipLocked() : due).execute()).map(
      (r) => r.id,
    );
    if (ids.length === 0) return [];
    const rows = await this.db
      .updateTable("notifications")
      .set({ leaseOwner: opts.owner, leaseUntil: opts.leaseUntil })
      .where("id", "in", ids)
      .returningAll()
      .execute();
    return rows.map(toRecord).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async settle(
    id: string,
    from: readonly NotificationState[],
    patch: Pick<
      NotificationRecord,
      "state" | "attempts" | "nextAttemptAt" | "lastError" | "deliveredAt" | "updatedAt"
    >,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable("notifications")
      .set({ ...patch, leaseOwner: null, leaseUntil: null })
      .where("id", "=", id)
      .where("state", "in", [...from])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
