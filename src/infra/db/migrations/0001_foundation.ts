import type { Kysely } from "kysely";
import { columnTypes, type Dialect, type SwgMigration } from "./types.js";

async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  const s = db.schema;

  await s
    .createTable("parties")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("partner_kind", "text")
    .addColumn("identifiers", "text", (c) => c.notNull())
    .addColumn("country", "text")
    .addColumn("verification", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("profile", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("party_identifiers")
    .addColumn("scheme", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("party_id", "text", (c) => c.notNull().references("parties.id"))
    .addPrimaryKeyConstraint("party_identifiers_pk", ["scheme", "value"])
    .execute();

  await s
    .createTable("credentials")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("party_id", "text", (c) => c.notNull().references("parties.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("key_prefix", "text", (c) => c.notNull())
    .addColumn("label", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("expires_at", "text")
    .execute();
  await s.createIndex("credentials_party").on("credentials").column("party_id").execute();

  await s
    .createTable("submissions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("party_id", "text", (c) => c.notNull())
    .addColumn("credential_id", "text")
    .addColumn("acting_for", "text")
    .addColumn("idempotency_key", "text")
    .addColumn("request_digest", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("ucr", "text", (c) => c.notNull())
    .addColumn("document_ids", "text", (c) => c.notNull())
    .addColumn("http_status", "integer", (c) => c.notNull())
    .addColumn("response", "text", (c) => c.notNull())
    .addColumn("receipt", "text", (c) => c.notNull())
    .addUniqueConstraint("submissions_idempotency", ["party_id", "idempotency_key"])
    .execute();
  await s.createIndex("submissions_ucr").on("submissions").column("ucr").execute();

  await s
    .createTable("documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("submission_id", "text", (c) => c.notNull())
    .addColumn("ucr", "text", (c) => c.notNull())
    .addColumn("lineage_id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("number", "text")
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("function_code", "text", (c) => c.notNull())
    .addColumn("supersedes", "text")
    .addColumn("issuer_party_id", "text", (c) => c.notNull())
    .addColumn("original_format", "text", (c) => c.notNull())
    .addColumn("original_media_type", "text", (c) => c.notNull())
    .addColumn("original_bytes", t.blob, (c) => c.notNull())
    .addColumn("original_digest", "text", (c) => c.notNull())
    .addColumn("canonical", "text", (c) => c.notNull())
    .addColumn("canonical_digest", "text", (c) => c.notNull())
    .addColumn("seal", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("is_current", "integer", (c) => c.notNull())
    .addColumn("findings", "text", (c) => c.notNull())
    .addColumn("mapping", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    // Two concurrent amendments of one version cannot both become version n+1.
    .addUniqueConstraint("documents_lineage_version", ["lineage_id", "version"])
    .execute();
  await s.createIndex("documents_ucr").on("documents").column("ucr").execute();
  await s.createIndex("documents_submission").on("documents").column("submission_id").execute();
  await s
    .createIndex("documents_number")
    .on("documents")
    .columns(["issuer_party_id", "type", "number"])
    .execute();
  await s.createIndex("documents_created").on("documents").column("created_at").execute();
  await s.createIndex("documents_number_only").on("documents").column("number").execute();

  await s
    .createTable("deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull())
    .addColumn("ucr", "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("adapter_id", "text", (c) => c.notNull())
    .addColumn("routing_key", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("next_attempt_at", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .addColumn("due_at", "text")
    .addColumn("responded_at", "text")
    .addColumn("receipt", "text")
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", "text")
    .execute();
  await s.createIndex("deliveries_due").on("deliveries").columns(["state", "next_attempt_at"]).execute();
  await s.createIndex("deliveries_document").on("deliveries").column("document_id").execute();
  await s.createIndex("deliveries_ucr").on("deliveries").column("ucr").execute();
  await s.createIndex("deliveries_partner").on("deliveries").columns(["partner_id", "state"]).execute();

  await s
    .createTable("delivery_attempts")
    .addColumn("id", t.serial, (c) =>
      c.primaryKey().$call((b) => (dialect === "sqlite" ? b.autoIncrement() : b)),
    )
    .addColumn("delivery_id", "text", (c) => c.notNull())
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("detail", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("delivery_attempts_delivery").on("delivery_attempts").column("delivery_id").execute();

  await s
    .createTable("events")
    .addColumn("id", t.serial, (c) =>
      c.primaryKey().$call((b) => (dialect === "sqlite" ? b.autoIncrement() : b)),
    )
    .addColumn("chain", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("document_id", "text")
    .addColumn("party_id", "text")
    .addUniqueConstraint("events_chain_seq", ["chain", "seq"])
    .execute();
  await s.createIndex("events_at").on("events").column("at").execute();
  await s.createIndex("events_document").on("events").column("document_id").execute();
  await s.createIndex("events_party_at").on("events").columns(["party_id", "at"]).execute();
  await s.createIndex("events_type_at").on("events").columns(["type", "at"]).execute();

  await s
    .createTable("chain_heads")
    .addColumn("chain", "text", (c) => c.primaryKey())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("checkpoints")
    .addColumn("id", t.serial, (c) =>
      c.primaryKey().$call((b) => (dialect === "sqlite" ? b.autoIncrement() : b)),
    )
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("prev_root", "text", (c) => c.notNull())
    .addColumn("root", "text", (c) => c.notNull())
    .addColumn("leaf_count", "integer", (c) => c.notNull())
    .addColumn("signature", "text", (c) => c.notNull())
    // Checkpoints form a chain; two writers racing to extend it cannot both succeed.
    .addUniqueConstraint("checkpoints_prev_root", ["prev_root"])
    .execute();
  await s.createIndex("checkpoints_at").on("checkpoints").column("at").execute();

  await s
    .createTable("checkpoint_leaves")
    .addColumn("checkpoint_id", "integer", (c) => c.notNull())
    .addColumn("leaf_index", "integer", (c) => c.notNull())
    .addColumn("chain", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("checkpoint_leaves_pk", ["checkpoint_id", "leaf_index"])
    .execute();
  await s
    .createIndex("checkpoint_leaves_chain")
    .on("checkpoint_leaves")
    .columns(["chain", "checkpoint_id"])
    .execute();

  await s
    .createTable("inbox")
    .addColumn("id", t.serial, (c) =>
      c.primaryKey().$call((b) => (dialect === "sqlite" ? b.autoIncrement() : b)),
    )
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("delivery_id", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("body", t.blob, (c) => c.notNull())
    .addColumn("headers", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("acked_at", "text")
    // A redelivered message does not appear twice in a partner's inbox.
    .addUniqueConstraint("inbox_partner_message", ["partner_id", "message_id"])
    .execute();
  await s.createIndex("inbox_pending").on("inbox").columns(["partner_id", "acked_at", "id"]).execute();

  await s
    .createTable("responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("partner_message_id", "text", (c) => c.notNull())
    .addColumn("delivery_id", "text")
    .addColumn("document_id", "text")
    .addColumn("ucr", "text")
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("original_bytes", t.blob, (c) => c.notNull())
    .addColumn("original_media_type", "text", (c) => c.notNull())
    .addColumn("signed", "integer", (c) => c.notNull())
    .addUniqueConstraint("responses_partner_message", ["partner_id", "partner_message_id"])
    .execute();
  await s.createIndex("responses_ucr").on("responses").column("ucr").execute();
  await s.createIndex("responses_document").on("responses").column("document_id").execute();
}

export const foundation: SwgMigration = { name: "0001_foundation", up };
