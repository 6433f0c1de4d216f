import type { Kysely } from "kysely";
import type { Dialect, SwgMigration } from "./types.js";

/**
 * What follows a delivery (issue 8, responses): when it was flagged overdue, so the flag is raised
 * once whichever worker sees it first; and the exporter notifications outbox, written in the
 * transaction that records the answer and pushed by a notifier with retries.
 */
async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("deliveries").addColumn("overdue_at", "text").execute();
  await db.schema.createIndex("deliveries_due_at").on("deliveries").column("due_at").execute();
  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("party_id", "text", (c) => c.notNull())
    .addColumn("ucr", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("next_attempt_at", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", "text")
    .addUniqueConstraint("notifications_once", ["party_id", "kind", "subject_id"])
    .execute();
  await db.schema
    .createIndex("notifications_due")
    .on("notifications")
    .columns(["state", "next_attempt_at"])
    .execute();
  await db.schema.createIndex("notifications_ucr").on("notifications").column("ucr").execute();
}

export const followup: SwgMigration = { name: "0301_followup", up };
