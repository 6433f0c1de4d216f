import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import type { DB } from "./schema.js";

// int8 (bigserial ids, count(*)) arrives as text by default; our ids stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/**
 * better-sqlite3 behind Kysely prepares every query anew; preparing is a large share of a small
 * statement's cost, so keep prepared statements by SQL text (bounded: IN-lists vary the text).
 */
function withStatementCache(db: Database.Database, max = 512): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "prepare") {
        const v = Reflect.get(target, prop, receiver) as unknown;
        // Native methods need the real database as `this`, not the proxy.
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      }
      return (sql: string) => {
        let stmt = cache.get(sql);
        if (!stmt) {
          if (cache.size >= max) cache.clear();
          stmt = prepare(sql);
          cache.set(sql, stmt);
        }
        return stmt;
      };
    },
  });
}

export type DbTarget =
  | { readonly dialect: "sqlite"; readonly file: string }
  | {
      readonly dialect: "postgres";
      readonly url: string;
      readonly schema: string;
      readonly poolSize: number;
    };

export interface Connected {
  readonly db: Kysely<DB>;
  readonly dialect: "sqlite" | "postgres";
}

export async function connect(target: DbTarget): Promise<Connected> {
  if (target.dialect === "sqlite") {
    if (target.file !== ":memory:") mkdirSync(dirname(target.file), { recursive: true });
    const database = new Database(target.file);
    // WAL with synchronous=FULL: a commit is on disk before we answer 202 (DESIGN §2).
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = FULL");
    database.pragma("foreign_keys = ON");
    database.pragma("busy_timeout = 5000");
    const db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: withStatementCache(database) }),
      plugins: [new CamelCasePlugin()],
    });
    return { db, dialect: "sqlite" };
  }
  // Create the schema before the pool pins search_path to it.
  const admin = new pg.Client({ connectionString: target.url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
  } finally {
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize,
    options: `-c search_path="${target.schema}"`,
  });
  // A PostgreSQL restart cuts every connection. The error must not crash the process (an unhandled
  // 'error' event on an idle or checked-out client): the query on that client fails, and the pool
  // drops it when it is released.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  await sql`select 1`.execute(db);
  return { db, dialect: "postgres" };
}
