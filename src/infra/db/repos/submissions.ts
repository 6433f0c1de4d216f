import type { Kysely, Selectable } from "kysely";
import type { SubmissionRecord } from "../../../ports/records.js";
import type { SubmissionRepo } from "../../../ports/store.js";
import { FastSql } from "../fast.js";
import type { DB, SubmissionsTable } from "../schema.js";
import { fromJson, toJson } from "./json.js";

const toRecord = (r: Selectable<SubmissionsTable>): SubmissionRecord => ({
  ...r,
  documentIds: fromJson(r.documentIds),
  response: fromJson(r.response),
  receipt: fromJson(r.receipt),
});

export class KyselySubmissionRepo implements SubmissionRepo {
  private readonly fast: FastSql;

  constructor(
    private readonly db: Kysely<DB>,
    dialect: "sqlite" | "postgres",
  ) {
    this.fast = new FastSql(db, dialect);
  }

  async insert(s: SubmissionRecord): Promise<void> {
    await this.fast.insert("submissions", {
      ...s,
      documentIds: toJson(s.documentIds),
      response: toJson(s.response),
      receipt: toJson(s.receipt),
    });
  }

  async get(id: string): Promise<SubmissionRecord | undefined> {
    const r = await this.db.selectFrom("submissions").selectAll().where("id", "=", id).executeTakeFirst();
    return r && toRecord(r);
  }

  async byIdempotencyKey(partyId: string, key: string): Promise<SubmissionRecord | undefined> {
    const r = await this.db
      .selectFrom("submissions")
      .selectAll()
      .where("partyId", "=", partyId)
      .where("idempotencyKey", "=", key)
      .executeTakeFirst();
    return r && toRecord(r);
  }
}
