import { sql, type Kysely } from "kysely";
import type { Dialect, SwgMigration } from "./types.js";

/**
 * The references an amendment may name a declaration by, besides its number: the trader's LRN (in
 * the canonical form) and the MRN customs gave (in the canonical form or in customs' answer). Before
 * this table, finding them meant a LIKE over the issuer's canonical documents and their answers;
 * now it is one index probe. Existing documents and answers are read once, in pages, to fill it.
 */
async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("document_keys")
    .addColumn("issuer_party_id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("lineage_id", "text", (c) => c.notNull())
    .addColumn("document_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("document_keys_pk", ["issuer_party_id", "type", "key", "value", "document_id"])
    .execute();
  // Column names as the database spells them, whatever plugins the caller's instance carries.
  const raw = db.withoutPlugins();
  await backfillFromDocuments(raw);
  await backfillFromAnswers(raw);
}

interface KeyRow {
  readonly issuer_party_id: string;
  readonly type: string;
  readonly key: string;
  readonly value: string;
  readonly lineage_id: string;
  readonly document_id: string;
  readonly created_at: string;
}

const PAGE = 500;

function field(json: string, path: readonly string[]): string | undefined {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return undefined;
  }
  for (const k of path)
    v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined;
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

async function insert(db: Kysely<unknown>, rows: readonly KeyRow[]): Promise<void> {
  if (rows.length === 0) return;
  await (db as Kysely<{ document_keys: KeyRow }>)
    .insertInto("document_keys")
    .values([...rows])
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Reads `page(after)` until a short page, inserting the keys each row yields. */
async function backfill<R extends { readonly id: string }>(
  db: Kysely<unknown>,
  page: (after: string) => Promise<readonly R[]>,
  keysOf: (row: R) => KeyRow[],
): Promise<void> {
  for (let after = ""; ;) {
    const rows = await page(after);
    await insert(db, rows.flatMap(keysOf));
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

function backfillFromDocuments(db: Kysely<unknown>): Promise<void> {
  interface Doc {
    id: string;
    issuer_party_id: string;
    type: string;
    lineage_id: string;
    canonical: string;
    created_at: string;
  }
  return backfill<Doc>(
    db,
    async (after) =>
      (
        await sql<Doc>`
          select id, issuer_party_id, type, lineage_id, canonical, created_at from documents
          where id > ${after} and (canonical like '%"lrn":%' or canonical like '%"mrn":%')
          order by id limit ${PAGE}`.execute(db)
      ).rows,
    (d) =>
      ["lrn", "mrn"].flatMap((key) => {
        const value = field(d.canonical, [key]);
        return value ? [{ ...pick(d), key, value, document_id: d.id, created_at: d.created_at }] : [];
      }),
  );
}

function backfillFromAnswers(db: Kysely<unknown>): Promise<void> {
  interface Answer {
    id: string;
    event: string;
    received_at: string;
    document_id: string;
    issuer_party_id: string;
    type: string;
    lineage_id: string;
  }
  return backfill<Answer>(
    db,
    async (after) =>
      (
        await sql<Answer>`
          select r.id, r.event, r.received_at, d.id as document_id, d.issuer_party_id, d.type, d.lineage_id
          from responses r join documents d on d.id = r.document_id
          where r.id > ${after} and r.event like '%"mrn":%'
          order by r.id limit ${PAGE}`.execute(db)
      ).rows,
    (a) => {
      const value = field(a.event, ["references", "mrn"]);
      return value
        ? [{ ...pick(a), key: "mrn", value, document_id: a.document_id, created_at: a.received_at }]
        : [];
    },
  );
}

/** The document's columns every key repeats. */
function pick(r: { issuer_party_id: string; type: string; lineage_id: string }) {
  return { issuer_party_id: r.issuer_party_id, type: r.type, lineage_id: r.lineage_id };
}

export const documentKeys: SwgMigration = { name: "0401_document_keys", up };
