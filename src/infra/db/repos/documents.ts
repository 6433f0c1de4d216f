import type { Kysely, Selectable } from "kysely";
import type { DocumentKey, DocumentRecord } from "../../../ports/records.js";
import type { DocumentRepo, DocumentSummary } from "../../../ports/store.js";
import { FastSql } from "../fast.js";
import type { DB, DocumentsTable } from "../schema.js";
import { fromBool, fromJson, toBool, toBuffer, toJson } from "./json.js";

const SUMMARY_COLUMNS = [
  "id",
  "submissionId",
  "ucr",
  "lineageId",
  "type",
  "number",
  "version",
  "functionCode",
  "supersedes",
  "issuerPartyId",
  "originalFormat",
  "originalMediaType",
  "originalDigest",
  "canonicalDigest",
  "status",
  "isCurrent",
  "createdAt",
] as const;

type SummaryRow = Pick<Selectable<DocumentsTable>, (typeof SUMMARY_COLUMNS)[number]>;

const toSummary = (r: SummaryRow): DocumentSummary => ({
  ...r,
  functionCode: r.functionCode as DocumentRecord["functionCode"],
  status: r.status as DocumentRecord["status"],
  isCurrent: fromBool(r.isCurrent),
});

const toRecord = (r: Selectable<DocumentsTable>): DocumentRecord => ({
  ...toSummary(r),
  originalBytes: toBuffer(r.originalBytes),
  canonical: r.canonical,
  seal: r.seal,
  findings: fromJson(r.findings),
  mapping: fromJson(r.mapping),
});

export class KyselyDocumentRepo implements DocumentRepo {
  private readonly fast: FastSql;

  constructor(
    private readonly db: Kysely<DB>,
    dialect: "sqlite" | "postgres",
  ) {
    this.fast = new FastSql(db, dialect);
  }

  async insert(d: DocumentRecord): Promise<void> {
    await this.fast.insert("documents", {
      ...d,
      isCurrent: toBool(d.isCurrent),
      findings: toJson(d.findings),
      mapping: toJson(d.mapping),
    });
  }

  async get(id: string): Promise<DocumentRecord | undefined> {
    const r = await this.db.selectFrom("documents").selectAll().where("id", "=", id).executeTakeFirst();
    return r && toRecord(r);
  }

  async canonical(id: string): Promise<string | undefined> {
    const [row] = await this.fast.select("documents", ["canonical"], { id });
    return row?.["canonical"] as string | undefined;
  }

  async listBySubmission(submissionId: string): Promise<DocumentSummary[]> {
    const rows = await this.db
      .selectFrom("documents")
      .select(SUMMARY_COLUMNS)
      .where("submissionId", "=", submissionId)
      .orderBy("id")
      .execute();
    return rows.map(toSummary);
  }

  async listByUcr(ucr: string): Promise<DocumentSummary[]> {
    const rows = await this.db
      .selectFrom("documents")
      .select(SUMMARY_COLUMNS)
      .where("ucr", "=", ucr)
      .orderBy("id")
      .execute();
    return rows.map(toSummary);
  }

  async listCurrentByNumber(issuerPartyId: string, type: string, number: string): Promise<DocumentSummary[]> {
    const rows = await this.db
      .selectFrom("documents")
      .select(SUMMARY_COLUMNS)
      .where("issuerPartyId", "=", issuerPartyId)
      .where("type", "=", type)
      .where("number", "=", number)
      .where("isCurrent", "=", 1)
      .orderBy("id")
      .execute();
    return rows.map(toSummary);
  }

  async addKeys(keys: readonly DocumentKey[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db
      .insertInto("documentKeys")
      .values([...keys])
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async findCurrent(
    issuerPartyId: string,
    type: string,
    key: "number" | "lrn" | "mrn",
    value: string,
  ): Promise<DocumentSummary | undefined> {
    const base = this.db
      .selectFrom("documents")
      .select(SUMMARY_COLUMNS)
      .where("issuerPartyId", "=", issuerPartyId)
      .where("type", "=", type)
      .where("isCurrent", "=", 1);
    const r =
      key === "number"
        ? await base.where("number", "=", value).orderBy("id", "desc").executeTakeFirst()
        : await base
            .where(
              "lineageId",
              "in",
              this.db
                .selectFrom("documentKeys")
                .select("lineageId")
                .where("issuerPartyId", "=", issuerPartyId)
                .where("type", "=", type)
                .where("key", "=", key)
                .where("value", "=", value),
            )
            .orderBy("id", "desc")
            .executeTakeFirst();
    return r && toSummary(r);
  }

  async markSuperseded(id: string, status: "superseded" | "cancelled"): Promise<void> {
    await this.db.updateTable("documents").set({ status, isCurrent: 0 }).where("id", "=", id).execute();
  }
}
