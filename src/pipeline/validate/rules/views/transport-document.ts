import type { CanonicalDocument } from "../../../../model/canonical.js";
import type {
  Amount,
  Equipment,
  GoodsItem,
  Location,
  MeansOfTransport,
  Party,
  Quantity,
  Weight,
} from "./common.js";

/** What the bill of lading and the shipping instruction share (schemas/canonical/v1/bill-of-lading, shipping-instruction). */
export interface Carriage {
  readonly number: string;
  readonly issuedAt: string;
  readonly shipper: Party;
  readonly consignee?: Party;
  readonly toOrder?: boolean;
  readonly orderOf?: Party;
  readonly notifyParties?: readonly Party[];
  readonly carrier?: Party;
  readonly forwarder?: Party;
  readonly bookingReference?: string;
  readonly placeOfReceipt?: Location;
  readonly portOfLoading: Location;
  readonly portOfDischarge: Location;
  readonly placeOfDelivery?: Location;
  readonly transhipmentPorts?: readonly Location[];
  readonly vessel?: MeansOfTransport;
  readonly preCarriage?: MeansOfTransport;
  readonly freightTerms?: "prepaid" | "collect";
  readonly freightPayableAt?: Location;
  readonly equipment?: readonly Equipment[];
  readonly goodsItems: readonly GoodsItem[];
  readonly totals?: {
    readonly packageCount?: number;
    readonly grossWeight?: Weight;
    readonly volume?: Quantity;
  };
  readonly lcNumber?: string;
  readonly invoiceNumbers?: readonly string[];
  readonly exportReferences?: readonly string[];
  readonly originals?: number;
  readonly copies?: number;
  readonly declaredValue?: Amount;
}

export interface BillOfLading extends Carriage {
  readonly carrier: Party;
  readonly variant: "bill-of-lading" | "sea-waybill";
  readonly negotiable: boolean;
  readonly shippedOnBoardDate?: string;
  readonly receivedForShipmentDate?: string;
  readonly placeOfIssue?: Location;
  readonly clean?: boolean;
  readonly clauses?: readonly string[];
  readonly signedBy?: "carrier" | "master" | "agent-for-carrier" | "agent-for-master";
}

export interface ShippingInstruction extends Carriage {
  readonly transportDocumentType: "bill-of-lading" | "sea-waybill";
  readonly negotiable?: boolean;
  readonly requestedClauses?: readonly string[];
  readonly invoice?: { readonly number: string; readonly amount?: number; readonly currency?: string };
}

export function asBillOfLading(d: CanonicalDocument): BillOfLading {
  return d as unknown as BillOfLading;
}

export function asShippingInstruction(d: CanonicalDocument): ShippingInstruction {
  return d as unknown as ShippingInstruction;
}

/**
 * The date of shipment a bill of lading evidences (UCP 600 art. 20(a)(ii)): the on-board notation's
 * date when there is one, else the date of issue.
 */
export function shipmentDate(bl: BillOfLading): string {
  return bl.shippedOnBoardDate ?? bl.issuedAt;
}
