import type { Kysely } from "kysely";
import type { HeldDocument, HoldRepo } from "../../../ports/register.js";
import type { DB } from "../schema.js";
import { toBool } from "./json.js";

/** Documents a partial restriction held for a regulator's review (status `held`). */
export class KyselyHoldRepo implements HoldRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async list(opts: { limit: number; after?: string }): Promise<HeldDocument[]> {
    let q = this.db
      .selectFrom("documents")
      .select(["id as documentId", "submissionId", "ucr", "type", "number", "issuerPartyId", "createdAt"])
      .where("status", "=", "held")
      .orderBy("id")
      .limit(opts.limit);
    if (opts.after) q = q.where("id", ">", opts.after);
    return q.execute();
  }

  async settle(documentId: string, status: "accepted" | "cancelled", isCurrent: boolean): Promise<boolean> {
    const r = await this.db
      .updateTable("documents")
      .set({ status, isCurrent: toBool(isCurrent) })
      .where("id", "=", documentId)
      .where("status", "=", "held")
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async restore(documentId: string): Promise<boolean> {
    const r = await this.db
      .updateTable("documents")
      .set({ status: "accepted", isCurrent: toBool(true) })
      .where("id", "=", documentId)
      .where("status", "in", ["superseded", "cancelled"])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
