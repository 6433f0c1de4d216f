import type { ComplaintRecord } from "../ports/register.js";
import type { Store } from "../ports/store.js";
import { median, rollUp, type Granularity } from "./periods.js";

export interface StatsQuery {
  /** Inclusive, ISO date-time. */
  readonly from: string;
  /** Exclusive, ISO date-time. */
  readonly to: string;
  readonly granularity: Granularity;
}

const DAY_MS = 86_400_000;
const ratio = (a: number, b: number): number | null =>
  b === 0 ? null : Math.round((a / b) * 10_000) / 10_000;

function complaintFigures(all: readonly ComplaintRecord[], q: StatsQuery) {
  const inRange = (t: string | null) => t !== null && t >= q.from && t < q.to;
  const received = all.filter((c) => inRange(c.receivedAt));
  const decided = all.filter((c) => inRange(c.decidedAt));
  return {
    received: received.length,
    upheld: decided.filter((c) => c.status === "upheld").length,
    dismissed: decided.filter((c) => c.status === "dismissed").length,
    open: received.filter((c) => c.decidedAt === null).length,
    medianDaysToDecision: median(
      decided.map((c) => (Date.parse(c.decidedAt!) - Date.parse(c.receivedAt)) / DAY_MS),
    ),
  };
}

/**
 * GET /v1/stats: the indicators MOFCOM's 2012 opinions ask a platform to report (registered users,
 * traffic, renewal rate, transaction statistics, complaint handling, IP and product-quality cases),
 * over [from, to), counted per day, ISO week or month.
 */
export async function statistics(store: Store, q: StatsQuery) {
  const r = { from: q.from, to: q.to };
  const s = store.read.stats;
  const [parties, active, subs, docs, dels, rejected, times, routes, complaints, terms] = await Promise.all([
    s.parties(q.to),
    s.activeParties(r),
    s.submissionsByDay(r),
    s.documentsByDayType(r),
    s.deliveriesByDayPartner(r),
    s.rejectionsByDay(r),
    s.responseTimes(r),
    s.routes(r),
    s.complaints(r),
    s.termsDue(r),
  ]);

  const renewal = (kind?: "registration" | "certificate") => {
    const due = terms.filter((t) => !kind || t.kind === kind);
    const onTime = due.filter((t) => t.renewedAt !== null && t.renewedAt <= t.validUntil).length;
    return { due: due.length, renewedOnTime: onTime, rate: ratio(onTime, due.length) };
  };

  const submitted = rollUp(subs, q.granularity);
  const refused = rollUp(rejected, q.granularity);
  const periods = [...new Set([...submitted, ...refused].map((x) => x.period))].sort();
  const accepted = submitted.reduce((a, x) => a + x.n, 0);
  const rejectedTotal = refused.reduce((a, x) => a + x.n, 0);

  const byPartner = new Map<string, number[]>();
  for (const t of times)
    byPartner.set(t.partnerId, [
      ...(byPartner.get(t.partnerId) ?? []),
      (Date.parse(t.respondedAt) - Date.parse(t.createdAt)) / 1000,
    ]);

  const documentsByPeriod = rollUp(
    docs.map((x) => ({ day: x.day, n: x.n, key: x.type })),
    q.granularity,
  );
  const deliveriesByPeriod = rollUp(
    dels.map((x) => ({ day: x.day, n: x.n, key: x.partnerId })),
    q.granularity,
  );
  const sum = (rows: readonly { key: string | undefined; n: number }[]) => {
    const out: Record<string, number> = {};
    for (const x of rows) out[x.key ?? ""] = (out[x.key ?? ""] ?? 0) + x.n;
    return out;
  };

  return {
    period: { from: q.from, to: q.to, granularity: q.granularity },
    parties: { ...parties, active },
    renewal: { ...renewal(), registrations: renewal("registration"), certificates: renewal("certificate") },
    submissions: {
      total: accepted,
      byPeriod: submitted.map((x) => ({ period: x.period, n: x.n })),
    },
    documents: {
      total: documentsByPeriod.reduce((a, x) => a + x.n, 0),
      byType: sum(documentsByPeriod),
      byPeriod: documentsByPeriod.map((x) => ({ period: x.period, type: x.key, n: x.n })),
    },
    deliveries: {
      total: deliveriesByPeriod.reduce((a, x) => a + x.n, 0),
      byPartner: sum(deliveriesByPeriod),
      byPeriod: deliveriesByPeriod.map((x) => ({ period: x.period, partnerId: x.key, n: x.n })),
    },
    rejections: {
      accepted,
      rejected: rejectedTotal,
      rate: ratio(rejectedTotal, accepted + rejectedTotal),
      byPeriod: periods.map((period) => {
        const a = submitted.find((x) => x.period === period)?.n ?? 0;
        const n = refused.find((x) => x.period === period)?.n ?? 0;
        return { period, accepted: a, rejected: n, rate: ratio(n, a + n) };
      }),
    },
    responseTimes: [...byPartner.entries()]
      .map(([partnerId, xs]) => ({ partnerId, responses: xs.length, medianSeconds: median(xs) }))
      .sort((a, b) => a.partnerId.localeCompare(b.partnerId)),
    routes: [...routes].sort((a, b) => b.n - a.n || a.routingKey.localeCompare(b.routingKey)),
    complaints: {
      ...complaintFigures(complaints, q),
      intellectualProperty: complaintFigures(
        complaints.filter((c) => c.category === "intellectual-property"),
        q,
      ),
      productQuality: complaintFigures(
        complaints.filter((c) => c.category === "product-quality"),
        q,
      ),
    },
  };
}

export type StatsReport = Awaited<ReturnType<typeof statistics>>;
