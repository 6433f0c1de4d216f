import { CompiledQuery, type Kysely } from "kysely";
import type { DB } from "./schema.js";

type Dialect = "sqlite" | "postgres";

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The hot path's writes as SQL built once per shape and reused: Kysely's builder costs about
 * 30 µs a statement (building, freezing and compiling an operation tree), several times the
 * statement itself, and a submission makes about twenty. Same SQL on both databases but for
 * the placeholders. Only for fixed-shape inserts and updates of rows the caller already holds.
 */
/** SQL text by dialect and shape: shared by every transaction's FastSql. */
const TEXT = new Map<string, string>();

export class FastSql {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  private ph(i: number): string {
    return this.dialect === "postgres" ? `$${i}` : "?";
  }

  private sqlFor(key: string, build: () => string): string {
    const k = `${this.dialect}|${key}`;
    let s = TEXT.get(k);
    if (!s) {
      s = build();
      TEXT.set(k, s);
    }
    return s;
  }

  /** INSERT of one row (camelCase keys). `conflict` names the columns of a unique key to ignore a duplicate on. */
  async insert(
    table: keyof DB,
    row: Readonly<Record<string, unknown>>,
    opts: { conflict?: readonly string[]; returning?: string } = {},
  ): Promise<Record<string, unknown> | undefined> {
    const cols = Object.keys(row).filter((c) => row[c] !== undefined);
    const key = `i:${table}:${cols.join(",")}:${opts.conflict?.join(",") ?? ""}:${opts.returning ?? ""}`;
    const sql = this.sqlFor(key, () => {
      const names = cols.map(snake).join(", ");
      const values = cols.map((_, i) => this.ph(i + 1)).join(", ");
      const conflict = opts.conflict
        ? ` on conflict (${opts.conflict.map(snake).join(", ")}) do nothing`
        : "";
      const returning = opts.returning ? ` returning ${snake(opts.returning)}` : "";
      return `insert into ${snake(table)} (${names}) values (${values})${conflict}${returning}`;
    });
    const r = await this.db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(
        sql,
        cols.map((c) => row[c]),
      ),
    );
    return r.rows[0];
  }

  /** SELECT <columns> FROM table WHERE <where> (equalities), rows camelCased like Kysely's. */
  async select(
    table: keyof DB,
    columns: readonly string[] | "*",
    where: Readonly<Record<string, unknown>>,
    opts: { forUpdate?: boolean; limit?: number } = {},
  ): Promise<Record<string, unknown>[]> {
    const wheres = Object.keys(where);
    const cols = columns === "*" ? "*" : columns.map(snake).join(", ");
    const key = `s:${table}:${cols}:${wheres.join(",")}:${opts.forUpdate ? "u" : ""}:${opts.limit ?? ""}`;
    const sql = this.sqlFor(key, () => {
      const conds = wheres.map((c, i) => `${snake(c)} = ${this.ph(i + 1)}`).join(" and ");
      const limit = opts.limit !== undefined ? ` limit ${opts.limit}` : "";
      const lock = opts.forUpdate && this.dialect === "postgres" ? " for update" : "";
      return `select ${cols} from ${snake(table)} where ${conds}${limit}${lock}`;
    });
    const r = await this.db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(
        sql,
        wheres.map((c) => where[c]),
      ),
    );
    return r.rows;
  }

  /**
   * UPDATE table SET <patch> WHERE <where> [AND <inColumn> IN (...)]; returns the number of rows
   * changed (compare-and-set when the IN list is the expected current state).
   */
  async update(
    table: keyof DB,
    patch: Readonly<Record<string, unknown>>,
    where: Readonly<Record<string, unknown>>,
    inList?: { column: string; values: readonly unknown[] },
  ): Promise<number> {
    const sets = Object.keys(patch).filter((c) => patch[c] !== undefined);
    const wheres = Object.keys(where);
    const n = inList?.values.length ?? 0;
    const key = `u:${table}:${sets.join(",")}:${wheres.join(",")}:${inList?.column ?? ""}:${n}`;
    const sql = this.sqlFor(key, () => {
      let i = 0;
      const set = sets.map((c) => `${snake(c)} = ${this.ph(++i)}`).join(", ");
      const conds = wheres.map((c) => `${snake(c)} = ${this.ph(++i)}`);
      if (inList)
        conds.push(`${snake(inList.column)} in (${inList.values.map(() => this.ph(++i)).join(", ")})`);
      return `update ${snake(table)} set ${set} where ${conds.join(" and ")}`;
    });
    const params = [...sets.map((c) => patch[c]), ...wheres.map((c) => where[c]), ...(inList?.values ?? [])];
    const r = await this.db.executeQuery(CompiledQuery.raw(sql, params));
    return Number(r.numAffectedRows ?? 0n);
  }
}
