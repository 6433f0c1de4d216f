/**
 * Rows and repositories of the enterprise register: mandates, verification steps, regulatory
 * measures, risk warnings and statistics, complaints, credit events and renewable terms.
 * Times are ISO-8601 UTC strings, as everywhere in the store.
 */
import type { Actor, VerificationStatus } from "./records.js";

/** A file shown as evidence: the register keeps its digest, not its bytes. */
export interface EvidenceRef {
  readonly name: string;
  readonly mediaType: string;
  /** `sha256:<hex>` of the file. */
  readonly digest: string;
  readonly size: number | null;
}

/** An exporter lets a declarant or customs broker submit on its behalf. Null scope lists mean "all". */
export interface MandateRecord {
  readonly id: string;
  readonly grantorId: string;
  readonly agentId: string;
  readonly documentTypes: readonly string[] | null;
  readonly partners: readonly string[] | null;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly note: string | null;
  readonly grantedAt: string;
  readonly grantedBy: Actor;
  readonly revokedAt: string | null;
  readonly revokedBy: Actor | null;
  readonly revokeReason: string | null;
}

export const MEASURE_LEVELS = ["reminder", "partial", "full", "terminated"] as const;
export type MeasureLevel = (typeof MEASURE_LEVELS)[number];

/** The grounds on which MOFCOM's 2012 opinions end cooperation with an enterprise. */
export const TERMINATION_GROUNDS = [
  "smuggling",
  "tax-evasion",
  "foreign-exchange-evasion",
  "fraud",
  "counterfeit-goods",
] as const;
export type TerminationGround = (typeof TERMINATION_GROUNDS)[number];

/** A graded regulatory measure on a party. `partial` holds or refuses what its scope names. */
export interface MeasureRecord {
  readonly id: string;
  readonly partyId: string;
  readonly level: MeasureLevel;
  readonly reason: string;
  readonly documentTypes: readonly string[] | null;
  readonly partners: readonly string[] | null;
  readonly action: "hold" | "refuse" | null;
  /** Why cooperation ended (terminated only): the grounds the policy names. */
  readonly grounds: TerminationGround | null;
  readonly startsAt: string;
  readonly endsAt: string | null;
  readonly setAt: string;
  readonly setBy: Actor;
  readonly liftedAt: string | null;
  readonly liftedBy: Actor | null;
  readonly liftReason: string | null;
}

export interface VerificationStepRecord {
  readonly id: string;
  readonly partyId: string;
  readonly from: VerificationStatus;
  readonly to: VerificationStatus;
  readonly evidence: readonly EvidenceRef[];
  readonly reason: string | null;
  readonly actor: Actor;
  readonly at: string;
}

export const RISK_SEVERITIES = ["low", "medium", "high"] as const;
export type RiskSeverity = (typeof RISK_SEVERITIES)[number];
export const RISK_WARNING_STATUSES = ["open", "acknowledged", "dismissed", "escalated"] as const;
export type RiskWarningStatus = (typeof RISK_WARNING_STATUSES)[number];

export interface RiskWarningRecord {
  readonly id: string;
  readonly ruleId: string;
  readonly severity: RiskSeverity;
  readonly submissionId: string;
  readonly documentId: string | null;
  readonly ucr: string;
  /** The party the submission was made for (the exporter, not its broker). */
  readonly partyId: string;
  readonly message: string;
  readonly pointer: string | null;
  readonly data: Readonly<Record<string, unknown>>;
  readonly status: RiskWarningStatus;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly decidedBy: Actor | null;
  readonly decisionReason: string | null;
  readonly creditEventId: string | null;
}

/** A robust-statistics series: one metric of one HS heading in one unit and currency. */
export interface StatSeries {
  readonly metric: string;
  readonly heading: string;
  readonly unit: string;
  readonly currency: string;
}

/** Count of observations in one logarithmic bin of a series. */
export interface StatBin extends StatSeries {
  readonly bin: number;
  readonly n: number;
}

