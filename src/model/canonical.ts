/**
 * TypeScript view of the canonical model's envelope (schemas/common/v1/envelope.schema.json).
 * Type-specific fields stay loosely typed here: the JSON Schemas are the contract, and ajv
 * checks every document against them before any rule reads it.
 */
export const DOCUMENT_TYPES = [
  "commercial-invoice",
  "packing-list",
  "certificate-of-origin",
  "export-declaration",
  "inspection-application",
  "inspection-certificate",
  "insurance-certificate",
  "shipping-instruction",
  "bill-of-lading",
  "lc-presentation",
  "status-event",
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const SCHEMA_VERSION = "1.0";

export interface PartyData {
  readonly name: string;
  readonly identifiers?: readonly { readonly scheme: string; readonly value: string }[];
  readonly address?: { readonly country: string; readonly [k: string]: unknown };
  readonly [k: string]: unknown;
}

export interface OriginalInfo {
  readonly format: string;
  readonly mediaType: string;
  readonly digest: string;
  readonly documentType?: string;
}

export interface Envelope {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly id: string;
  readonly type: DocumentType;
  readonly version: number;
  readonly functionCode: "original" | "replacement" | "cancellation";
  readonly supersedes?: string;
  readonly ucr: string;
  readonly number: string;
  readonly issuedAt: string;
  readonly issuer: PartyData;
  readonly references?: readonly { readonly type: string; readonly number: string; readonly id?: string }[];
  readonly attachments?: readonly {
    readonly mediaType: string;
    readonly digest: string;
    readonly size: number;
  }[];
  readonly original: OriginalInfo;
}

/** A canonical document: the envelope plus its type's fields. */
export type CanonicalDocument = Envelope & { readonly [field: string]: unknown };

/**
 * A document as a reader produces it: the gateway has not yet assigned id, version and
 * original, and the UCR may still be unknown when the original does not carry one.
 */
export interface DraftEnvelope {
  readonly type: DocumentType;
  readonly number: string;
  readonly issuedAt: string;
  readonly issuer: PartyData;
  readonly ucr?: string;
  readonly functionCode?: Envelope["functionCode"];
  readonly supersedes?: string;
  readonly references?: Envelope["references"];
  readonly attachments?: Envelope["attachments"];
}

export type DraftDocument = DraftEnvelope & { readonly [field: string]: unknown };
