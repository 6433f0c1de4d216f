import type { Kysely } from "kysely";
import type { CheckpointLeaf, CheckpointRecord } from "../../../ports/records.js";
import type { CheckpointRepo } from "../../../ports/store.js";
import type { DB } from "../schema.js";

const LEAF_COLUMNS = ["checkpointId", "leafIndex", "chain", "seq", "hash"] as const;
type LeafRow = { checkpointId: number; leafIndex: number; chain: string; seq: number; hash: string };
const toLeaf = (r: LeafRow): CheckpointLeaf => ({
  checkpointId: Number(r.checkpointId),
  index: r.leafIndex,
  chain: r.chain,
  seq: r.seq,
  hash: r.hash,
});
const toRecord = (r: CheckpointRecord): CheckpointRecord => ({ ...r, id: Number(r.id) });

export class KyselyCheckpointRepo implements CheckpointRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(
    c: Omit<CheckpointRecord, "id">,
    leaves: readonly Omit<CheckpointLeaf, "checkpointId">[],
  ): Promise<CheckpointRecord> {
    const { id } = await this.db
      .insertInto("checkpoints")
      .values(c)
      .returning("id")
      .executeTakeFirstOrThrow();
    const checkpointId = Number(id);
    // Chunked: one statement per 500 leaves keeps well under both databases' parameter limits.
    for (let i = 0; i < leaves.length; i += 500) {
      await this.db
        .insertInto("checkpointLeaves")
        .values(
          leaves
            .slice(i, i + 500)
            .map((l) => ({ checkpointId, leafIndex: l.index, chain: l.chain, seq: l.seq, hash: l.hash })),
        )
        .execute();
    }
    return { ...c, id: checkpointId };
  }

  async latest(): Promise<CheckpointRecord | undefined> {
    const r = await this.db
      .selectFrom("checkpoints")
      .selectAll()
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    return r && toRecord(r);
  }

  async get(id: number): Promise<CheckpointRecord | undefined> {
    const r = await this.db.selectFrom("checkpoints").selectAll().where("id", "=", id).executeTakeFirst();
    return r && toRecord(r);
  }

  async list(opts: { fromAt?: string; toAt?: string } = {}): Promise<CheckpointRecord[]> {
    let q = this.db.selectFrom("checkpoints").selectAll().orderBy("id");
    if (opts.fromAt) q = q.where("at", ">=", opts.fromAt);
    if (opts.toAt) q = q.where("at", "<=", opts.toAt);
    return (await q.execute()).map(toRecord);
  }

  async leaves(checkpointId: number): Promise<CheckpointLeaf[]> {
    const rows = await this.db
      .selectFrom("checkpointLeaves")
      .select(LEAF_COLUMNS)
      .where("checkpointId", "=", checkpointId)
      .orderBy("leafIndex")
      .execute();
    return rows.map(toLeaf);
  }

  async lastLeafFor(chain: string): Promise<CheckpointLeaf | undefined> {
    const r = await this.db
      .selectFrom("checkpointLeaves")
      .select(LEAF_COLUMNS)
      .where("chain", "=", chain)
      .orderBy("checkpointId", "desc")
      .limit(1)
      .executeTakeFirst();
    return r && toLeaf(r);
  }
}
