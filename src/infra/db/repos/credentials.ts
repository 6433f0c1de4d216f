import type { Kysely, Selectable } from "kysely";
import type { CredentialRecord } from "../../../ports/records.js";
import type { CredentialRepo } from "../../../ports/store.js";
import type { CredentialsTable, DB } from "../schema.js";

const toRecord = (r: Selectable<CredentialsTable>): CredentialRecord => ({
  ...r,
  role: r.role as CredentialRecord["role"],
});

export class KyselyCredentialRepo implements CredentialRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(c: CredentialRecord): Promise<void> {
    await this.db.insertInto("credentials").values(c).execute();
  }

  async byHash(keyHash: string): Promise<CredentialRecord | undefined> {
    const r = await this.db
      .selectFrom("credentials")
      .selectAll()
      .where("keyHash", "=", keyHash)
      .executeTakeFirst();
    return r && toRecord(r);
  }

  async get(id: string): Promise<CredentialRecord | undefined> {
    const r = await this.db.selectFrom("credentials").selectAll().where("id", "=", id).executeTakeFirst();
    return r && toRecord(r);
  }

  async listForParty(partyId: string): Promise<CredentialRecord[]> {
    const rows = await this.db
      .selectFrom("credentials")
      .selectAll()
      .where("partyId", "=", partyId)
      .orderBy("createdAt")
      .execute();
    return rows.map(toRecord);
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable("credentials")
      .set({ revokedAt: at })
      .where("id", "=", id)
      .where("revokedAt", "is", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
