import type { ExpressionBuilder, Kysely, Selectable } from "kysely";
import { DELIVERY_STATES, type DeliveryRecord, type DeliveryState } from "../../../ports/records.js";
import type { DocumentSummary, DocumentTombstone, TraceQuery, TraceRepo } from "../../../ports/store.js";
import type { DB, DeliveriesTable, DocumentsTable } from "../schema.js";
import { fromBool, fromJson } from "./json.js";

// Type aliases, not interfaces: Kysely's withTables wants an index-signature-compatible shape.
export type DocumentTombstonesTable = {
  documentId: string;
  ucr: string;
  purgedAt: string;
  originalDigest: string;
  canonicalDigest: string;
  statement: string;
  signature: string;
};

/**
 * This repository's own table, added to the shared schema without editing it, and the columns it
 * reads of the register's risk warnings (migration 0100_register).
 */
export type TraceTables = {
  documentTombstones: DocumentTombstonesTable;
  riskWarnings: { id: string; documentId: string | null };
};
type TraceDB = DB & TraceTables;

const DOCUMENT_STATUSES: readonly string[] = ["accepted", "held", "superseded", "cancelled"];
/** Deliveries that still need the canonical document (the adapter host renders from it). */
const UNSETTLED: readonly DeliveryState[] = ["pending", "published", "retrying", "held"];

const SUMMARY = [
  "d.id",
  "d.submissionId",
  "d.ucr",
  "d.lineageId",
  "d.type",
  "d.number",
  "d.version",
  "d.functionCode",
  "d.supersedes",
  "d.issuerPartyId",
  "d.originalFormat",
  "d.originalMediaType",
  "d.originalDigest",
  "d.canonicalDigest",
  "d.status",
  "d.isCurrent",
  "d.createdAt",
] as const;

type SummaryRow = Pick<Selectable<DocumentsTable>, "isCurrent" | "functionCode" | "status"> &
  Omit<DocumentSummary, "isCurrent" | "functionCode" | "status">;

const toSummary = (r: SummaryRow): DocumentSummary => ({
  ...r,
  functionCode: r.functionCode as DocumentSummary["functionCode"],
  status: r.status as DocumentSummary["status"],
  isCurrent: fromBool(r.isCurrent),
});

const toDelivery = (r: Selectable<DeliveriesTable>): DeliveryRecord => {
  const { leaseOwner: _o, leaseUntil: _u, ...rest } = r;
  return { ...rest, state: r.state as DeliveryState, receipt: fromJson(r.receipt) };
};

type DocEb = ExpressionBuilder<TraceDB & { d: DocumentsTable }, "d">;

export class KyselyTraceRepo implements TraceRepo {
  private readonly db: Kysely<TraceDB>;

  constructor(db: Kysely<DB>) {
    this.db = db.withTables<TraceTables>();
  }

