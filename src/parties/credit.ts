import { ProblemError } from "../errors/index.js";
import type { Actor } from "../ports/records.js";
import { CREDIT_EVENT_KINDS, type CreditEventKind, type CreditEventRecord } from "../ports/register.js";
import type { Store, Tx } from "../ports/store.js";
import { uuidv7 } from "../util/ids.js";

/**
 * The credit score (docs/register.md#credit-file):
 *
 *   score = 100 − min(rejection-cap, Σ rejections w·d) − Σ other events (points or w[kind])·d
 *   d = 0.5 ^ (age in days / half-life-days)
 *
 * clamped to [0, 100]. Every weight and the half-life come from SWG_CREDIT_FORMULA.
 */
export interface CreditFormula {
  readonly weights: Readonly<Record<CreditEventKind, number>>;
  /** Most points refused submissions can take off together: many small errors are not fraud. */
  readonly rejectionCap: number;
  readonly halfLifeDays: number;
}

export const DEFAULT_CREDIT_FORMULA: CreditFormula = {
  weights: {
    rejection: 1,
    discrepancy: 3,
    "complaint-upheld": 10,
    "risk-escalated": 8,
    "regulator-finding": 20,
  },
  rejectionCap: 20,
  halfLifeDays: 180,
};

/** Reads SWG_CREDIT_FORMULA's key=value pairs over the defaults; an unknown key is a configuration error. */
export function parseCreditFormula(pairs: readonly string[]): CreditFormula {
  const weights: Record<CreditEventKind, number> = { ...DEFAULT_CREDIT_FORMULA.weights };
  let { rejectionCap, halfLifeDays } = DEFAULT_CREDIT_FORMULA;
  for (const p of pairs) {
    const [key = "", raw = ""] = p.split("=");
    const v = Number(raw);
    if (!Number.isFinite(v) || v < 0) throw new Error(`SWG_CREDIT_FORMULA: ${p} is not key=number`);
    if ((CREDIT_EVENT_KINDS as readonly string[]).includes(key)) weights[key as CreditEventKind] = v;
    else if (key === "rejection-cap") rejectionCap = v;
    else if (key === "half-life-days" && v > 0) halfLifeDays = v;
    else throw new Error(`SWG_CREDIT_FORMULA: unknown key ${key}`);
  }
  return { weights, rejectionCap, halfLifeDays };
}

/** Refusals that say something about the documents a party sends, not about access or transport. */
export const COUNTED_REJECTIONS: readonly string[] = [
  "SWG_VALIDATION_FAILED",
  "SWG_MAPPING_INCOMPLETE",
  "SWG_SUPERSEDED_UNKNOWN",
  "SWG_SIGNATURE_INVALID",
  "SWG_CERTIFICATE_REVOKED",
  "SWG_CERTIFICATE_NOT_BOUND",
];

/** Partner answers that find fault with a party's document. */
export const DISCREPANCY_STATUSES: readonly string[] = [
  "customs.rejected",
  "inspection.failed",
  "bank.discrepant",
  "bank.refused",
];

export interface CreditItem {
  readonly kind: CreditEventKind;
  readonly at: string;
  readonly summary: string;
  readonly points: number;
  /** The points this item takes off today, after decay. */
  readonly weighted: number;
  readonly source: Readonly<Record<string, unknown>>;
}

export interface CreditScore {
  readonly score: number;
  readonly grade: "A" | "B" | "C" | "D";
  readonly byKind: Readonly<Record<CreditEventKind, { count: number; deducted: number }>>;
}

export function gradeOf(score: number): CreditScore["grade"] {
  return score >= 90 ? "A" : score >= 75 ? "B" : score >= 60 ? "C" : "D";
}

