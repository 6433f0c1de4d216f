import type { CanonicalDocument } from "../../../../model/canonical.js";
import type { Amount, Incoterms, Location, MeansOfTransport, Packages, Party } from "./common.js";

/** schemas/canonical/v1/insurance-certificate.schema.json: a request (derived) or the insurer's certificate. */
export interface InsuranceCertificate {
  readonly number: string;
  readonly issuedAt: string;
  readonly status: "requested" | "issued";
  readonly insurer?: Party;
  readonly insured: Party;
  readonly beneficiary?: Party;
  readonly toOrder?: boolean;
  readonly policyNumber?: string;
  readonly currency: string;
  readonly insuredAmount: number;
  readonly insuredValueBasis?: { readonly basis: "CIF" | "CIP" | "invoice"; readonly percent: number };
  readonly coverage?: readonly { readonly code: string; readonly text?: string }[];
  readonly effectiveDate?: string;
  readonly shipmentDate?: string;
  readonly transport?: MeansOfTransport;
  readonly from?: Location;
  readonly to?: Location;
  readonly via?: Location;
  readonly goodsDescription?: string;
  readonly marks?: string;
  readonly packages?: Packages;
  readonly incoterms?: Incoterms;
  readonly invoiceNumber?: string;
  readonly lcNumber?: string;
  readonly claimsPayableAt?: Location;
  readonly claimsCurrency?: string;
  readonly surveyAgent?: Party;
  readonly originals?: number;
  readonly premium?: Amount;
}

export function asInsurance(d: CanonicalDocument): InsuranceCertificate {
  return d as unknown as InsuranceCertificate;
}
