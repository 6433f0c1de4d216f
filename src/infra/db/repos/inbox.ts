import type { Kysely, Selectable } from "kysely";
import type { InboxMessage } from "../../../ports/records.js";
import type { InboxRepo } from "../../../ports/store.js";
import type { DB, InboxTable } from "../schema.js";
import { fromJson, toBuffer, toJson } from "./json.js";

const toMessage = (r: Selectable<InboxTable>): InboxMessage => ({
  ...r,
  id: Number(r.id),
  body: toBuffer(r.body),
  headers: fromJson(r.headers),
});

export class KyselyInboxRepo implements InboxRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async put(m: Omit<InboxMessage, "id" | "ackedAt">): Promise<void> {
    // A redelivered message is already in the inbox: keep the first copy.
    await this.db
      .insertInto("inbox")
      .values({ ...m, headers: toJson(m.headers), ackedAt: null })
      .onConflict((oc) => oc.columns(["partnerId", "messageId"]).doNothing())
      .execute();
  }

  async pending(partnerId: string, limit: number): Promise<InboxMessage[]> {
    const rows = await this.db
      .selectFrom("inbox")
      .selectAll()
      .where("partnerId", "=", partnerId)
      .where("ackedAt", "is", null)
      .orderBy("id")
      .limit(limit)
      .execute();
    return rows.map(toMessage);
  }

  async get(partnerId: string, messageId: string): Promise<InboxMessage | undefined> {
    const r = await this.db
      .selectFrom("inbox")
      .selectAll()
      .where("partnerId", "=", partnerId)
      .where("messageId", "=", messageId)
      .executeTakeFirst();
    return r && toMessage(r);
  }

  async ack(partnerId: string, messageIds: readonly string[], at: string): Promise<number> {
    if (messageIds.length === 0) return 0;
    const r = await this.db
      .updateTable("inbox")
      .set({ ackedAt: at })
      .where("partnerId", "=", partnerId)
      .where("messageId", "in", [...messageIds])
      .where("ackedAt", "is", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}
