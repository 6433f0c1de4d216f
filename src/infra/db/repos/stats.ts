import { sql, type Kysely } from "kysely";
import type { ComplaintRecord, Range, StatsRepo } from "../../../ports/register.js";
import type { DB } from "../schema.js";
import { complaintFromRow } from "./complaints.js";
import { withRegister, type RegisterDb } from "./register-schema.js";

/** The UTC day of an ISO time column: times are stored as ISO strings in both databases. */
const day = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 10)`;
const count = sql<number>`count(*)`;

export class KyselyStatsRepo implements StatsRepo {
  private readonly db: RegisterDb;
  constructor(db: Kysely<DB>) {
    this.db = withRegister(db);
  }

  async parties(to: string) {
    const rows = await this.db
      .selectFrom("parties")
      .select(["verification", "status", count.as("n")])
      .where("kind", "=", "enterprise")
      .where("createdAt", "<", to)
      .groupBy(["verification", "status"])
      .execute();
    let registered = 0;
    let verified = 0;
    let terminated = 0;
    for (const r of rows) {
      const n = Number(r.n);
      registered += n;
      if (r.verification === "verified") verified += n;
      if (r.status === "terminated") terminated += n;
    }
    return { registered, verified, terminated };
  }

  async activeParties(r: Range): Promise<number> {
    const row = await this.db
      .selectFrom("submissions")
      .select(sql<number>`count(distinct ${sql.ref("partyId")})`.as("n"))
      .where("receivedAt", ">=", r.from)
      .where("receivedAt", "<", r.to)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async submissionsByDay(r: Range) {
    const rows = await this.db
      .selectFrom("submissions")
      .select([day("receivedAt").as("day"), count.as("n")])
      .where("receivedAt", ">=", r.from)
      .where("receivedAt", "<", r.to)
      .groupBy(day("receivedAt"))
      .execute();
    return rows.map((x) => ({ day: x.day, n: Number(x.n) }));
  }

  async documentsByDayType(r: Range) {
    const rows = await this.db
      .selectFrom("documents")
      .select([day("createdAt").as("day"), "type", count.as("n")])
      .where("createdAt", ">=", r.from)
      .where("createdAt", "<", r.to)
      .groupBy([day("createdAt"), "type"])
      .execute();
    return rows.map((x) => ({ day: x.day, type: x.type, n: Number(x.n) }));
  }

  async deliveriesByDayPartner(r: Range) {
    const rows = await this.db
      .selectFrom("deliveries")
      .select([day("createdAt").as("day"), "partnerId", count.as("n")])
      .where("createdAt", ">=", r.from)
      .where("createdAt", "<", r.to)
      .groupBy([day("createdAt"), "partnerId"])
      .execute();
    return rows.map((x) => ({ day: x.day, partnerId: x.partnerId, n: Number(x.n) }));
  }

  async rejectionsByDay(r: Range) {
    const rows = await this.db
      .selectFrom("events")
      .select([day("at").as("day"), count.as("n")])
      .where("type", "=", "submission.rejected")
      .where("at", ">=", r.from)
      .where("at", "<", r.to)
      .groupBy(day("at"))
      .execute();
    return rows.map((x) => ({ day: x.day, n: Number(x.n) }));
  }

  async responseTimes(r: Range) {
    const rows = await this.db
      .selectFrom("deliveries")
      .select(["partnerId", "createdAt", "respondedAt"])
      .where("createdAt", ">=", r.from)
      .where("createdAt", "<", r.to)
      .where("respondedAt", "is not", null)
      .execute();
    return rows.map((x) => ({ partnerId: x.partnerId, createdAt: x.createdAt, respondedAt: x.respondedAt! }));
  }

  async routes(r: Range) {
    const rows = await this.db
      .selectFrom("deliveries")
      .select(["routingKey", "partnerId", count.as("n")])
      .where("createdAt", ">=", r.from)
      .where("createdAt", "<", r.to)
      .groupBy(["routingKey", "partnerId"])
      .execute();
    return rows.map((x) => ({ routingKey: x.routingKey, partnerId: x.partnerId, n: Number(x.n) }));
  }

  async complaints(r: Range): Promise<ComplaintRecord[]> {
    const rows = await this.db
      .selectFrom("complaints")
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb("receivedAt", ">=", r.from), eb("receivedAt", "<", r.to)]),
          eb.and([eb("decidedAt", ">=", r.from), eb("decidedAt", "<", r.to)]),
        ]),
      )
      .orderBy("id")
      .execute();
    return rows.map(complaintFromRow);
  }

  async termsDue(r: Range) {
    const registrations = await this.db
      .selectFrom("partyTerms as t")
      .select((eb) => [
        "t.validUntil",
        eb
          .selectFrom("partyTerms as s")
          .select((e2) => e2.fn.min("s.createdAt").as("m"))
          .whereRef("s.renews", "=", "t.id")
          .as("renewedAt"),
      ])
      .where("t.validUntil", ">=", r.from)
      .where("t.validUntil", "<", r.to)
      .execute();
    // A certificate is renewed by a later one the party bound that outlives it.
    const certificates = await this.db
      .selectFrom("partyCertificates as c")
      .select((eb) => [
        "c.notAfter",
        eb
          .selectFrom("partyCertificates as n")
          .select((e2) => e2.fn.min("n.addedAt").as("m"))
          .whereRef("n.partyId", "=", "c.partyId")
          .whereRef("n.addedAt", ">", "c.addedAt")
          .whereRef("n.notAfter", ">", "c.notAfter")
          .as("renewedAt"),
      ])
      .where("c.notAfter", ">=", r.from)
      .where("c.notAfter", "<", r.to)
      .execute();
    return [
      ...registrations.map((x) => ({
        kind: "registration" as const,
        validUntil: x.validUntil,
        renewedAt: x.renewedAt ?? null,
      })),
      ...certificates.map((x) => ({
        kind: "certificate" as const,
        validUntil: x.notAfter,
        renewedAt: x.renewedAt ?? null,
      })),
    ];
  }

  async backlog(states: readonly string[]) {
    if (states.length === 0) return [];
    const rows = await this.db
      .selectFrom("deliveries")
      .select(["partnerId", "state", count.as("n")])
      .where("state", "in", [...states])
      .groupBy(["partnerId", "state"])
      .execute();
    return rows.map((x) => ({ partnerId: x.partnerId, state: x.state, n: Number(x.n) }));
  }

  async submissionsOf(partyId: string, limit: number) {
    const rows = await this.db
      .selectFrom("submissions")
      .select(["id", "ucr", "receivedAt", "actingFor", "documentIds"])
      .where("partyId", "=", partyId)
      .orderBy("receivedAt", "desc")
      .limit(limit)
      .execute();
    return rows.map((x) => ({
      id: x.id,
      ucr: x.ucr,
      receivedAt: x.receivedAt,
      actingFor: x.actingFor,
      documents: (JSON.parse(x.documentIds) as unknown[]).length,
    }));
  }
}
