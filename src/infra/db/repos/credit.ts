import type { Kysely, Selectable } from "kysely";
import type {
  CreditEventRecord,
  CreditRepo,
  DiscrepancyFact,
  RejectionFact,
} from "../../../ports/register.js";
import type { DB } from "../schema.js";
import { fromJson, toJson } from "./json.js";
import { withRegister, type CreditEventsTable, type RegisterDb } from "./register-schema.js";

const toRecord = (r: Selectable<CreditEventsTable>): CreditEventRecord => ({
  ...r,
  kind: r.kind as CreditEventRecord["kind"],
  sourceType: r.sourceType as CreditEventRecord["sourceType"],
  points: r.points === null ? null : Number(r.points),
  actor: fromJson(r.actor),
});

export class KyselyCreditRepo implements CreditRepo {
  private readonly db: RegisterDb;
  constructor(db: Kysely<DB>) {
    this.db = withRegister(db);
  }

  async insert(e: CreditEventRecord): Promise<void> {
    await this.db
      .insertInto("creditEvents")
      .values({ ...e, actor: toJson(e.actor) })
      .execute();
  }

  async listForParty(partyId: string): Promise<CreditEventRecord[]> {
    const rows = await this.db
      .selectFrom("creditEvents")
      .selectAll()
      .where("partyId", "=", partyId)
      .orderBy("at")
      .orderBy("id")
      .execute();
    return rows.map(toRecord);
  }

  /** Refusals are audited on the party's own chain (pipeline recordRejection): read them there. */
  async rejections(partyId: string): Promise<RejectionFact[]> {
    const rows = await this.db
      .selectFrom("events")
      .select(["at", "data", "subject"])
      .where("chain", "=", `party:${partyId}`)
      .where("type", "=", "submission.rejected")
      .orderBy("seq")
      .execute();
    return rows.map((r) => {
      const data = fromJson<{ code?: unknown }>(r.data);
      const subject = fromJson<{ submissionId?: unknown }>(r.subject);
      return {
        at: r.at,
        code: typeof data.code === "string" ? data.code : "unknown",
        submissionId: typeof subject.submissionId === "string" ? subject.submissionId : null,
      };
    });
  }

  async discrepancies(partyId: string, statuses: readonly string[]): Promise<DiscrepancyFact[]> {
    if (statuses.length === 0) return [];
    return this.db
      .selectFrom("responses as r")
      .innerJoin("documents as d", "d.id", "r.documentId")
      .select(["r.receivedAt as at", "r.status", "r.partnerId", "d.id as documentId", "r.id as responseId"])
      .where("d.issuerPartyId", "=", partyId)
      .where("r.status", "in", [...statuses])
      .orderBy("r.receivedAt")
      .execute();
  }
}
