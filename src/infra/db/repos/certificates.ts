import type { Kysely } from "kysely";
import type { PartyCertificateRecord } from "../../../ports/records.js";
import type { CertificateRepo } from "../../../ports/store.js";
import type { DB } from "../schema.js";

export class KyselyCertificateRepo implements CertificateRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async bind(c: PartyCertificateRecord): Promise<void> {
    // Binding again a certificate that was removed brings it back.
    await this.db
      .insertInto("partyCertificates")
      .values(c)
      .onConflict((oc) =>
        oc.columns(["partyId", "sha256"]).doUpdateSet({ removedAt: null, addedAt: c.addedAt }),
      )
      .execute();
  }

  async list(partyId: string, opts: { includeRemoved?: boolean } = {}): Promise<PartyCertificateRecord[]> {
    let q = this.db
      .selectFrom("partyCertificates")
      .selectAll()
      .where("partyId", "=", partyId)
      .orderBy("addedAt");
    if (!opts.includeRemoved) q = q.where("removedAt", "is", null);
    return q.execute();
  }

  async remove(partyId: string, sha256: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable("partyCertificates")
      .set({ removedAt: at })
      .where("partyId", "=", partyId)
      .where("sha256", "=", sha256)
      .where("removedAt", "is", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
