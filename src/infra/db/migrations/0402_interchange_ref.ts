import { sql, type Kysely } from "kysely";
import type { Dialect, SwgMigration } from "./types.js";

/**
 * An EDIFACT partner answers by interchange control reference (UNB 0020), which the gateway makes
 * from the last 14 hex digits of the delivery's message id (`interchangeRefOf`). Kept as a column
 * with an index, so finding the delivery is a probe instead of a suffix LIKE over every delivery
 * to that partner. Rows written before are filled from their message ids.
 */
async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable("deliveries").addColumn("interchange_ref", "text").execute();
  const tail =
    dialect === "sqlite"
      ? sql`upper(substr(replace(message_id, '-', ''), -14))`
      : sql`upper(right(replace(message_id, '-', ''), 14))`;
  await sql`update deliveries set interchange_ref = ${tail}`.execute(db);
  await db.schema
    .createIndex("deliveries_partner_interchange")
    .on("deliveries")
    .columns(["partner_id", "interchange_ref"])
    .execute();
}

export const interchangeRef: SwgMigration = { name: "0402_interchange_ref", up };
