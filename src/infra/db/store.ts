import type { Kysely } from "kysely";
import type { Store, Tx } from "../../ports/store.js";
import { connect, type DbTarget } from "./connect.js";
import { GroupCommitter, type BatchOutcome, type BatchRunner } from "./group-commit.js";
import { migrateToLatest, pendingMigrations } from "./migrate.js";
import { HeadCache } from "./repos/audit.js";
import type { DB } from "./schema.js";
import { bindTx } from "./tx.js";

const NOT_RUN = Symbol("not-run");

/** Deadlocks, serialization failures and a busy SQLite file are worth one more try. */
export function isTransientDbError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "40P01" || code === "40001" || code === "SQLITE_BUSY" || code === "55P03";
}

class KyselyBatchRunner implements BatchRunner<Tx> {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: "sqlite" | "postgres",
  ) {}

  async run(fns: readonly ((tx: Tx) => Promise<unknown>)[]): Promise<BatchOutcome> {
    const results: unknown[] = [];
    // Set inside the transaction callback; declared wide so the compiler does not narrow it away.
    const state: { failure: { index: number; error: unknown } | typeof NOT_RUN } = { failure: NOT_RUN };
    try {
      await this.db.transaction().execute(async (trx) => {
        const heads = new HeadCache();
        const tx = bindTx(trx, this.dialect, heads);
        for (let i = 0; i < fns.length; i++) {
          try {
            results.push(await fns[i]!(tx));
          } catch (error) {
            state.failure = { index: i, error };
            throw error;
          }
        }
        await heads.flush(trx, this.dialect, new Date().toISOString());
      });
    } catch (e) {
      const f = state.failure;
      if (f !== NOT_RUN) return { ok: false, failedIndex: f.index, error: f.error };
      throw e;
    }
    return { ok: true, results };
  }
}

export class KyselyStore implements Store {
  readonly read: Tx;
  private readonly committer: GroupCommitter<Tx>;

  private constructor(
    readonly db: Kysely<DB>,
    readonly dialect: "sqlite" | "postgres",
    groupCommitMax: number,
  ) {
    this.read = bindTx(db, dialect);
    this.committer = new GroupCommitter(
      new KyselyBatchRunner(db, dialect),
      groupCommitMax,
      isTransientDbError,
    );
  }

  static async open(target: DbTarget, opts: { groupCommitMax: number }): Promise<KyselyStore> {
    const { db, dialect } = await connect(target);
    return new KyselyStore(db, dialect, opts.groupCommitMax);
  }

  migrate(): Promise<void> {
    return migrateToLatest(this.db, this.dialect);
  }

  pendingMigrations(): Promise<string[]> {
    return pendingMigrations(this.db, this.dialect);
  }

  async ping(): Promise<void> {
    await this.db.selectFrom("chainHeads").select("chain").limit(1).execute();
  }

  unit<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.committer.submit(fn);
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          const heads = new HeadCache();
          const out = await fn(bindTx(trx, this.dialect, heads));
          await heads.flush(trx, this.dialect, new Date().toISOString());
          return out;
        });
      } catch (e) {
        if (!isTransientDbError(e) || attempt >= 5) throw e;
        await new Promise((r) => setTimeout(r, 5 * 2 ** attempt));
      }
    }
  }

  async close(): Promise<void> {
    await this.committer.flushed();
    await this.db.destroy();
  }
}
