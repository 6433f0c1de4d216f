import type {
  AuditEventInput,
  AuditEventRecord,
  ChainHead,
  CheckpointLeaf,
  CheckpointRecord,
  CredentialRecord,
  DeliveryAttemptRecord,
  DeliveryRecord,
  DeliveryState,
  DocumentKey,
  DocumentRecord,
  InboxMessage,
  NotificationRecord,
  NotificationState,
  PartyRecord,
  ResponseRecord,
  SubmissionRecord,
  PartyCertificateRecord,
} from "./records.js";
import type {
  ComplaintRepo,
  CreditRepo,
  HoldRepo,
  MandateRepo,
  MeasureRepo,
  RiskStatsRepo,
  RiskWarningRepo,
  StatsRepo,
  TermRepo,
  VerificationRepo,
} from "./register.js";

export interface PartyRepo {
  insert(p: PartyRecord): Promise<void>;
  update(id: string, patch: Partial<Omit<PartyRecord, "id" | "createdAt">>): Promise<void>;
  get(id: string): Promise<PartyRecord | undefined>;
  byIdentifier(scheme: string, value: string): Promise<PartyRecord | undefined>;
  list(opts?: { kind?: PartyRecord["kind"]; limit?: number; after?: string }): Promise<PartyRecord[]>;
}

export interface CredentialRepo {
  insert(c: CredentialRecord): Promise<void>;
  byHash(keyHash: string): Promise<CredentialRecord | undefined>;
  get(id: string): Promise<CredentialRecord | undefined>;
  listForParty(partyId: string): Promise<CredentialRecord[]>;
  revoke(id: string, at: string): Promise<boolean>;
}

export interface SubmissionRepo {
  insert(s: SubmissionRecord): Promise<void>;
  get(id: string): Promise<SubmissionRecord | undefined>;
  byIdempotencyKey(partyId: string, key: string): Promise<SubmissionRecord | undefined>;
}

export type DocumentSummary = Omit<
  DocumentRecord,
  "originalBytes" | "canonical" | "seal" | "findings" | "mapping"
>;

export interface DocumentRepo {
  insert(d: DocumentRecord): Promise<void>;
  get(id: string): Promise<DocumentRecord | undefined>;
  /** Only the sealed canonical JSON: what renderers need, without the original bytes. */
  canonical(id: string): Promise<string | undefined>;
  listBySubmission(submissionId: string): Promise<DocumentSummary[]>;
  listByUcr(ucr: string): Promise<DocumentSummary[]>;
  /**
   * An issuer's current documents of a type with this number, oldest first. Scoped by issuer so the
   * lookup stays an index probe however many other traders reuse the number (INV-001 is common).
   */
  listCurrentByNumber(issuerPartyId: string, type: string, number: string): Promise<DocumentSummary[]>;
  /** Records references the document may later be named by (a repeated one is kept once). */
  addKeys(keys: readonly DocumentKey[]): Promise<void>;
  /**
   * The current version of an issuer's document of a type, named by its number, or by a key
   * recorded for any version of it (its LRN or MRN, or an MRN customs gave in an answer).
   */
  findCurrent(
    issuerPartyId: string,
    type: string,
    key: "number" | "lrn" | "mrn",
    value: string,
  ): Promise<DocumentSummary | undefined>;
  /** Marks a version as no longer current (it was amended or cancelled). */
  markSuperseded(id: string, status: "superseded" | "cancelled"): Promise<void>;
}

