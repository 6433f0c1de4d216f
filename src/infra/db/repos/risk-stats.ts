import type { Kysely } from "kysely";
import type { RiskStatsRepo, StatBin, StatSeries } from "../../../ports/register.js";
import type { DB } from "../schema.js";
import { withRegister, type RegisterDb } from "./register-schema.js";

export class KyselyRiskStatsRepo implements RiskStatsRepo {
  private readonly db: RegisterDb;
  constructor(db: Kysely<DB>) {
    this.db = withRegister(db);
  }

  async add(bins: readonly StatBin[]): Promise<void> {
    if (bins.length === 0) return;
    // PostgreSQL refuses to update one row twice in a statement: merge equal bins first.
    const merged = new Map<string, StatBin>();
    for (const b of bins) {
      const k = keyOf(b);
      const prev = merged.get(k);
      merged.set(k, prev ? { ...prev, n: prev.n + b.n } : { ...b });
    }
    // One order for every writer, so two transactions touching the same bins cannot deadlock.
    const sorted = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, b]) => b);
    await this.db
      .insertInto("riskStats")
      .values(sorted)
      .onConflict((oc) =>
        oc
          .columns(["metric", "heading", "unit", "currency", "bin"])
          .doUpdateSet((eb) => ({ n: eb(eb.ref("riskStats.n"), "+", eb.ref("excluded.n")) })),
      )
      .execute();
  }

  async bins(s: StatSeries): Promise<StatBin[]> {
    return this.db
      .selectFrom("riskStats")
      .selectAll()
      .where("metric", "=", s.metric)
      .where("heading", "=", s.heading)
      .where("unit", "=", s.unit)
      .where("currency", "=", s.currency)
      .orderBy("bin")
      .execute();
  }
}

function keyOf(b: StatBin): string {
  return `${b.metric}\u0000${b.heading}\u0000${b.unit}\u0000${b.currency}\u0000${b.bin}`;
}
