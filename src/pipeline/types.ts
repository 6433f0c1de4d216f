import type { Issue } from "../errors/index.js";
import type { MappingReport } from "../formats/mapping.js";
import type { ReadDocument } from "../formats/types.js";
import type { CanonicalDocument } from "../model/canonical.js";
import type { Role } from "../ports/records.js";

/** Who submits: the authenticated credential's party, and whom it acts for under a mandate. */
export interface Submitter {
  readonly partyId: string;
  readonly role: Role;
  readonly credentialId: string | null;
  /** The exporter a declarant or broker acts for (checked against its mandate). */
  readonly onBehalfOf: string | null;
}

export interface SubmissionInput {
  readonly submissionId: string;
  readonly body: Buffer;
  readonly contentType: string | undefined;
  readonly idempotencyKey: string | null;
  readonly submitter: Submitter;
  readonly receivedAt: Date;
  /** A UCR given outside the documents (header or dossier), used when they carry none. */
  readonly ucr: string | null;
  /** A detached signature over the body (X-SWG-Signature): JAdES for JSON, CMS for other bytes. */
  readonly signature: string | null;
}

/** One original within a submission: the whole body, or one part of a dossier. */
export interface Part {
  readonly index: number;
  readonly bytes: Buffer;
  readonly mediaType: string;
  /** A detached signature over the bytes (JAdES for JSON, CMS for EDIFACT), when one came with them. */
  readonly signature?: string;
}

/** A document as a reader produced it, still tied to its part. */
export interface NormalizedDoc {
  /** Index of the document within the submission (Issue.document). */
  readonly index: number;
  readonly part: Part;
  readonly read: ReadDocument;
}

/** A document with everything the gateway assigns: id, version, lineage, UCR. */
export interface PreparedDoc {
  readonly index: number;
  readonly part: Part;
  readonly canonical: CanonicalDocument;
  readonly lineageId: string;
  readonly report: MappingReport;
  readonly sourceMap: ReadonlyMap<string, string>;
  /** The version this one supersedes, when it is an amendment or cancellation. */
  readonly supersedes: { readonly id: string; readonly partners: readonly string[] } | null;
  readonly warnings: readonly Issue[];
}

export interface SealedDoc extends PreparedDoc {
  /** RFC 8785 canonical JSON: the exact bytes the seal covers and the store keeps. */
  readonly jcs: string;
  readonly canonicalDigest: string;
  readonly originalDigest: string;
  readonly seal: string;
}

export interface PlannedDelivery {
  readonly id: string;
  readonly documentId: string;
  readonly ucr: string;
  readonly partnerId: string;
  readonly adapterId: string;
  readonly routingKey: string;
  readonly messageId: string;
  readonly ruleId: string;
  readonly dueAt: string;
}

export interface SignedReceipt {
  readonly receipt: Readonly<Record<string, unknown>>;
  /** Compact JWS with detached payload over the receipt's RFC 8785 bytes. */
  readonly signature: string;
}
