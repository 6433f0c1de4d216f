import type { DeliveryRecord, ResponseRecord, SubmissionRecord } from "../ports/records.js";
import type { Store } from "../ports/store.js";

export interface PartnerStatus {
  readonly deliveryId: string;
  readonly partnerId: string;
  readonly state: DeliveryRecord["state"];
  readonly attempts: number;
  readonly lastError: string | null;
  readonly nextAttemptAt: string | null;
  readonly deliveredAt: string | null;
  readonly dueAt: string | null;
  /** No answer yet and the partner's response deadline has passed. */
  readonly overdue: boolean;
  /** When the gateway flagged it overdue (audit delivery.overdue, the exporter notified). */
  readonly overdueAt: string | null;
  /** The partner's latest answer. */
  readonly status: string | null;
  readonly responses: readonly {
    readonly id: string;
    readonly status: string;
    readonly receivedAt: string;
  }[];
}

export function partnerStatus(
  d: DeliveryRecord,
  responses: readonly ResponseRecord[],
  now: Date,
): PartnerStatus {
  const mine = responses
    .filter((r) => r.deliveryId === d.id)
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const waiting = mine.length === 0 && d.state !== "cancelled" && d.state !== "dead";
  return {
    deliveryId: d.id,
    partnerId: d.partnerId,
    state: d.state,
    attempts: d.attempts,
    lastError: d.lastError,
    nextAttemptAt: d.nextAttemptAt,
    deliveredAt: d.deliveredAt,
    dueAt: d.dueAt,
    overdue: waiting && (!!d.overdueAt || (d.dueAt !== null && d.dueAt < now.toISOString())),
    overdueAt: d.overdueAt ?? null,
    status: mine.at(-1)?.status ?? null,
    responses: mine.map((r) => ({ id: r.id, status: r.status, receivedAt: r.receivedAt })),
  };
}

/** What an exporter sees: every document of the submission with every partner's status. */
export async function submissionStatus(store: Store, s: SubmissionRecord, now: Date) {
  const docs = await store.read.documents.listBySubmission(s.id);
  const documents = [];
  for (const d of docs) {
    const [deliveries, responses] = await Promise.all([
      store.read.deliveries.listByDocument(d.id),
      store.read.responses.listByDocument(d.id),
    ]);
    documents.push({
      id: d.id,
      type: d.type,
      number: d.number,
      version: d.version,
      functionCode: d.functionCode,
      status: d.status,
      current: d.isCurrent,
      partners: deliveries.map((x) => partnerStatus(x, responses, now)),
    });
  }
  return {
    submissionId: s.id,
    ucr: s.ucr,
    receivedAt: s.receivedAt,
    partyId: s.partyId,
    actingFor: s.actingFor,
    documents,
    receipt: s.receipt,
    links: { trace: `/v1/consignments/${encodeURIComponent(s.ucr)}/trace` },
  };
}
