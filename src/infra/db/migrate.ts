import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
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

export function migrator(db: Kysely<DB>, dialect: Dialect): Migrator {
  return new Migrator({
    db,
    provider: new StaticProvider(dialect),
    migrationTableName: "swg_migrations",
    migrationLockTableName: "swg_migrations_lock",
  });
}

export async function migrateToLatest(db: Kysely<DB>, dialect: Dialect): Promise<void> {
  const { error, results } = await migrator(db, dialect).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(
      `migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
}

export async function pendingMigrations(db: Kysely<DB>, dialect: Dialect): Promise<string[]> {
  const all = await migrator(db, dialect).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
