import type { Kysely, Selectable } from "kysely";
import type { Actor } from "../../../ports/records.js";
import type { MandateRecord, MandateRepo } from "../../../ports/register.js";
import type { DB } from "../schema.js";
import { fromJson, toJson } from "./json.js";
import { withRegister, type MandatesTable, type RegisterDb } from "./register-schema.js";

const toRecord = (r: Selectable<MandatesTable>): MandateRecord => ({
  ...r,
  documentTypes: fromJson(r.documentTypes),
  partners: fromJson(r.partners),
  grantedBy: fromJson(r.grantedBy),
  revokedBy: fromJson(r.revokedBy),
});

export class KyselyMandateRepo implements MandateRepo {
  private readonly db: RegisterDb;
  constructor(db: Kysely<DB>) {
    this.db = withRegister(db);
  }

  async insert(m: MandateRecord): Promise<void> {
    await this.db
      .insertInto("mandates")
      .values({
        ...m,
        documentTypes: m.documentTypes ? toJson(m.documentTypes) : null,
        partners: m.partners ? toJson(m.partners) : null,
        grantedBy: toJson(m.grantedBy),
        revokedBy: m.revokedBy ? toJson(m.revokedBy) : null,
      })
      .execute();
  }

  async get(id: string): Promise<MandateRecord | undefined> {
    const r = await this.db.selectFrom("mandates").selectAll().where("id", "=", id).executeTakeFirst();
    return r && toRecord(r);
  }

  async listForParty(partyId: string): Promise<MandateRecord[]> {
    const rows = await this.db
      .selectFrom("mandates")
      .selectAll()
      .where((eb) => eb.or([eb("grantorId", "=", partyId), eb("agentId", "=", partyId)]))
      .orderBy("id", "desc")
      .execute();
    return rows.map(toRecord);
  }

  async between(grantorId: string, agentId: string): Promise<MandateRecord[]> {
    const rows = await this.db
      .selectFrom("mandates")
      .selectAll()
      .where("agentId", "=", agentId)
      .where("grantorId", "=", grantorId)
      .orderBy("id")
      .execute();
    return rows.map(toRecord);
  }

  async revoke(id: string, at: string, by: Actor, reason: string | null): Promise<boolean> {
    const r = await this.db
      .updateTable("mandates")
      .set({ revokedAt: at, revokedBy: toJson(by), revokeReason: reason })
      .where("id", "=", id)
      .where("revokedAt", "is", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
