import type { Kysely, Selectable } from "kysely";
import type { AuditEventInput, AuditEventRecord, ChainHead } from "../../../ports/records.js";
import type { AuditRepo } from "../../../ports/store.js";
import { eventHash, GENESIS_HASH } from "../../../trace/chain.js";
import { FastSql } from "../fast.js";
import type { DB, EventsTable } from "../schema.js";
import { fromJson, toJson } from "./json.js";

const toRecord = (r: Selectable<EventsTable>): AuditEventRecord => ({
  id: Number(r.id),
  chain: r.chain,
  seq: r.seq,
  type: r.type,
  at: r.at,
  actor: fromJson(r.actor),
  subject: fromJson(r.subject),
  data: fromJson(r.data),
  prevHash: r.prevHash,
  hash: r.hash,
});

interface Head {
  seq: number;
  hash: string;
  dirty: boolean;
  exists: boolean;
}

/**
 * Chain heads touched by one transaction. The head row is locked on first use (PostgreSQL), so
 * two processes appending to one consignment's chain serialize on that chain alone, and it is
 * written back once at the end of the transaction rather than once per event.
 */
export class HeadCache {
  private readonly heads = new Map<string, Head>();

  async get(db: Kysely<DB>, dialect: "sqlite" | "postgres", chain: string): Promise<Head> {
    const cached = this.heads.get(chain);
    if (cached) return cached;
    const fast = new FastSql(db, dialect);
    const select = async () =>
      (await fast.select("chainHeads", ["seq", "hash"], { chain }, { forUpdate: true }))[0] as
        { seq: number; hash: string } | undefined;
    let row = await select();
    if (!row && dialect === "postgres") {
      // Another process may be creating the same chain: the insert waits for it, then we lock its row.
      await db
        .insertInto("chainHeads")
        .values({ chain, seq: 0, hash: GENESIS_HASH, updatedAt: new Date(0).toISOString() })
        .onConflict((oc) => oc.column("chain").doNothing())
        .execute();
      row = await select();
    }
    const head: Head = row
      ? { seq: row.seq, hash: row.hash, dirty: false, exists: true }
      : { seq: 0, hash: GENESIS_HASH, dirty: false, exists: false };
    this.heads.set(chain, head);
    return head;
  }

  async flush(db: Kysely<DB>, dialect: "sqlite" | "postgres", at: string): Promise<void> {
    const fast = new FastSql(db, dialect);
    for (const [chain, h] of this.heads) {
      if (!h.dirty) continue;
      if (h.exists) {
        await fast.update("chainHeads", { seq: h.seq, hash: h.hash, updatedAt: at }, { chain });
      } else {
        await fast.insert("chainHeads", { chain, seq: h.seq, hash: h.hash, updatedAt: at });
        h.exists = true;
      }
      h.dirty = false;
    }
  }
}

export class KyselyAuditRepo implements AuditRepo {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: "sqlite" | "postgres",
    /** Absent for the read-only view: appends need a transaction. */
    private readonly headCache?: HeadCache,
  ) {}

  async append(e: AuditEventInput): Promise<AuditEventRecord> {
    if (!this.headCache) throw new Error("audit events can only be appended inside a transaction");
    const head = await this.headCache.get(this.db, this.dialect, e.chain);
    const seq = head.seq + 1;
    const hash = eventHash(head.hash, { ...e, seq });
    const row = {
      chain: e.chain,
      seq,
      type: e.type,
      at: e.at,
      actor: toJson(e.actor),
      subject: toJson(e.subject),
      data: toJson(e.data),
      prevHash: head.hash,
      hash,
      documentId: e.subject.documentId ?? null,
      partyId: e.subject.partyId ?? e.actor.partyId ?? null,
    };
    const inserted = await new FastSql(this.db, this.dialect).insert("events", row, { returning: "id" });
    const rec: AuditEventRecord = { ...e, id: Number(inserted?.["id"]), seq, prevHash: head.hash, hash };
    head.seq = seq;
    head.hash = hash;
    head.dirty = true;
    return rec;
  }

  async chain(chain: string, opts: { fromSeq?: number; limit?: number } = {}): Promise<AuditEventRecord[]> {
    let q = this.db.selectFrom("events").selectAll().where("chain", "=", chain).orderBy("id");
    if (opts.fromSeq !== undefined) q = q.where("seq", ">=", opts.fromSeq);
    if (opts.limit !== undefined) q = q.limit(opts.limit);
    return (await q.execute()).map(toRecord);
  }

  async head(chain: string): Promise<ChainHead | undefined> {
    const r = await this.db
      .selectFrom("chainHeads")
      .select(["chain", "seq", "hash"])
      .where("chain", "=", chain)
      .executeTakeFirst();
    return r && r.seq > 0 ? r : undefined;
  }

  async heads(opts: { after?: string; limit?: number } = {}): Promise<ChainHead[]> {
    let q = this.db
      .selectFrom("chainHeads")
      .select(["chain", "seq", "hash"])
      .where("seq", ">", 0)
      .orderBy("chain");
    if (opts.after !== undefined) q = q.where("chain", ">", opts.after);
    if (opts.limit !== undefined) q = q.limit(opts.limit);
    return q.execute();
  }

  async headsChangedSince(checkpointId: number): Promise<ChainHead[]> {
    // A head needs attesting when no leaf of checkpoint `checkpointId` or earlier already covers its seq.
    return this.db
      .selectFrom("chainHeads as h")
      .select(["h.chain", "h.seq", "h.hash"])
      .where("h.seq", ">", 0)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("checkpointLeaves as l")
              .select("l.chain")
              .whereRef("l.chain", "=", "h.chain")
              .whereRef("l.seq", "=", "h.seq")
              .where("l.checkpointId", "<=", checkpointId),
          ),
        ),
      )
      .orderBy("h.chain")
      .execute();
  }

  async byDocument(documentId: string): Promise<AuditEventRecord[]> {
    const rows = await this.db
      .selectFrom("events")
      .selectAll()
      .where("documentId", "=", documentId)
      .orderBy("id")
      .execute();
    return rows.map(toRecord);
  }

  async chainNames(opts: {
    after?: string;
    limit: number;
    fromAt?: string;
    toAt?: string;
  }): Promise<string[]> {
    let q = this.db.selectFrom("events").select("chain").distinct().orderBy("chain").limit(opts.limit);
    if (opts.after !== undefined) q = q.where("chain", ">", opts.after);
    if (opts.fromAt !== undefined) q = q.where("at", ">=", opts.fromAt);
    if (opts.toAt !== undefined) q = q.where("at", "<=", opts.toAt);
    return (await q.execute()).map((r) => r.chain);
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom("events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
