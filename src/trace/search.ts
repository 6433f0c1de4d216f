import { ProblemError } from "../errors/index.js";
import type { DeliveryState } from "../ports/records.js";
import type { DocumentSummary, Store, TraceQuery } from "../ports/store.js";
import { b64u, fromB64u } from "../util/base64url.js";

export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

export interface TraceHit {
  readonly documentId: string;
  readonly ucr: string;
  readonly type: string;
  readonly number: string | null;
  readonly version: number;
  readonly status: DocumentSummary["status"];
  readonly current: boolean;
  readonly issuerPartyId: string;
  readonly createdAt: string;
  readonly risk: boolean;
  readonly deliveries: readonly { readonly partnerId: string; readonly state: DeliveryState }[];
}

export interface TracePage {
  readonly hits: readonly TraceHit[];
  /** Pass as `cursor` for the next page; absent on the last one. */
  readonly next?: string;
}

export function encodeCursor(c: { createdAt: string; id: string }): string {
  return b64u(JSON.stringify([c.createdAt, c.id]));
}

export function decodeCursor(s: string): { createdAt: string; id: string } {
  try {
    const v: unknown = JSON.parse(fromB64u(s).toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string")
      return { createdAt: v[0], id: v[1] };
  } catch {
    // Falls through to the one error below.
  }
  throw new ProblemError("SWG_BAD_REQUEST", "cursor is not one this gateway issued", [
    { message: "invalid cursor", location: "query cursor" },
  ]);
}

/**
 * One page of documents matching every given filter, newest first. Keyset pagination on
 * (createdAt, id): a deep page costs one index seek, and rows added meanwhile never shift it.
 */
export async function searchTrace(
  store: Store,
  q: Omit<TraceQuery, "limit"> & { limit?: number },
): Promise<TracePage> {
  const limit = Math.min(MAX_PAGE, Math.max(1, q.limit ?? DEFAULT_PAGE));
  const rows = await store.read.trace.search({ ...q, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const ids = page.map((d) => d.id);
  const [deliveries, risky] = await Promise.all([
    store.read.trace.deliveriesOf(ids),
    store.read.trace.riskFlagged(ids),
  ]);
  const byDoc = new Map<string, { partnerId: string; state: DeliveryState }[]>();
  for (const d of deliveries) {
    const list = byDoc.get(d.documentId) ?? [];
    list.push({ partnerId: d.partnerId, state: d.state });
    byDoc.set(d.documentId, list);
  }
  const last = page.at(-1);
  const out: TracePage = {
    hits: page.map((d) => ({
      documentId: d.id,
      ucr: d.ucr,
      type: d.type,
      number: d.number,
      version: d.version,
      status: d.status,
      current: d.isCurrent,
      issuerPartyId: d.issuerPartyId,
      createdAt: d.createdAt,
      risk: risky.has(d.id),
      deliveries: byDoc.get(d.id) ?? [],
    })),
    ...(rows.length > limit && last
      ? { next: encodeCursor({ createdAt: last.createdAt, id: last.id }) }
      : {}),
  };
  return out;
}
