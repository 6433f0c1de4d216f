import type { ColumnDataType, Kysely } from "kysely";

export type Dialect = "sqlite" | "postgres";

/** Column types that differ between the two databases; everything else is written once. */
export interface ColumnTypes {
  readonly blob: ColumnDataType;
  readonly serial: ColumnDataType;
}

export function columnTypes(dialect: Dialect): ColumnTypes {
  return dialect === "sqlite" ? { blob: "blob", serial: "integer" } : { blob: "bytea", serial: "bigserial" };
}

export interface SwgMigration {
  readonly name: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}
