import type { Kysely } from "kysely";
import type { Dialect, SwgMigration } from "./types.js";

/** The certificates each party may sign with (DESIGN §6; issue 7: certificates bound to parties). */
async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("party_certificates")
    .addColumn("party_id", "text", (c) => c.notNull().references("parties.id"))
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("serial", "text", (c) => c.notNull())
    .addColumn("not_after", "text", (c) => c.notNull())
    .addColumn("pem", "text", (c) => c.notNull())
    .addColumn("added_at", "text", (c) => c.notNull())
    .addColumn("removed_at", "text")
    .addPrimaryKeyConstraint("party_certificates_pk", ["party_id", "sha256"])
    .execute();
  await db.schema
    .createIndex("party_certificates_sha256")
    .on("party_certificates")
    .column("sha256")
    .execute();
}

export const pki: SwgMigration = { name: "0002_pki", up };
