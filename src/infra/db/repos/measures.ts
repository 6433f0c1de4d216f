import type { Kysely, Selectable } from "kysely";
import type { Actor } from "../../../ports/records.js";
import type { MeasureRecord, MeasureRepo } from "../../../ports/register.js";
import type { DB } from "../schema.js";
import { fromJson, toJson } from "./json.js";
import { withRegister, type MeasuresTable, type RegisterDb } from "./register-schema.js";

const toRecord = (r: Selectable<MeasuresTable>): MeasureRecord => ({
  ...r,
  level: r.level as MeasureRecord["level"],
  action: r.action as MeasureRecord["action"],
  grounds: r.grounds as MeasureRecord["grounds"],
  documentTypes: fromJson(r.documentTypes),
  partners: fromJson(r.partners),
  setBy: fromJson(r.setBy),
  liftedBy: fromJson(r.liftedBy),
});

export class KyselyMeasureRepo implements MeasureRepo {
  private readonly db: RegisterDb;
  constructor(db: Kysely<DB>) {
    this.db = withRegister(db);
  }

  async insert(m: MeasureRecord): Promise<void> {
    await this.db
      .insertInto("measures")
      .values({
        ...m,
        documentTypes: m.documentTypes ? toJson(m.documentTypes) : null,
        partners: m.partners ? toJson(m.partners) : null,
        setBy: toJson(m.setBy),
        liftedBy: m.liftedBy ? toJson(m.liftedBy) : null,
      })
      .execute();
  }

  async get(id: string): Promise<MeasureRecord | undefined> {
    const r = await this.db.selectFrom("measures").selectAll().where("id", "=", id).executeTakeFirst();
    return r && toRecord(r);
  }

  async listForParty(partyId: string): Promise<MeasureRecord[]> {
    const rows = await this.db
      .selectFrom("measures")
      .selectAll()
      .where("partyId", "=", partyId)
      .orderBy("id")
      .execute();
    return rows.map(toRecord);
  }

  async lift(id: string, at: string, by: Actor, reason: string): Promise<boolean> {
    const r = await this.db
      .updateTable("measures")
      .set({ liftedAt: at, liftedBy: toJson(by), liftReason: reason })
      .where("id", "=", id)
      .where("liftedAt", "is", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
