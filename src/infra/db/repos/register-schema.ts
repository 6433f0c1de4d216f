import type { Kysely } from "kysely";
import type { DB } from "../schema.js";

/**
 * The register's tables as Kysely sees them (migration 0100_register). Kept beside the repos that
 * use them and joined to the shared DB type with `withTables`, so the core schema file stays as is.
 */
export interface MandatesTable {
  id: string;
  grantorId: string;
  agentId: string;
  documentTypes: string | null;
  partners: string | null;
  validFrom: string;
  validUntil: string | null;
  note: string | null;
  grantedAt: string;
  grantedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export interface MeasuresTable {
  id: string;
  partyId: string;
  level: string;
  reason: string;
  documentTypes: string | null;
  partners: string | null;
  action: string | null;
  grounds: string | null;
  startsAt: string;
  endsAt: string | null;
  setAt: string;
  setBy: string;
  liftedAt: string | null;
  liftedBy: string | null;
  liftReason: string | null;
}

export interface VerificationStepsTable {
  id: string;
  partyId: string;
  fromStatus: string;
  toStatus: string;
  evidence: string;
  reason: string | null;
  actor: string;
  at: string;
}

export interface RiskWarningsTable {
  id: string;
  ruleId: string;
  severity: string;
  submissionId: string;
  documentId: string | null;
  ucr: string;
  partyId: string;
  message: string;
  pointer: string | null;
  data: string;
  status: string;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  creditEventId: string | null;
}

export interface RiskStatsTable {
  metric: string;
  heading: string;
  unit: string;
  currency: string;
  bin: number;
  n: number;
}

export interface ComplaintsTable {
  id: string;
  complainantId: string;
  againstPartyId: string;
  documentId: string | null;
  category: string;
  summary: string;
  evidence: string;
  status: string;
  receivedAt: string;
  reviewDueAt: string;
  decisionDueAt: string;
  reviewStartedAt: string | null;
  reviewer: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  creditEventId: string | null;
}

export interface CreditEventsTable {
  id: string;
  partyId: string;
  kind: string;
  points: number | null;
  sourceType: string;
  sourceId: string | null;
  summary: string;
  at: string;
  actor: string;
}

export interface PartyTermsTable {
  id: string;
  partyId: string;
  kind: string;
  validFrom: string;
  validUntil: string;
  renews: string | null;
  createdAt: string;
  actor: string;
  detail: string;
}

// A type alias, not an interface: withTables wants an index-signature-compatible record.
export type RegisterTables = {
  mandates: MandatesTable;
  measures: MeasuresTable;
  verificationSteps: VerificationStepsTable;
  riskWarnings: RiskWarningsTable;
  riskStats: RiskStatsTable;
  complaints: ComplaintsTable;
  creditEvents: CreditEventsTable;
  partyTerms: PartyTermsTable;
  /** Owned by the PKI (migration 0002_pki); the statistics read when certificates were renewed. */
  partyCertificates: { partyId: string; sha256: string; notAfter: string; addedAt: string };
};

export type RegisterDb = Kysely<DB & RegisterTables>;

export const withRegister = (db: Kysely<DB>): RegisterDb => db.withTables<RegisterTables>();
