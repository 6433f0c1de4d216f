import type { CanonicalDocument } from "../../../../model/canonical.js";
import type { Incoterms, Location, Packages, Party, Quantity, Weight } from "./common.js";

/** schemas/canonical/v1/commercial-invoice.schema.json */
export interface AllowanceCharge {
  readonly amount: number;
  readonly baseAmount?: number;
  readonly percent?: number;
  readonly reason?: string;
  readonly reasonCode?: string;
  readonly taxCategory?: string;
  readonly taxRate?: number;
}

export interface InvoiceLine {
  readonly sequence: number;
  readonly lineId?: string;
  readonly description: string;
  readonly sellerItemId?: string;
  readonly hsCode?: string;
  readonly originCountry?: string;
  readonly quantity: Quantity;
  readonly unitPrice?: number;
  readonly priceBaseQuantity?: number;
  readonly allowances?: readonly AllowanceCharge[];
  readonly charges?: readonly AllowanceCharge[];
  readonly lineAmount: number;
  readonly taxCategory?: string;
  readonly taxRate?: number;
  readonly netWeight?: Weight;
  readonly grossWeight?: Weight;
  readonly packages?: Packages;
}

export interface TaxSubtotal {
  readonly category: string;
  readonly rate?: number;
  readonly taxableAmount: number;
  readonly taxAmount: number;
  readonly exemptionReason?: string;
}

export interface InvoiceTotals {
  readonly lineTotal: number;
  readonly allowanceTotal?: number;
  readonly chargeTotal?: number;
  readonly taxExclusive: number;
  readonly taxTotal?: number;
  readonly taxInclusive?: number;
  readonly prepaid?: number;
  readonly rounding?: number;
  readonly payable: number;
}

export interface Invoice {
  readonly number: string;
  readonly issuedAt: string;
  readonly invoiceTypeCode?: string;
  readonly seller: Party;
  readonly buyer: Party;
  readonly consignee?: Party;
  readonly currency: string;
  readonly dueDate?: string;
  readonly paymentTerms?: string;
  readonly buyerReference?: string;
  readonly orderReference?: string;
  readonly incoterms?: Incoterms;
  readonly deliveryDate?: string;
  readonly lines: readonly InvoiceLine[];
  readonly allowances?: readonly AllowanceCharge[];
  readonly charges?: readonly AllowanceCharge[];
  readonly taxes?: readonly TaxSubtotal[];
  readonly totals: InvoiceTotals;
  readonly taxCurrency?: string;
  readonly lcNumber?: string;
  readonly exporter?: Party;
  readonly portOfLoading?: Location;
  readonly portOfDischarge?: Location;
}

export function asInvoice(d: CanonicalDocument): Invoice {
  return d as unknown as Invoice;
}

/** The amount invoiced: BT-112 when the invoice states it, else BT-109. */
export function invoicedAmount(inv: Invoice): number {
  return inv.totals.taxInclusive ?? inv.totals.taxExclusive;
}
