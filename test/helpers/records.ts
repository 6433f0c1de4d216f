import type {
  AuditEventInput,
  DeliveryRecord,
  DocumentRecord,
  PartyRecord,
  SubmissionRecord,
} from "../../src/ports/records.js";
import { uuidv7 } from "../../src/util/ids.js";

const now = () => new Date().toISOString();

export function party(over: Partial<PartyRecord> = {}): PartyRecord {
  return {
    id: uuidv7(),
    name: "Test Exporter Co",
    kind: "enterprise",
    partnerKind: null,
    identifiers: [],
    country: "CN",
    verification: "verified",
    status: "active",
    profile: {},
    createdAt: now(),
    updatedAt: now(),
    ...over,
  };
}

export function submission(partyId: string, over: Partial<SubmissionRecord> = {}): SubmissionRecord {
  return {
    id: uuidv7(),
    partyId,
    credentialId: null,
    actingFor: null,
    idempotencyKey: null,
    requestDigest: "sha256:00",
    receivedAt: now(),
    ucr: "UCR-TEST",
    documentIds: [],
    httpStatus: 202,
    response: { ok: true },
    receipt: { r: 1 },
    ...over,
  };
}

export function document(
  submissionId: string,
  issuerPartyId: string,
  over: Partial<DocumentRecord> = {},
): DocumentRecord {
  const id = over.id ?? uuidv7();
  return {
    id,
    submissionId,
    ucr: "UCR-TEST",
    lineageId: id,
    type: "commercial-invoice",
    number: "INV-1",
    version: 1,
    functionCode: "original",
    supersedes: null,
    issuerPartyId,
    originalFormat: "json",
    originalMediaType: "application/json",
    originalBytes: Buffer.from("{}"),
    originalDigest: "sha256:aa",
    canonical: "{}",
    canonicalDigest: "sha256:bb",
    seal: "x..y",
    status: "accepted",
    isCurrent: true,
    findings: [],
    mapping: {},
    createdAt: now(),
    ...over,
  };
}

export function delivery(documentId: string, over: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    id: uuidv7(),
    documentId,
    ucr: "UCR-TEST",
    partnerId: "customs-1",
    adapterId: "customs-wco",
    routingKey: "customs.customs-1.export-declaration",
    messageId: uuidv7(),
    state: "pending",
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    createdAt: now(),
    updatedAt: now(),
    deliveredAt: null,
    dueAt: null,
    respondedAt: null,
    receipt: null,
    ...over,
  };
}

export function event(
  chain: string,
  type = "document.accepted",
  data: Record<string, unknown> = {},
): AuditEventInput {
  return { chain, type, at: now(), actor: { partyId: null, role: "system" }, subject: {}, data };
}
