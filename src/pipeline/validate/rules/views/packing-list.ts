import type { CanonicalDocument } from "../../../../model/canonical.js";
import type { Equipment, Location, Party, Quantity, Weight } from "./common.js";

/** schemas/canonical/v1/packing-list.schema.json */
export interface PackageContent {
  readonly invoiceLine?: number;
  readonly description: string;
  readonly hsCode?: string;
  readonly quantity: Quantity;
  readonly sellerItemId?: string;
}

export interface PackageLine {
  readonly sequence: number;
  readonly count: number;
  readonly typeCode: string;
  readonly marks?: string;
  readonly equipmentId?: string;
  readonly grossWeight?: Weight;
  readonly netWeight?: Weight;
  readonly volume?: Quantity;
  readonly contents?: readonly PackageContent[];
}

export interface PackingList {
  readonly number: string;
  readonly issuedAt: string;
  readonly consignor: Party;
  readonly consignee?: Party;
  readonly shipmentDate?: string;
  readonly packages: readonly PackageLine[];
  readonly equipment?: readonly Equipment[];
  readonly totals: {
    readonly packageCount: number;
    readonly grossWeight?: Weight;
    readonly netWeight?: Weight;
    readonly volume?: Quantity;
  };
  readonly invoiceNumber?: string;
  readonly exporter?: Party;
  readonly portOfLoading?: Location;
  readonly portOfDischarge?: Location;
}

export function asPackingList(d: CanonicalDocument): PackingList {
  return d as unknown as PackingList;
}
