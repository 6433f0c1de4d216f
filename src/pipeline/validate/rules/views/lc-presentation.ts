import type { CanonicalDocument } from "../../../../model/canonical.js";
import type { Incoterms, Location, Party } from "./common.js";

/** Kinds of document 46A requires and a presentation lists. */
export type CreditDocumentType =
  | "commercial-invoice"
  | "packing-list"
  | "certificate-of-origin"
  | "inspection-certificate"
  | "insurance-certificate"
  | "bill-of-lading"
  | "sea-waybill"
  | "air-waybill"
  | "draft"
  | "other";

export type ShipmentTerm = "ALLOWED" | "NOT ALLOWED" | "CONDITIONAL";

/** The credit's terms (MT700), schemas/canonical/v1/lc-presentation.schema.json#/$defs/credit. */
export interface Credit {
  readonly number: string;
  readonly issueDate: string;
  readonly expiryDate: string;
  readonly expiryPlace?: string;
  readonly applicant: Party;
  readonly beneficiary: Party;
  readonly issuingBank: Party;
  readonly currency: string;
  readonly amount: number;
  readonly tolerance?: { readonly plus: number; readonly minus: number };
  readonly partialShipments?: ShipmentTerm;
  readonly transhipment?: ShipmentTerm;
  readonly placeOfTakingInCharge?: Location;
  readonly portOfLoading?: Location;
  readonly portOfDischarge?: Location;
  readonly placeOfFinalDestination?: Location;
  readonly latestShipmentDate?: string;
  readonly goodsDescription?: string;
  readonly incoterms?: Incoterms;
  readonly documentsRequired: readonly {
    readonly documentType: CreditDocumentType;
    readonly text: string;
    readonly originals?: number;
    readonly copies?: number;
    readonly fullSet?: boolean;
  }[];
  readonly additionalConditions?: readonly string[];
  readonly presentationPeriod?: { readonly days: number; readonly narrative?: string };
}

export interface PresentedDocument {
  readonly documentId?: string;
  readonly documentType: CreditDocumentType;
  readonly number: string;
  readonly issuedAt?: string;
  readonly originals?: number;
  readonly copies?: number;
}

export interface LcPresentation {
  readonly number: string;
  readonly issuedAt: string;
  readonly credit: Credit;
  readonly presentationDate: string;
  readonly presenter?: Party;
  readonly presentingBank?: Party;
  readonly drawingAmount?: number;
  readonly presentedDocuments: readonly PresentedDocument[];
  readonly drawingNumber?: string;
}

export function asLcPresentation(d: CanonicalDocument): LcPresentation {
  return d as unknown as LcPresentation;
}
