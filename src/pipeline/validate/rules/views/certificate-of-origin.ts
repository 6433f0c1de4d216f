import type { CanonicalDocument } from "../../../../model/canonical.js";
import type { GoodsItem, Location, MeansOfTransport, Party } from "./common.js";

/** schemas/canonical/v1/certificate-of-origin.schema.json */
export interface OriginGoodsItem extends GoodsItem {
  readonly originCriterion?: string;
  readonly invoiceNumber?: string;
}

export interface CertificateOfOrigin {
  readonly number: string;
  readonly issuedAt: string;
  readonly certificateType: "non-preferential" | "preferential";
  readonly agreement?: string;
  readonly formType?: string;
  readonly exporter: Party;
  readonly producer?: Party;
  readonly consignee: Party;
  readonly issuingAuthority: Party;
  readonly issuingCountry?: string;
  readonly exportCountry: string;
  readonly importingCountry: string;
  readonly originCountry?: string;
  readonly transport?: MeansOfTransport;
  readonly departureDate?: string;
  readonly portOfLoading?: Location;
  readonly portOfDischarge?: Location;
  readonly invoices?: readonly {
    readonly type: string;
    readonly number: string;
    readonly id?: string;
    readonly issuedAt?: string;
  }[];
  readonly goodsItems: readonly OriginGoodsItem[];
  readonly issuedRetrospectively?: boolean;
}

export function asCertificateOfOrigin(d: CanonicalDocument): CertificateOfOrigin {
  return d as unknown as CertificateOfOrigin;
}
