import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from "kysely";
import { MIGRATIONS } from "./migrations/index.js";
import type { Dialect } from "./migrations/types.js";
import type { DB } from "./schema.js";

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(
      Object.fromEntries(
        MIGRATIONS.map((m) => [m.name, { up: (db: Kysely<unknown>) => m.up(db, this.dialect) }]),
      ),
    );
  }
}

export async function migrator(db: Kysely<DB>, dialect: Dialect): Promise<Migrator> {
  // Without a schema, Kysely takes a migration table in ANY schema of the database for ours, so a
  // fresh schema could not migrate while another one (a concurrent test run) holds its tables.
  const schema =
    dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  return new Migrator({
    db,
    provider: new StaticProvider(dialect),
    migrationTableName: "swg_migrations",
    migrationLockTableName: "swg_migrations_lock",
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

export async function migrateToLatest(db: Kysely<DB>, dialect: Dialect): Promise<void> {
  const { error, results } = await (await migrator(db, dialect)).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(
      `migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
}

export async function pendingMigrations(db: Kysely<DB>, dialect: Dialect): Promise<string[]> {
  const all = await (await migrator(db, dialect)).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
