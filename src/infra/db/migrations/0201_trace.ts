import type { Kysely } from "kysely";
import type { SwgMigration } from "./types.js";

/**
 * Trace search and retention. Every search orders by (created_at, id) and pages with a cursor on
 * that pair, so each filter gets an index that ends in it; deliveries and responses are reached
 * per document through their own (document, partner, state) indexes.
 */
async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s.createIndex("documents_page").on("documents").columns(["created_at", "id"]).execute();
  await s
    .createIndex("documents_party_page")
    .on("documents")
    .columns(["issuer_party_id", "created_at", "id"])
    .execute();
  await s.createIndex("documents_type_page").on("documents").columns(["type", "created_at", "id"]).execute();
  await s
    .createIndex("deliveries_document_partner")
    .on("deliveries")
    .columns(["document_id", "partner_id", "state"])
    .execute();
  await s
    .createIndex("deliveries_partner_state_doc")
    .on("deliveries")
    .columns(["partner_id", "state", "document_id"])
    .execute();
  await s
    .createIndex("responses_partner_status_doc")
    .on("responses")
    .columns(["partner_id", "status", "document_id"])
    .execute();
  await s
    .createIndex("responses_document_partner")
    .on("responses")
    .columns(["document_id", "partner_id", "status"])
    .execute();

  await s
    .createTable("document_tombstones")
    .addColumn("document_id", "text", (c) => c.primaryKey())
    .addColumn("ucr", "text", (c) => c.notNull())
    .addColumn("purged_at", "text", (c) => c.notNull())
    .addColumn("original_digest", "text", (c) => c.notNull())
    .addColumn("canonical_digest", "text", (c) => c.notNull())
    .addColumn("statement", "text", (c) => c.notNull())
    .addColumn("signature", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("document_tombstones_ucr").on("document_tombstones").column("ucr").execute();
}

export const trace: SwgMigration = { name: "0201_trace", up };
