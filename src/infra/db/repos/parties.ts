import type { Kysely, Selectable } from "kysely";
import type { PartyRecord } from "../../../ports/records.js";
import type { PartyRepo } from "../../../ports/store.js";
import type { DB, PartiesTable } from "../schema.js";
import { fromJson, toJson } from "./json.js";

const toRecord = (r: Selectable<PartiesTable>): PartyRecord => ({
  id: r.id,
  name: r.name,
  kind: r.kind as PartyRecord["kind"],
  partnerKind: r.partnerKind as PartyRecord["partnerKind"],
  identifiers: fromJson(r.identifiers),
  country: r.country,
  verification: r.verification as PartyRecord["verification"],
  status: r.status as PartyRecord["status"],
  profile: fromJson(r.profile),
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export class KyselyPartyRepo implements PartyRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(p: PartyRecord): Promise<void> {
    await this.db
      .insertInto("parties")
      .values({ ...p, identifiers: toJson(p.identifiers), profile: toJson(p.profile) })
      .execute();
    if (p.identifiers.length > 0) {
      await this.db
        .insertInto("partyIdentifiers")
        .values(p.identifiers.map((i) => ({ scheme: i.scheme, value: i.value, partyId: p.id })))
        .execute();
    }
  }

  async update(id: string, patch: Partial<Omit<PartyRecord, "id" | "createdAt">>): Promise<void> {
    const { identifiers, profile, ...rest } = patch;
    await this.db
      .updateTable("parties")
      .set({
        ...rest,
        ...(identifiers ? { identifiers: toJson(identifiers) } : {}),
        ...(profile ? { profile: toJson(profile) } : {}),
      })
      .where("id", "=", id)
      .execute();
    if (identifiers) {
      await this.db.deleteFrom("partyIdentifiers").where("partyId", "=", id).execute();
      if (identifiers.length > 0) {
        await this.db
          .insertInto("partyIdentifiers")
          .values(identifiers.map((i) => ({ scheme: i.scheme, value: i.value, partyId: id })))
          .execute();
      }
    }
  }

  async get(id: string): Promise<PartyRecord | undefined> {
    const r = await this.db.selectFrom("parties").selectAll().where("id", "=", id).executeTakeFirst();
    return r && toRecord(r);
  }

  async byIdentifier(scheme: string, value: string): Promise<PartyRecord | undefined> {
    const r = await this.db
      .selectFrom("partyIdentifiers as i")
      .innerJoin("parties as p", "p.id", "i.partyId")
      .selectAll("p")
      .where("i.scheme", "=", scheme)
      .where("i.value", "=", value)
      .executeTakeFirst();
    return r && toRecord(r);
  }

  async list(
    opts: { kind?: PartyRecord["kind"]; limit?: number; after?: string } = {},
  ): Promise<PartyRecord[]> {
    let q = this.db
      .selectFrom("parties")
      .selectAll()
      .orderBy("id")
      .limit(opts.limit ?? 100);
    if (opts.kind) q = q.where("kind", "=", opts.kind);
    if (opts.after) q = q.where("id", ">", opts.after);
    return (await q.execute()).map(toRecord);
  }
}