/** The formula above, applied to a party's items at `now`. */
export function creditScore(items: readonly CreditItem[], f: CreditFormula, now: Date): CreditScore {
  const byKind = Object.fromEntries(CREDIT_EVENT_KINDS.map((k) => [k, { count: 0, deducted: 0 }])) as Record<
    CreditEventKind,
    { count: number; deducted: number }
  >;
  for (const i of items) {
    const ageDays = Math.max(0, (now.getTime() - Date.parse(i.at)) / 86_400_000);
    const k = byKind[i.kind];
    k.count++;
    k.deducted += i.points * 0.5 ** (ageDays / f.halfLifeDays);
  }
  byKind.rejection.deducted = Math.min(f.rejectionCap, byKind.rejection.deducted);
  const total = CREDIT_EVENT_KINDS.reduce((s, k) => s + byKind[k].deducted, 0);
  const score = Math.round(Math.max(0, Math.min(100, 100 - total)) * 10) / 10;
  for (const k of CREDIT_EVENT_KINDS) byKind[k].deducted = Math.round(byKind[k].deducted * 100) / 100;
  return { score, grade: gradeOf(score), byKind };
}

/** A party's credit file: every item bearing on its credit, newest first, and the score they give. */
export async function creditFile(store: Store, partyId: string, f: CreditFormula, now: Date) {
  const [recorded, rejections, discrepancies] = await Promise.all([
    store.read.credit.listForParty(partyId),
    store.read.credit.rejections(partyId),
    store.read.credit.discrepancies(partyId, DISCREPANCY_STATUSES),
  ]);
  const decay = (at: string) =>
    0.5 ** (Math.max(0, (now.getTime() - Date.parse(at)) / 86_400_000) / f.halfLifeDays);
  const item = (
    kind: CreditEventKind,
    at: string,
    summary: string,
    points: number,
    source: Record<string, unknown>,
  ): CreditItem => ({
    kind,
    at,
    summary,
    points,
    weighted: Math.round(points * decay(at) * 100) / 100,
    source,
  });
  const items: CreditItem[] = [
    ...rejections
      .filter((r) => COUNTED_REJECTIONS.includes(r.code))
      .map((r) =>
        item("rejection", r.at, `submission refused: ${r.code}`, f.weights.rejection, {
          submissionId: r.submissionId,
          code: r.code,
        }),
      ),
    ...discrepancies.map((d) =>
      item("discrepancy", d.at, `${d.partnerId} answered ${d.status}`, f.weights.discrepancy, {
        documentId: d.documentId,
        responseId: d.responseId,
        partnerId: d.partnerId,
      }),
    ),
    ...recorded.map((e) =>
      item(e.kind, e.at, e.summary, e.points ?? f.weights[e.kind], {
        creditEventId: e.id,
        sourceType: e.sourceType,
        sourceId: e.sourceId,
        by: e.actor,
      }),
    ),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return {
    partyId,
    at: now.toISOString(),
    ...creditScore(items, f, now),
    formula: f,
    items,
  };
}

/** Records a credit event and audits it on the party's chain; part of the caller's transaction. */
export async function recordCreditEvent(
  tx: Tx,
  e: Omit<CreditEventRecord, "id">,
  now: Date,
): Promise<CreditEventRecord> {
  const rec: CreditEventRecord = { id: uuidv7(now.getTime()), ...e };
  await tx.credit.insert(rec);
  await tx.audit.append({
    chain: `party:${e.partyId}`,
    type: "credit.recorded",
    at: e.at,
    actor: e.actor,
    subject: { partyId: e.partyId },
    data: {
      creditEventId: rec.id,
      kind: e.kind,
      points: e.points,
      sourceType: e.sourceType,
      sourceId: e.sourceId,
      summary: e.summary,
    },
  });
  return rec;
}

/** A regulator's finding against a party (an inspection, an investigation): a credit event of its own. */
export async function recordFinding(
  store: Store,
  f: { partyId: string; summary: string; points: number | null },
  actor: Actor,
  now: Date,
): Promise<CreditEventRecord> {
  if (f.summary.trim().length === 0)
    throw new ProblemError("SWG_VALIDATION_FAILED", "a finding states what was found", [
      { message: "summary is required", pointer: "/summary" },
    ]);
  return store.transaction(async (tx) => {
    if (!(await tx.parties.get(f.partyId))) throw new ProblemError("SWG_NOT_FOUND", "no such party");
    return recordCreditEvent(
      tx,
      {
        partyId: f.partyId,
        kind: "regulator-finding",
        points: f.points,
        sourceType: "finding",
        sourceId: null,
        summary: f.summary,
        at: now.toISOString(),
        actor,
      },
      now,
    );
  });
}