export interface DeliveryRepo {
  insert(d: DeliveryRecord): Promise<void>;
  get(id: string): Promise<DeliveryRecord | undefined>;
  listByDocument(documentId: string): Promise<DeliveryRecord[]>;
  listByUcr(ucr: string): Promise<DeliveryRecord[]>;
  list(opts: {
    states?: DeliveryState[];
    partnerId?: string;
    limit: number;
    after?: string;
  }): Promise<DeliveryRecord[]>;
  /**
   * Claims up to `limit` deliveries that are due for publishing (pending, or retrying and due),
   * so that concurrent relays never take the same row. Claimed rows are leased until `leaseUntil`.
   */
  claimDue(opts: {
    now: string;
    limit: number;
    leaseUntil: string;
    owner: string;
    /** Embedded mode retries from the table; with a durable bus, retries wait in the broker. */
    includeRetrying: boolean;
  }): Promise<DeliveryRecord[]>;
  byMessageId(messageId: string): Promise<DeliveryRecord | undefined>;
  /** The partner's latest delivery of a document with this number (a partner answering by number). */
  latestByDocumentNumber(partnerId: string, number: string): Promise<DeliveryRecord | undefined>;
  /** Marks claimed rows published, each only if still in the state it was claimed in; one statement. */
  markPublished(ids: readonly string[], from: DeliveryState, at: string): Promise<number>;
  /** The partner's latest delivery whose message id ends with these 14 hex digits (dashes aside). */
  byInterchangeRef(partnerId: string, ref: string): Promise<DeliveryRecord | undefined>;
  /** Records the first partner response time (later responses keep the first). */
  setResponded(id: string, at: string): Promise<void>;
  /** Compare-and-set: changes the state only if it is still one of `from`. Returns whether it changed. */
  transition(
    id: string,
    from: readonly DeliveryState[],
    patch: Partial<
      Pick<
        DeliveryRecord,
        "state" | "attempts" | "nextAttemptAt" | "lastError" | "deliveredAt" | "receipt" | "respondedAt"
      >
    > & {
      updatedAt: string;
    },
  ): Promise<boolean>;
  recordAttempt(a: DeliveryAttemptRecord): Promise<void>;
  /** Deliveries past their response deadline with no answer, not yet flagged, not cancelled or dead. */
  listOverdue(opts: { now: string; limit: number }): Promise<DeliveryRecord[]>;
  /** Flags a delivery overdue unless it was flagged or answered already; true when this call flagged it. */
  markOverdue(id: string, at: string): Promise<boolean>;
  attempts(deliveryId: string): Promise<DeliveryAttemptRecord[]>;
  /**
   * After a crash of the only process (embedded mode): messages published to the in-process bus
   * are gone, so published rows go back to pending, and every lease is released.
   */
  resetInFlight(now: string): Promise<number>;
}

export interface AuditRepo {
  /** Appends to the event's chain; seq, prevHash and hash are assigned inside the transaction. */
  append(e: AuditEventInput): Promise<AuditEventRecord>;
  chain(chain: string, opts?: { fromSeq?: number; limit?: number }): Promise<AuditEventRecord[]>;
  head(chain: string): Promise<ChainHead | undefined>;
  heads(opts?: { after?: string; limit?: number }): Promise<ChainHead[]>;
  /** Heads whose seq moved past the last checkpoint that covered them. */
  headsChangedSince(checkpointId: number): Promise<ChainHead[]>;
  byDocument(documentId: string): Promise<AuditEventRecord[]>;
  /** Chains that hold events, optionally only those with an event in [fromAt, toAt]; paged by name. */
  chainNames(opts: { after?: string; limit: number; fromAt?: string; toAt?: string }): Promise<string[]>;
  count(): Promise<number>;
}

export interface CheckpointRepo {
  insert(
    c: Omit<CheckpointRecord, "id">,
    leaves: readonly Omit<CheckpointLeaf, "checkpointId">[],
  ): Promise<CheckpointRecord>;
  latest(): Promise<CheckpointRecord | undefined>;
  get(id: number): Promise<CheckpointRecord | undefined>;
  list(opts?: { fromAt?: string; toAt?: string }): Promise<CheckpointRecord[]>;
  leaves(checkpointId: number): Promise<CheckpointLeaf[]>;
  /** The most recent checkpoint leaf for a chain, i.e. its last attested head. */
  lastLeafFor(chain: string): Promise<CheckpointLeaf | undefined>;
}

export interface InboxRepo {
  put(m: Omit<InboxMessage, "id" | "ackedAt">): Promise<void>;
  pending(partnerId: string, limit: number): Promise<InboxMessage[]>;
  get(partnerId: string, messageId: string): Promise<InboxMessage | undefined>;
  ack(partnerId: string, messageIds: readonly string[], at: string): Promise<number>;
}

export interface ResponseRepo {
  insert(r: ResponseRecord): Promise<void>;
  byPartnerMessageId(partnerId: string, partnerMessageId: string): Promise<ResponseRecord | undefined>;
  listByUcr(ucr: string): Promise<ResponseRecord[]>;
  listByDocument(documentId: string): Promise<ResponseRecord[]>;
}

