import type { Kysely, Selectable } from "kysely";
import type { ResponseRecord } from "../../../ports/records.js";
import type { ResponseRepo } from "../../../ports/store.js";
import type { DB, ResponsesTable } from "../schema.js";
import { fromBool, fromJson, toBool, toBuffer, toJson } from "./json.js";

const toRecord = (r: Selectable<ResponsesTable>): ResponseRecord => ({
  ...r,
  event: fromJson(r.event),
  originalBytes: toBuffer(r.originalBytes),
  signed: fromBool(r.signed),
});

export class KyselyResponseRepo implements ResponseRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(r: ResponseRecord): Promise<void> {
    await this.db
      .insertInto("responses")
      .values({ ...r, event: toJson(r.event), signed: toBool(r.signed) })
      .execute();
  }

  async byPartnerMessageId(partnerId: string, partnerMessageId: string): Promise<ResponseRecord | undefined> {
    const r = await this.db
      .selectFrom("responses")
      .selectAll()
      .where("partnerId", "=", partnerId)
      .where("partnerMessageId", "=", partnerMessageId)
      .executeTakeFirst();
    return r && toRecord(r);
  }

  async listByUcr(ucr: string): Promise<ResponseRecord[]> {
    const rows = await this.db
      .selectFrom("responses")
      .selectAll()
      .where("ucr", "=", ucr)
      .orderBy("receivedAt")
      .execute();
    return rows.map(toRecord);
  }

  async listByDocument(documentId: string): Promise<ResponseRecord[]> {
    const rows = await this.db
      .selectFrom("responses")
      .selectAll()
      .where("documentId", "=", documentId)
      .orderBy("receivedAt")
      .execute();
    return rows.map(toRecord);
  }
}
