import type { CanonicalDocument } from "../../../../model/canonical.js";
import type { Equipment, GoodsItem, Incoterms, Location, Party, Weight } from "./common.js";

/** schemas/canonical/v1/export-declaration.schema.json */
export interface DeclarationItem extends GoodsItem {
  readonly hsCode: string;
  readonly procedure?: string;
  readonly additionalDocuments?: readonly {
    readonly typeCode: string;
    readonly number: string;
    readonly documentId?: string;
  }[];
  readonly statisticalValue?: number;
}

export interface ExportDeclaration {
  readonly number: string;
  readonly issuedAt: string;
  readonly declarationType: string;
  readonly lrn?: string;
  readonly mrn?: string;
  readonly customsOffice?: string;
  readonly exporter: Party;
  readonly declarant: Party;
  readonly representation?: {
    readonly type: "direct" | "indirect";
    readonly mandateId?: string;
    readonly representative?: Party;
  };
  readonly consignee?: Party;
  readonly exportCountry: string;
  readonly destinationCountry: string;
  readonly incoterms?: Incoterms;
  readonly invoice: { readonly number?: string; readonly currency: string; readonly amount: number };
  readonly transport?: {
    readonly modeAtBorder?: string;
    readonly meansName?: string;
    readonly meansId?: string;
    readonly voyage?: string;
    readonly loadingLocation?: Location;
    readonly exitOffice?: string;
    readonly equipment?: readonly Equipment[];
    readonly nationality?: string;
    readonly inlandMode?: string;
    readonly containerised?: boolean;
  };
  readonly goodsItems: readonly DeclarationItem[];
  readonly totals?: { readonly packageCount?: number; readonly grossWeight?: Weight };
  readonly carrier?: Party;
  readonly goodsLocation?: Location;
  readonly transactionNature?: string;
}

export function asDeclaration(d: CanonicalDocument): ExportDeclaration {
  return d as unknown as ExportDeclaration;
}