  async search(q: TraceQuery): Promise<DocumentSummary[]> {
    let s = this.db.selectFrom("documents as d").select(SUMMARY);
    if (q.ucr !== undefined) s = s.where("d.ucr", "=", q.ucr);
    if (q.documentId !== undefined) s = s.where("d.id", "=", q.documentId);
    if (q.number !== undefined) s = s.where("d.number", "=", q.number);
    if (q.party !== undefined) s = s.where("d.issuerPartyId", "=", q.party);
    if (q.type !== undefined) s = s.where("d.type", "=", q.type);
    if (q.from !== undefined) s = s.where("d.createdAt", ">=", q.from);
    if (q.to !== undefined) s = s.where("d.createdAt", "<=", q.to);
    const status = q.status;
    if (status !== undefined && DOCUMENT_STATUSES.includes(status)) s = s.where("d.status", "=", status);
    const deliveryState =
      status !== undefined && (DELIVERY_STATES as readonly string[]).includes(status) ? status : undefined;
    const responseStatus =
      status !== undefined && deliveryState === undefined && !DOCUMENT_STATUSES.includes(status)
        ? status
        : undefined;
    if (responseStatus !== undefined) {
      s = s.where((eb: DocEb) =>
        eb.exists(
          eb
            .selectFrom("responses as r")
            .select("r.id")
            .whereRef("r.documentId", "=", "d.id")
            .where("r.status", "=", responseStatus)
            .$if(q.partner !== undefined, (w) => w.where("r.partnerId", "=", q.partner!)),
        ),
      );
    } else if (q.partner !== undefined || deliveryState !== undefined) {
      s = s.where((eb: DocEb) =>
        eb.exists(
          eb
            .selectFrom("deliveries as dl")
            .select("dl.id")
            .whereRef("dl.documentId", "=", "d.id")
            .$if(q.partner !== undefined, (w) => w.where("dl.partnerId", "=", q.partner!))
            .$if(deliveryState !== undefined, (w) => w.where("dl.state", "=", deliveryState!)),
        ),
      );
    }
    const within = q.partnerIn;
    if (within !== undefined) {
      s = s.where((eb: DocEb) =>
        eb.exists(
          eb
            .selectFrom("deliveries as dj")
            .select("dj.id")
            .whereRef("dj.documentId", "=", "d.id")
            .where("dj.partnerId", "in", [...within]),
        ),
      );
    }
    if (q.risk !== undefined) {
      const flagged = (eb: DocEb) =>
        eb.exists(eb.selectFrom("riskWarnings as w").select("w.id").whereRef("w.documentId", "=", "d.id"));
      s = s.where((eb: DocEb) => (q.risk ? flagged(eb) : eb.not(flagged(eb))));
    }
    if (q.cursor) {
      const c = q.cursor;
      s = s.where((eb) => eb(eb.refTuple("d.createdAt", "d.id"), "<", eb.tuple(c.createdAt, c.id)));
    }
    const rows = await s.orderBy("d.createdAt", "desc").orderBy("d.id", "desc").limit(q.limit).execute();
    return rows.map(toSummary);
  }

  async deliveriesOf(documentIds: readonly string[]): Promise<DeliveryRecord[]> {
    if (documentIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("deliveries")
      .selectAll()
      .where("documentId", "in", [...documentIds])
      .orderBy("createdAt")
      .orderBy("id")
      .execute();
    return rows.map(toDelivery);
  }

  async riskFlagged(documentIds: readonly string[]): Promise<Set<string>> {
    if (documentIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom("riskWarnings")
      .select("documentId")
      .distinct()
      .where("documentId", "in", [...documentIds])
      .execute();
    return new Set(rows.flatMap((r) => (r.documentId === null ? [] : [r.documentId])));
  }

  async purgeCandidates(opts: { before: string; limit: number }): Promise<DocumentSummary[]> {
    const rows = await this.db
      .selectFrom("documents as d")
      .select(SUMMARY)
      .where("d.createdAt", "<", opts.before)
      .where((eb: DocEb) =>
        eb.and([
          eb.not(
            eb.exists(
              eb
                .selectFrom("documentTombstones as t")
                .select("t.documentId")
                .whereRef("t.documentId", "=", "d.id"),
            ),
          ),
          eb.not(
            eb.exists(
              eb
                .selectFrom("deliveries as dl")
                .select("dl.id")
                .whereRef("dl.documentId", "=", "d.id")
                .where("dl.state", "in", [...UNSETTLED]),
            ),
          ),
        ]),
      )
      .orderBy("d.createdAt")
      .orderBy("d.id")
      .limit(opts.limit)
      .execute();
    return rows.map(toSummary);
  }

  async purge(t: DocumentTombstone, placeholder: string): Promise<boolean> {
    const inserted = await this.db
      .insertInto("documentTombstones")
      .values({ ...t })
      .onConflict((oc) => oc.column("documentId").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await this.db
      .updateTable("documents")
      .set({ originalBytes: Buffer.alloc(0), canonical: placeholder })
      .where("id", "=", t.documentId)
      .execute();
    return true;
  }

  async tombstone(documentId: string): Promise<DocumentTombstone | undefined> {
    return this.db
      .selectFrom("documentTombstones")
      .selectAll()
      .where("documentId", "=", documentId)
      .executeTakeFirst();
  }

  async tombstonesByUcr(ucr: string): Promise<DocumentTombstone[]> {
    return this.db
      .selectFrom("documentTombstones")
      .selectAll()
      .where("ucr", "=", ucr)
      .orderBy("documentId")
      .execute();
  }
}
