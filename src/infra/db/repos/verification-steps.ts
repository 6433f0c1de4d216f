import type { Kysely, Selectable } from "kysely";
import type { VerificationStatus } from "../../../ports/records.js";
import type { VerificationRepo, VerificationStepRecord } from "../../../ports/register.js";
import type { DB } from "../schema.js";
import { fromJson, toJson } from "./json.js";
import { withRegister, type RegisterDb, type VerificationStepsTable } from "./register-schema.js";

const toRecord = (r: Selectable<VerificationStepsTable>): VerificationStepRecord => ({
  id: r.id,
  partyId: r.partyId,
  from: r.fromStatus as VerificationStatus,
  to: r.toStatus as VerificationStatus,
  evidence: fromJson(r.evidence),
  reason: r.reason,
  actor: fromJson(r.actor),
  at: r.at,
});

export class KyselyVerificationRepo implements VerificationRepo {
  private readonly db: RegisterDb;
  constructor(db: Kysely<DB>) {
    this.db = withRegister(db);
  }

  async insert(s: VerificationStepRecord): Promise<void> {
    await this.db
      .insertInto("verificationSteps")
      .values({
        id: s.id,
        partyId: s.partyId,
        fromStatus: s.from,
        toStatus: s.to,
        evidence: toJson(s.evidence),
        reason: s.reason,
        actor: toJson(s.actor),
        at: s.at,
      })
      .execute();
  }

  async listForParty(partyId: string): Promise<VerificationStepRecord[]> {
    const rows = await this.db
      .selectFrom("verificationSteps")
      .selectAll()
      .where("partyId", "=", partyId)
      .orderBy("at")
      .orderBy("id")
      .execute();
    return rows.map(toRecord);
  }
}
