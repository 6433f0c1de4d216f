/** Rows as the core sees them. Infra maps them to tables; times are ISO-8601 UTC strings. */

export const ROLES = ["exporter", "partner", "regulator", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PARTNER_KINDS = ["customs", "inspection", "port", "bank", "insurer", "carrier"] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export type VerificationStatus = "unverified" | "documents-submitted" | "verified" | "rejected";

export interface PartyIdentifier {
  readonly scheme: string;
  readonly value: string;
}

export interface PartyRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: "enterprise" | "partner" | "authority" | "gateway";
  readonly partnerKind: PartnerKind | null;
  readonly identifiers: readonly PartyIdentifier[];
  readonly country: string | null;
  readonly verification: VerificationStatus;
  readonly status: "active" | "terminated";
  /** Free-form, schema-checked elsewhere: contacts, signature policy, jurisdiction. */
  readonly profile: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CredentialRecord {
  readonly id: string;
  readonly partyId: string;
  readonly role: Role;
  /** SHA-256 of the key, hex. The key itself is never stored. */
  readonly keyHash: string;
  /** The first characters of the key, so an operator can tell keys apart. */
  readonly keyPrefix: string;
  readonly label: string | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly expiresAt: string | null;
}

/** A certificate a party may sign with. A valid signature by any other certificate is refused. */
export interface PartyCertificateRecord {
  readonly partyId: string;
  /** SHA-256 of the DER, lowercase hex. */
  readonly sha256: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly notAfter: string;
  readonly pem: string;
  readonly addedAt: string;
  readonly removedAt: string | null;
}

export interface SubmissionRecord {
  readonly id: string;
  readonly partyId: string;
  readonly credentialId: string | null;
  /** The party a declarant or broker acted for, under a mandate. */
  readonly actingFor: string | null;
  readonly idempotencyKey: string | null;
  /** sha256 of the exact request body, for idempotent replay. */
  readonly requestDigest: string;
  readonly receivedAt: string;
  readonly ucr: string;
  readonly documentIds: readonly string[];
  readonly httpStatus: number;
  /** The response body sent, so a replay gets the same answer. */
  readonly response: unknown;
  readonly receipt: unknown;
}

export type FunctionCode = "original" | "replacement" | "cancellation";
export type DocumentStatus = "accepted" | "held" | "superseded" | "cancelled";

/**
 * A reference an amendment may name a declaration by, besides its number: the trader's LRN, or the
 * MRN customs gave (in the document, or later in its answer). Kept per version, found by lineage.
 */
export interface DocumentKey {
  readonly issuerPartyId: string;
  readonly type: string;
  readonly key: "lrn" | "mrn";
  readonly value: string;
  readonly lineageId: string;
  readonly documentId: string;
  readonly createdAt: string;
}

export interface DocumentRecord {
  readonly id: string;
  readonly submissionId: string;
  readonly ucr: string;
  /** Id of the first version; all versions of one document share it. */
  readonly lineageId: string;
  readonly type: string;
  readonly number: string | null;
  readonly version: number;
  readonly functionCode: FunctionCode;
  readonly supersedes: string | null;
  readonly issuerPartyId: string;
  readonly originalFormat: string;
  readonly originalMediaType: string;
  readonly originalBytes: Buffer;
  readonly originalDigest: string;
  /** The canonical JSON exactly as sealed (JCS bytes, UTF-8). */
  readonly canonical: string;
  readonly canonicalDigest: string;
  /** Compact JWS (detached payload) over `canonical`. */
  readonly seal: string;
  readonly status: DocumentStatus;
  readonly isCurrent: boolean;
  readonly findings: unknown;
  readonly mapping: unknown;
  readonly createdAt: string;
}

export const DELIVERY_STATES = [
  "pending",
  "published",
  "retrying",
  "delivered",
  "dead",
  "cancelled",
  "held",
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface DeliveryRecord {
  readonly id: string;
  readonly documentId: string;
  readonly ucr: string;
  readonly partnerId: string;
  readonly adapterId: string;
  readonly routingKey: string;
  /** Stable across retries and replays; partners deduplicate on it. */
  readonly messageId: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deliveredAt: string | null;
  /** When the partner's answer is due; overdue deliveries are flagged. */
  readonly dueAt: string | null;
  readonly respondedAt: string | null;
  /** The partner's acknowledgement or the transport confirmation. */
  readonly receipt: unknown;
  /** When the delivery was flagged overdue (once); absent on rows not yet read back. */
  readonly overdueAt?: string | null;
}

export interface DeliveryAttemptRecord {
  readonly deliveryId: string;
  readonly attempt: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly outcome: "delivered" | "failed" | "duplicate";
  readonly error: string | null;
  readonly detail: unknown;
}

export interface Actor {
  readonly partyId: string | null;
  readonly role: Role | "system";
  readonly credentialId?: string | null;
  /** Set when a declarant or broker acted under a mandate. */
  readonly onBehalfOf?: string | null;
}

export interface AuditSubject {
  readonly submissionId?: string;
  readonly documentId?: string;
  readonly deliveryId?: string;
  readonly partyId?: string;
  readonly responseId?: string;
}

export interface AuditEventInput {
  /** The chain (partition) the event belongs to: the consignment's UCR, or `party:<id>` / `gateway`. */
  readonly chain: string;
  readonly type: string;
  readonly at: string;
  readonly actor: Actor;
  readonly subject: AuditSubject;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface AuditEventRecord extends AuditEventInput {
  readonly id: number;
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

export interface ChainHead {
  readonly chain: string;
  readonly seq: number;
  readonly hash: string;
}

export interface CheckpointRecord {
  readonly id: number;
  readonly at: string;
  readonly prevRoot: string;
  readonly root: string;
  readonly leafCount: number;
  /** Compact JWS over the checkpoint statement, by the gateway's seal key. */
  readonly signature: string;
}

export interface CheckpointLeaf {
  readonly checkpointId: number;
  readonly index: number;
  readonly chain: string;
  readonly seq: number;
  readonly hash: string;
}

export interface InboxMessage {
  readonly id: number;
  readonly partnerId: string;
  readonly deliveryId: string;
  readonly messageId: string;
  readonly mediaType: string;
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly ackedAt: string | null;
}

export const NOTIFICATION_STATES = ["pending", "retrying", "delivered", "dead"] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/** A push to an exporter (or the declarant who acted for it) about its consignment: the outbox row. */
export interface NotificationRecord {
  readonly id: string;
  readonly partyId: string;
  readonly ucr: string;
  /** What it reports: a partner's answer (response) or a delivery past its deadline (overdue). */
  readonly kind: "response" | "overdue";
  /** The response or delivery id; one notification per party, kind and subject. */
  readonly subjectId: string;
  /** The JSON body, fixed when planned, so every retry sends the same bytes. */
  readonly body: string;
  readonly state: NotificationState;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deliveredAt: string | null;
}

export interface ResponseRecord {
  readonly id: string;
  readonly partnerId: string;
  /** The partner's own message id: a repeated response is recognized by it. */
  readonly partnerMessageId: string;
  readonly deliveryId: string | null;
  readonly documentId: string | null;
  readonly ucr: string | null;
  readonly receivedAt: string;
  readonly status: string;
  /** The canonical status event. */
  readonly event: unknown;
  readonly originalBytes: Buffer;
  readonly originalMediaType: string;
  readonly signed: boolean;
}
