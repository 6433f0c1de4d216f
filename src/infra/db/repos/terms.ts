import type { Kysely, Selectable } from "kysely";
import type { TermRecord, TermRepo } from "../../../ports/register.js";
import type { DB } from "../schema.js";
import { fromJson, toJson } from "./json.js";
import { withRegister, type PartyTermsTable, type RegisterDb } from "./register-schema.js";

const toRecord = (r: Selectable<PartyTermsTable>): TermRecord => ({
  ...r,
  kind: r.kind as TermRecord["kind"],
  actor: fromJson(r.actor),
  detail: fromJson(r.detail),
});

export class KyselyTermRepo implements TermRepo {
  private readonly db: RegisterDb;
  constructor(db: Kysely<DB>) {
    this.db = withRegister(db);
  }

  async insert(t: TermRecord): Promise<void> {
    await this.db
      .insertInto("partyTerms")
      .values({ ...t, actor: toJson(t.actor), detail: toJson(t.detail) })
      .execute();
  }

  async listForParty(partyId: string): Promise<TermRecord[]> {
    const rows = await this.db
      .selectFrom("partyTerms")
      .selectAll()
      .where("partyId", "=", partyId)
      .orderBy("createdAt")
      .orderBy("id")
      .execute();
    return rows.map(toRecord);
  }
}
