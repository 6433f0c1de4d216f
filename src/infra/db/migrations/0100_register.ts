import type { Kysely } from "kysely";
import type { Dialect, SwgMigration } from "./types.js";

/** The enterprise register: mandates, verification, measures, risk, complaints, credit, terms. */
async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  const s = db.schema;

  await s
    .createTable("mandates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("grantor_id", "text", (c) => c.notNull())
    .addColumn("agent_id", "text", (c) => c.notNull())
    .addColumn("document_types", "text")
    .addColumn("partners", "text")
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_until", "text")
    .addColumn("note", "text")
    .addColumn("granted_at", "text", (c) => c.notNull())
    .addColumn("granted_by", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text")
    .addColumn("revoke_reason", "text")
    .execute();
  await s.createIndex("mandates_pair").on("mandates").columns(["agent_id", "grantor_id"]).execute();
  await s.createIndex("mandates_grantor").on("mandates").column("grantor_id").execute();

  await s
    .createTable("measures")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("party_id", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("document_types", "text")
    .addColumn("partners", "text")
    .addColumn("action", "text")
    .addColumn("grounds", "text")
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text")
    .addColumn("set_at", "text", (c) => c.notNull())
    .addColumn("set_by", "text", (c) => c.notNull())
    .addColumn("lifted_at", "text")
    .addColumn("lifted_by", "text")
    .addColumn("lift_reason", "text")
    .execute();
  await s.createIndex("measures_party").on("measures").column("party_id").execute();

  await s
    .createTable("verification_steps")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("party_id", "text", (c) => c.notNull())
    .addColumn("from_status", "text", (c) => c.notNull())
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("evidence", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await s
    .createIndex("verification_steps_party")
    .on("verification_steps")
    .columns(["party_id", "at"])
    .execute();

  await s
    .createTable("risk_warnings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("submission_id", "text", (c) => c.notNull())
    .addColumn("document_id", "text")
    .addColumn("ucr", "text", (c) => c.notNull())
    .addColumn("party_id", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("pointer", "text")
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text")
    .addColumn("decision_reason", "text")
    .addColumn("credit_event_id", "text")
    .execute();
  await s.createIndex("risk_warnings_status").on("risk_warnings").columns(["status", "id"]).execute();
  await s.createIndex("risk_warnings_party").on("risk_warnings").columns(["party_id", "id"]).execute();
  await s.createIndex("risk_warnings_document").on("risk_warnings").column("document_id").execute();

  // Log-binned histograms per HS heading: median and MAD come from the bins, increments never conflict.
  await s
    .createTable("risk_stats")
    .addColumn("metric", "text", (c) => c.notNull())
    .addColumn("heading", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("bin", "integer", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("risk_stats_pk", ["metric", "heading", "unit", "currency", "bin"])
    .execute();

  await s
    .createTable("complaints")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("complainant_id", "text", (c) => c.notNull())
    .addColumn("against_party_id", "text", (c) => c.notNull())
    .addColumn("document_id", "text")
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("evidence", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("review_due_at", "text", (c) => c.notNull())
    .addColumn("decision_due_at", "text", (c) => c.notNull())
    .addColumn("review_started_at", "text")
    .addColumn("reviewer", "text")
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text")
    .addColumn("decision_reason", "text")
    .addColumn("credit_event_id", "text")
    .execute();
  await s.createIndex("complaints_against").on("complaints").columns(["against_party_id", "id"]).execute();
  await s.createIndex("complaints_complainant").on("complaints").columns(["complainant_id", "id"]).execute();
  await s.createIndex("complaints_received").on("complaints").column("received_at").execute();
  await s.createIndex("complaints_decided").on("complaints").column("decided_at").execute();

  await s
    .createTable("credit_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("party_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("points", "real")
    .addColumn("source_type", "text", (c) => c.notNull())
    .addColumn("source_id", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("credit_events_party").on("credit_events").columns(["party_id", "at"]).execute();

  await s
    .createTable("party_terms")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("party_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_until", "text", (c) => c.notNull())
    .addColumn("renews", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("party_terms_party").on("party_terms").columns(["party_id", "kind"]).execute();
  await s.createIndex("party_terms_until").on("party_terms").column("valid_until").execute();
  await s.createIndex("party_terms_renews").on("party_terms").column("renews").execute();

  // Statistics and held-document reviews read these by time and status.
  await s
    .createIndex("register_submissions_party")
    .on("submissions")
    .columns(["party_id", "received_at"])
    .execute();
  await s.createIndex("register_submissions_received").on("submissions").column("received_at").execute();
  await s.createIndex("register_documents_status").on("documents").columns(["status", "id"]).execute();
  await s.createIndex("register_deliveries_created").on("deliveries").column("created_at").execute();
}

export const register: SwgMigration = { name: "0100_register", up };
