import type { Kysely, Selectable } from "kysely";
import type { RiskWarningFilter, RiskWarningRecord, RiskWarningRepo } from "../../../ports/register.js";
import type { DB } from "../schema.js";
import { fromJson, toJson } from "./json.js";
import { withRegister, type RegisterDb, type RiskWarningsTable } from "./register-schema.js";

const toRecord = (r: Selectable<RiskWarningsTable>): RiskWarningRecord => ({
  ...r,
  severity: r.severity as RiskWarningRecord["severity"],
  status: r.status as RiskWarningRecord["status"],
  data: fromJson(r.data),
  decidedBy: fromJson(r.decidedBy),
});

export class KyselyRiskWarningRepo implements RiskWarningRepo {
  private readonly db: RegisterDb;
  constructor(db: Kysely<DB>) {
    this.db = withRegister(db);
  }

  async insert(w: RiskWarningRecord): Promise<void> {
    await this.db
      .insertInto("riskWarnings")
      .values({ ...w, data: toJson(w.data), decidedBy: w.decidedBy ? toJson(w.decidedBy) : null })
      .execute();
  }

  async get(id: string): Promise<RiskWarningRecord | undefined> {
    const r = await this.db.selectFrom("riskWarnings").selectAll().where("id", "=", id).executeTakeFirst();
    return r && toRecord(r);
  }

  async list(f: RiskWarningFilter): Promise<RiskWarningRecord[]> {
    let q = this.db.selectFrom("riskWarnings").selectAll().orderBy("id").limit(f.limit);
    if (f.status) q = q.where("status", "=", f.status);
    if (f.partyId) q = q.where("partyId", "=", f.partyId);
    if (f.documentId) q = q.where("documentId", "=", f.documentId);
    if (f.ruleId) q = q.where("ruleId", "=", f.ruleId);
    if (f.after) q = q.where("id", ">", f.after);
    return (await q.execute()).map(toRecord);
  }

  async decide(
    id: string,
    patch: Pick<RiskWarningRecord, "status" | "decidedAt" | "decidedBy" | "decisionReason" | "creditEventId">,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable("riskWarnings")
      .set({ ...patch, decidedBy: patch.decidedBy ? toJson(patch.decidedBy) : null })
      .where("id", "=", id)
      .where("status", "=", "open")
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