export const COMPLAINT_CATEGORIES = [
  "intellectual-property",
  "product-quality",
  "fraud",
  "service",
  "other",
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export type ComplaintStatus = "received" | "under-review" | "upheld" | "dismissed";

export interface ComplaintRecord {
  readonly id: string;
  readonly complainantId: string;
  readonly againstPartyId: string;
  readonly documentId: string | null;
  readonly category: ComplaintCategory;
  readonly summary: string;
  readonly evidence: readonly EvidenceRef[];
  readonly status: ComplaintStatus;
  readonly receivedAt: string;
  readonly reviewDueAt: string;
  readonly decisionDueAt: string;
  readonly reviewStartedAt: string | null;
  readonly reviewer: Actor | null;
  readonly decidedAt: string | null;
  readonly decidedBy: Actor | null;
  readonly decisionReason: string | null;
  readonly creditEventId: string | null;
}

export const CREDIT_EVENT_KINDS = [
  "rejection",
  "discrepancy",
  "complaint-upheld",
  "risk-escalated",
  "regulator-finding",
] as const;
export type CreditEventKind = (typeof CREDIT_EVENT_KINDS)[number];

/** A fact recorded against a party's credit. Rejections and discrepancies are read from where they happen. */
export interface CreditEventRecord {
  readonly id: string;
  readonly partyId: string;
  readonly kind: CreditEventKind;
  /** Overrides the formula's weight for this kind (e.g. a grave finding). */
  readonly points: number | null;
  readonly sourceType: "complaint" | "risk-warning" | "finding";
  readonly sourceId: string | null;
  readonly summary: string;
  readonly at: string;
  readonly actor: Actor;
}

/**
 * A period of validity that is renewed. Registrations live here; bound certificates, the other
 * renewable thing the statistics count, live in the PKI's party_certificates.
 */
export interface TermRecord {
  readonly id: string;
  readonly partyId: string;
  readonly kind: "registration";
  readonly validFrom: string;
  readonly validUntil: string;
  /** The term this one renews. */
  readonly renews: string | null;
  readonly createdAt: string;
  readonly actor: Actor;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface MandateRepo {
  insert(m: MandateRecord): Promise<void>;
  get(id: string): Promise<MandateRecord | undefined>;
  /** Mandates a party granted or received, newest first. */
  listForParty(partyId: string): Promise<MandateRecord[]>;
  between(grantorId: string, agentId: string): Promise<MandateRecord[]>;
  revoke(id: string, at: string, by: Actor, reason: string | null): Promise<boolean>;
}

export interface MeasureRepo {
  insert(m: MeasureRecord): Promise<void>;
  get(id: string): Promise<MeasureRecord | undefined>;
  listForParty(partyId: string): Promise<MeasureRecord[]>;
  lift(id: string, at: string, by: Actor, reason: string): Promise<boolean>;
}

export interface VerificationRepo {
  insert(s: VerificationStepRecord): Promise<void>;
  listForParty(partyId: string): Promise<VerificationStepRecord[]>;
}

export interface RiskWarningFilter {
  readonly status?: RiskWarningStatus;
  readonly partyId?: string;
  readonly documentId?: string;
  readonly ruleId?: string;
  readonly limit: number;
  /** Continue after this warning id (ids sort by creation). */
  readonly after?: string;
}

export interface RiskWarningRepo {
  insert(w: RiskWarningRecord): Promise<void>;
  get(id: string): Promise<RiskWarningRecord | undefined>;
  list(f: RiskWarningFilter): Promise<RiskWarningRecord[]>;
  /** Compare-and-set on the status: changes the row only if it is still `open`. */
  decide(
    id: string,
    patch: Pick<RiskWarningRecord, "status" | "decidedAt" | "decidedBy" | "decisionReason" | "creditEventId">,
  ): Promise<boolean>;
}

export interface RiskStatsRepo {
  /** Adds counts to bins (an upsert that increments, so concurrent writers never lose a count). */
  add(bins: readonly StatBin[]): Promise<void>;
  bins(series: StatSeries): Promise<StatBin[]>;
}

export interface ComplaintFilter {
  readonly complainantId?: string;
  readonly againstPartyId?: string;
  /** Complaints filed by or against this party. */
  readonly involving?: string;
  readonly status?: ComplaintStatus;
  readonly limit: number;
  readonly after?: string;
}

export interface ComplaintRepo {
  insert(c: ComplaintRecord): Promise<void>;
  get(id: string): Promise<ComplaintRecord | undefined>;
  list(f: ComplaintFilter): Promise<ComplaintRecord[]>;
  /** Compare-and-set on the status. */
  transition(
    id: string,
    from: ComplaintStatus,
    patch: Partial<
      Pick<
        ComplaintRecord,
        | "status"
        | "reviewStartedAt"
        | "reviewer"
        | "decidedAt"
        | "decidedBy"
        | "decisionReason"
        | "creditEventId"
      >
    >,
  ): Promise<boolean>;
}

/** A refused submission as its audit event records it. */
export interface RejectionFact {
  readonly at: string;
  readonly code: string;
  readonly submissionId: string | null;
}

/** A partner's adverse answer to a document the party issued. */
export interface DiscrepancyFact {
  readonly at: string;
  readonly status: string;
  readonly partnerId: string;
  readonly documentId: string;
  readonly responseId: string;
}

export interface CreditRepo {
  insert(e: CreditEventRecord): Promise<void>;
  listForParty(partyId: string): Promise<CreditEventRecord[]>;
  rejections(partyId: string): Promise<RejectionFact[]>;
  discrepancies(partyId: string, statuses: readonly string[]): Promise<DiscrepancyFact[]>;
}

export interface TermRepo {
  insert(t: TermRecord): Promise<void>;
  listForParty(partyId: string): Promise<TermRecord[]>;
}

/** A document waiting for a regulator's review, with the deliveries it holds back. */
export interface HeldDocument {
  readonly documentId: string;
  readonly submissionId: string;
  readonly ucr: string;
  readonly type: string;
  readonly number: string | null;
  readonly issuerPartyId: string;
  readonly createdAt: string;
}

export interface HoldRepo {
  list(opts: { limit: number; after?: string }): Promise<HeldDocument[]>;
  /** Compare-and-set: moves a held document to its final status. */
  settle(documentId: string, status: "accepted" | "cancelled", isCurrent: boolean): Promise<boolean>;
  /** Makes the version a refused amendment superseded current again. */
  restore(documentId: string): Promise<boolean>;
}

export interface Range {
  readonly from: string;
  readonly to: string;
}

/** Aggregates for GET /v1/stats; every query is bounded by a [from, to) range of ISO times. */
export interface StatsRepo {
  parties(
    to: string,
  ): Promise<{ readonly registered: number; readonly verified: number; readonly terminated: number }>;
  activeParties(r: Range): Promise<number>;
  submissionsByDay(r: Range): Promise<{ day: string; n: number }[]>;
  documentsByDayType(r: Range): Promise<{ day: string; type: string; n: number }[]>;
  deliveriesByDayPartner(r: Range): Promise<{ day: string; partnerId: string; n: number }[]>;
  rejectionsByDay(r: Range): Promise<{ day: string; n: number }[]>;
  /** Deliveries made in the range that a partner answered: when made, when first answered. */
  responseTimes(r: Range): Promise<{ partnerId: string; createdAt: string; respondedAt: string }[]>;
  routes(r: Range): Promise<{ routingKey: string; partnerId: string; n: number }[]>;
  /** Complaints received or decided in the range. */
  complaints(r: Range): Promise<ComplaintRecord[]>;
  /** Terms whose validity ends in the range, with when (if ever) a renewal was made. */
  termsDue(
    r: Range,
  ): Promise<{ kind: "registration" | "certificate"; validUntil: string; renewedAt: string | null }[]>;
  /** Deliveries not yet settled, by partner and state (metrics; the state index keeps it cheap). */
  backlog(states: readonly string[]): Promise<{ partnerId: string; state: string; n: number }[]>;
  /** A party's submissions, newest first (for its trace). */
  submissionsOf(
    partyId: string,
    limit: number,
  ): Promise<{ id: string; ucr: string; receivedAt: string; actingFor: string | null; documents: number }[]>;
}
