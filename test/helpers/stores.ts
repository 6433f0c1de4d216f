import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { KyselyStore } from "../../src/infra/db/store.js";

export const PG_URL = process.env["SWG_TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestStore {
  readonly name: "sqlite" | "postgres";
  readonly store: KyselyStore;
  cleanup(): Promise<void>;
}

/** A fresh, migrated SQLite file in a temp dir. */
export async function sqliteStore(groupCommitMax = 64): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), "swg-test-"));
  const store = await KyselyStore.open({ dialect: "sqlite", file: join(dir, "swg.db") }, { groupCommitMax });
  await store.migrate();
  return {
    name: "sqlite",
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function freshSchemaName(): string {
  return `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await c.end();
  }
}

/** A fresh schema in the real PostgreSQL (database `test`), dropped afterwards. */
export async function postgresStore(groupCommitMax = 64): Promise<TestStore> {
  const schema = freshSchemaName();
  const store = await KyselyStore.open(
    { dialect: "postgres", url: PG_URL, schema, poolSize: 4 },
    { groupCommitMax },
  );
  await store.migrate();
  return {
    name: "postgres",
    store,
    cleanup: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
}

export const STORE_FACTORIES = [
  ["sqlite", sqliteStore],
  ["postgres", postgresStore],
] as const;
