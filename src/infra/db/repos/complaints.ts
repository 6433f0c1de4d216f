import type { Kysely, Selectable } from "kysely";
import type {
  ComplaintFilter,
  ComplaintRecord,
  ComplaintRepo,
  ComplaintStatus,
} from "../../../ports/register.js";
import type { DB } from "../schema.js";
import { fromJson, toJson } from "./json.js";
import { withRegister, type ComplaintsTable, type RegisterDb } from "./register-schema.js";

export const complaintFromRow = (r: Selectable<ComplaintsTable>): ComplaintRecord => ({
  ...r,
  category: r.category as ComplaintRecord["category"],
  status: r.status as ComplaintStatus,
  evidence: fromJson(r.evidence),
  reviewer: fromJson(r.reviewer),
  decidedBy: fromJson(r.decidedBy),
});

export class KyselyComplaintRepo implements ComplaintRepo {
  private readonly db: RegisterDb;
  constructor(db: Kysely<DB>) {
    this.db = withRegister(db);
  }

  async insert(c: ComplaintRecord): Promise<void> {
    await this.db
      .insertInto("complaints")
      .values({
        ...c,
        evidence: toJson(c.evidence),
        reviewer: c.reviewer ? toJson(c.reviewer) : null,
        decidedBy: c.decidedBy ? toJson(c.decidedBy) : null,
      })
      .execute();
  }

  async get(id: string): Promise<ComplaintRecord | undefined> {
    const r = await this.db.selectFrom("complaints").selectAll().where("id", "=", id).executeTakeFirst();
    return r && complaintFromRow(r);
  }

  async list(f: ComplaintFilter): Promise<ComplaintRecord[]> {
    let q = this.db.selectFrom("complaints").selectAll().orderBy("id").limit(f.limit);
    if (f.complainantId) q = q.where("complainantId", "=", f.complainantId);
    if (f.againstPartyId) q = q.where("againstPartyId", "=", f.againstPartyId);
    if (f.involving) {
      const p = f.involving;
      q = q.where((eb) => eb.or([eb("complainantId", "=", p), eb("againstPartyId", "=", p)]));
    }
    if (f.status) q = q.where("status", "=", f.status);
    if (f.after) q = q.where("id", ">", f.after);
    return (await q.execute()).map(complaintFromRow);
  }

  async transition(
    id: string,
    from: ComplaintStatus,
    patch: Parameters<ComplaintRepo["transition"]>[2],
  ): Promise<boolean> {
    const { reviewer, decidedBy, ...rest } = patch;
    const r = await this.db
      .updateTable("complaints")
      .set({
        ...rest,
        ...(reviewer !== undefined ? { reviewer: reviewer ? toJson(reviewer) : null } : {}),
        ...(decidedBy !== undefined ? { decidedBy: decidedBy ? toJson(decidedBy) : null } : {}),
      })
      .where("id", "=", id)
      .where("status", "=", from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
