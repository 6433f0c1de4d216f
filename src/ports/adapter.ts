import type { CanonicalDocument } from "../model/canonical.js";

/** adapters/<id>/manifest.json, checked against schemas/config/adapter-manifest.schema.json. */
export interface AdapterManifest {
  readonly id: string;
  readonly version: string;
  readonly name: string;
  readonly description?: string;
  readonly partnerKind: string;
  readonly documentTypes: readonly string[];
  readonly formats: { readonly outbound: readonly string[]; readonly inbound: readonly string[] };
  readonly dataAccess: Readonly<Record<string, readonly string[]>>;
  /** Partner kinds whose statuses on a delivered document this partner may see (e.g. the port: customs). */
  readonly statusAccess?: readonly string[];
  readonly statuses?: readonly string[];
  readonly configSchema: Readonly<Record<string, unknown>>;
}

export interface PartnerView {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly country?: string;
  readonly profile: Readonly<Record<string, unknown>>;
}

export interface RenderInput {
  /** The document cut down to what this partner may see (the manifest's dataAccess). */
  readonly document: CanonicalDocument;
  readonly delivery: { readonly id: string; readonly messageId: string; readonly attempt: number };
  readonly partner: PartnerView;
  readonly gateway: { readonly id: string; readonly name: string };
  /**
   * Other documents of the consignment the partner may see (e.g. the bank's cover schedule lists
   * them): the current versions of the types the manifest's dataAccess names but does not render,
   * each cut down like `document`.
   */
  readonly related?: readonly CanonicalDocument[];
  /** What partners answered on this document, for the kinds the manifest's statusAccess names. */
  readonly statuses?: readonly StatusView[];
}

/** A partner's answer on a document, as another partner may see it: the status and its references. */
export interface StatusView {
  readonly partnerKind: string;
  /** Canonical status, e.g. customs.released. */
  readonly status: string;
  readonly receivedAt: string;
  /** The answering partner's references (e.g. the MRN customs assigned). */
  readonly references?: Readonly<Record<string, unknown>>;
}

export interface Rendered {
  /** Which of the manifest's outbound formats this is (e.g. edifact-cusdec-d96b). */
  readonly format?: string;
  readonly mediaType: string;
  readonly body: Buffer;
  readonly filename?: string;
}

export interface ResponseInput {
  readonly body: Buffer;
  readonly mediaType: string;
  readonly partner: PartnerView;
}

/** How a response names what it answers; the gateway tries them in this order. */
export interface Correlation {
  /** Our message id, echoed by the partner: exact. */
  readonly messageId?: string;
  readonly documentId?: string;
  readonly documentNumber?: string;
  /**
   * A UN/EDIFACT interchange control reference the gateway wrote (UNB 0020), as a CONTRL echoes it:
   * the delivery's message id, dashes removed, its last 14 hex digits (see interchangeRefOf).
   */
  readonly interchangeRef?: string;
  readonly ucr?: string;
}

/** The UNB 0020 the gateway writes for a delivery: an..14 cannot hold the whole message id. */
export function interchangeRefOf(messageId: string): string {
  return messageId.replace(/-/g, "").slice(-14).toUpperCase();
}

export interface ParsedResponse {
  /** The partner's own id for this response; a repeated response with the same id is recognized. */
  readonly partnerMessageId: string;
  readonly correlation: Correlation;
  /** Canonical status, e.g. customs.accepted, customs.released, bank.discrepant. */
  readonly status: string;
  /** The status-event fields beyond the envelope: reasons, reference numbers, discrepancies, times. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** An adapter is pure: it renders and parses; the host does transport, signing, storage and retries. */
export interface Adapter {
  readonly manifest: AdapterManifest;
  render(input: RenderInput): Rendered;
  parseResponse(input: ResponseInput): ParsedResponse;
}

/** What adapters/<id>/index.ts exports as default. */
export type AdapterFactory = (manifest: AdapterManifest) => Adapter;