export interface NotificationRepo {
  /** Inserts unless the party already has one of this kind for this subject; true when inserted. */
  insert(n: NotificationRecord): Promise<boolean>;
  get(id: string): Promise<NotificationRecord | undefined>;
  listByUcr(ucr: string): Promise<NotificationRecord[]>;
  /** Claims due notifications (pending, or retrying and due), leased until `leaseUntil`; concurrent claimers take disjoint rows. */
  claimDue(opts: {
    now: string;
    limit: number;
    leaseUntil: string;
    owner: string;
  }): Promise<NotificationRecord[]>;
  /** Compare-and-set from one of `from`; ends the lease. Returns whether it changed. */
  settle(
    id: string,
    from: readonly NotificationState[],
    patch: Pick<
      NotificationRecord,
      "state" | "attempts" | "nextAttemptAt" | "lastError" | "deliveredAt" | "updatedAt"
    >,
  ): Promise<boolean>;
}

/** Trace search: every filter is optional; results are newest first, `limit` rows from after `cursor`. */
export interface TraceQuery {
  readonly ucr?: string;
  readonly documentId?: string;
  readonly number?: string;
  /** The issuing (or represented) party. */
  readonly party?: string;
  readonly type?: string;
  readonly partner?: string;
  /** Only documents delivered to one of these partners (a regulator's jurisdiction); never empty. */
  readonly partnerIn?: readonly string[];
  /** A document status, a delivery state, or a partner response status (e.g. customs.released). */
  readonly status?: string;
  readonly from?: string;
  readonly to?: string;
  /** Only documents with (true) or without (false) a risk warning. */
  readonly risk?: boolean;
  readonly limit: number;
  readonly cursor?: { readonly createdAt: string; readonly id: string };
}

/** A signed statement that a document's bodies were purged; its digests stay checkable. */
export interface DocumentTombstone {
  readonly documentId: string;
  readonly ucr: string;
  readonly purgedAt: string;
  readonly originalDigest: string;
  readonly canonicalDigest: string;
  /** JCS of the statement the signature covers. */
  readonly statement: string;
  /** Compact JWS (detached payload) over `statement`. */
  readonly signature: string;
}

export interface TraceRepo {
  search(q: TraceQuery): Promise<DocumentSummary[]>;
  deliveriesOf(documentIds: readonly string[]): Promise<DeliveryRecord[]>;
  /** Of these documents, those with a risk warning (any status). */
  riskFlagged(documentIds: readonly string[]): Promise<Set<string>>;
  /** Unpurged documents created before `before` whose deliveries are all settled, oldest first. */
  purgeCandidates(opts: { before: string; limit: number }): Promise<DocumentSummary[]>;
  /** Empties a document's bodies and stores its tombstone; false when it was purged already. */
  purge(t: DocumentTombstone, placeholder: string): Promise<boolean>;
  tombstone(documentId: string): Promise<DocumentTombstone | undefined>;
  tombstonesByUcr(ucr: string): Promise<DocumentTombstone[]>;
}

export interface CertificateRepo {
  bind(c: PartyCertificateRecord): Promise<void>;
  /** The party's certificates; removed ones only when asked. */
  list(partyId: string, opts?: { includeRemoved?: boolean }): Promise<PartyCertificateRecord[]>;
  remove(partyId: string, sha256: string, at: string): Promise<boolean>;
}

/** Everything readable and writable inside one transaction. */
export interface Tx {
  readonly parties: PartyRepo;
  readonly credentials: CredentialRepo;
  readonly submissions: SubmissionRepo;
  readonly documents: DocumentRepo;
  readonly deliveries: DeliveryRepo;
  readonly audit: AuditRepo;
  readonly checkpoints: CheckpointRepo;
  readonly inbox: InboxRepo;
  readonly responses: ResponseRepo;
  readonly notifications: NotificationRepo;
  readonly certificates: CertificateRepo;
  readonly trace: TraceRepo;
  // The enterprise register (src/ports/register.ts).
  readonly mandates: MandateRepo;
  readonly measures: MeasureRepo;
  readonly verifications: VerificationRepo;
  readonly riskWarnings: RiskWarningRepo;
  readonly riskStats: RiskStatsRepo;
  readonly complaints: ComplaintRepo;
  readonly credit: CreditRepo;
  readonly terms: TermRepo;
  readonly holds: HoldRepo;
  readonly stats: StatsRepo;
}

export interface Store {
  readonly dialect: "sqlite" | "postgres";
  migrate(): Promise<void>;
  pendingMigrations(): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Group commit: `fn` shares a transaction with other concurrent units and resolves only after
   * that transaction commits. `fn` must write only through `tx` and must be safe to run again
   * (a batch that hits a transient error such as a deadlock is retried whole).
   * A unit that throws is rolled back alone; the others commit.
   */
  unit<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A transaction of its own, committed before this resolves (row locks, admin actions). */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Reads outside any transaction. */
  readonly read: Tx;
}
