import type { Generated } from "kysely";

/**
 * Table shapes as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case columns).
 * JSON is stored as text and booleans as 0/1 so that SQLite and PostgreSQL share one code path.
 */
export interface PartiesTable {
  id: string;
  name: string;
  kind: string;
  partnerKind: string | null;
  identifiers: string;
  country: string | null;
  verification: string;
  status: string;
  profile: string;
  createdAt: string;
  updatedAt: string;
}

export interface PartyIdentifiersTable {
  scheme: string;
  value: string;
  partyId: string;
}

export interface CredentialsTable {
  id: string;
  partyId: string;
  role: string;
  keyHash: string;
  keyPrefix: string;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
  expiresAt: string | null;
}

export interface SubmissionsTable {
  id: string;
  partyId: string;
  credentialId: string | null;
  actingFor: string | null;
  idempotencyKey: string | null;
  requestDigest: string;
  receivedAt: string;
  ucr: string;
  documentIds: string;
  httpStatus: number;
  response: string;
  receipt: string;
}

export interface DocumentsTable {
  id: string;
  submissionId: string;
  ucr: string;
  lineageId: string;
  type: string;
  number: string | null;
  version: number;
  functionCode: string;
  supersedes: string | null;
  issuerPartyId: string;
  originalFormat: string;
  originalMediaType: string;
  originalBytes: Buffer;
  originalDigest: string;
  canonical: string;
  canonicalDigest: string;
  seal: string;
  status: string;
  isCurrent: number;
  findings: string;
  mapping: string;
  createdAt: string;
}

export interface DeliveriesTable {
  id: string;
  documentId: string;
  ucr: string;
  partnerId: string;
  adapterId: string;
  routingKey: string;
  messageId: string;
  state: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  dueAt: string | null;
  respondedAt: string | null;
  receipt: string | null;
  leaseOwner: string | null;
  leaseUntil: string | null;
  overdueAt: Generated<string | null>;
  /** The EDIFACT interchange reference made from messageId (interchangeRefOf); set on insert. */
  interchangeRef: Generated<string | null>;
}

export interface DocumentKeysTable {
  issuerPartyId: string;
  type: string;
  key: string;
  value: string;
  lineageId: string;
  documentId: string;
  createdAt: string;
}

export interface NotificationsTable {
  id: string;
  partyId: string;
  ucr: string;
  kind: string;
  subjectId: string;
  body: string;
  state: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  leaseOwner: string | null;
  leaseUntil: string | null;
}

export interface DeliveryAttemptsTable {
  id: Generated<number>;
  deliveryId: string;
  attempt: number;
  startedAt: string;
  finishedAt: string;
  outcome: string;
  error: string | null;
  detail: string;
}

export interface EventsTable {
  id: Generated<number>;
  chain: string;
  seq: number;
  type: string;
  at: string;
  actor: string;
  subject: string;
  data: string;
  prevHash: string;
  hash: string;
  /** Copied out of `subject` and `actor` so that trace queries can use an index. */
  documentId: string | null;
  partyId: string | null;
}

export interface ChainHeadsTable {
  chain: string;
  seq: number;
  hash: string;
  updatedAt: string;
}

export interface CheckpointsTable {
  id: Generated<number>;
  at: string;
  prevRoot: string;
  root: string;
  leafCount: number;
  signature: string;
}

export interface CheckpointLeavesTable {
  checkpointId: number;
  leafIndex: number;
  chain: string;
  seq: number;
  hash: string;
}

export interface InboxTable {
  id: Generated<number>;
  partnerId: string;
  deliveryId: string;
  messageId: string;
  mediaType: string;
  body: Buffer;
  headers: string;
  createdAt: string;
  ackedAt: string | null;
}

export interface ResponsesTable {
  id: string;
  partnerId: string;
  partnerMessageId: string;
  deliveryId: string | null;
  documentId: string | null;
  ucr: string | null;
  receivedAt: string;
  status: string;
  event: string;
  originalBytes: Buffer;
  originalMediaType: string;
  signed: number;
}

export interface PartyCertificatesTable {
  partyId: string;
  sha256: string;
  subject: string;
  issuer: string;
  serial: string;
  notAfter: string;
  pem: string;
  addedAt: string;
  removedAt: string | null;
}

export interface DB {
  parties: PartiesTable;
  partyIdentifiers: PartyIdentifiersTable;
  credentials: CredentialsTable;
  submissions: SubmissionsTable;
  documents: DocumentsTable;
  deliveries: DeliveriesTable;
  deliveryAttempts: DeliveryAttemptsTable;
  events: EventsTable;
  chainHeads: ChainHeadsTable;
  checkpoints: CheckpointsTable;
  checkpointLeaves: CheckpointLeavesTable;
  inbox: InboxTable;
  responses: ResponsesTable;
  partyCertificates: PartyCertificatesTable;
  notifications: NotificationsTable;
  documentKeys: DocumentKeysTable;
}
