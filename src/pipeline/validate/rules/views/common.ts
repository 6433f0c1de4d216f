/**
 * Typed views of the shared definitions (schemas/common/v1). Documents reach the rules after ajv has
 * checked them, so a view is a cast, not a parse; optional fields stay optional.
 */
import type { PartyData } from "../../../../model/canonical.js";

export type Party = PartyData;

export interface Quantity {
  readonly value: number;
  readonly unit: string;
}

export type MassUnit = "KGM" | "GRM" | "TNE" | "LBR";

export interface Weight {
  readonly value: number;
  readonly unit: MassUnit;
}

export interface Location {
  readonly locode?: string;
  readonly name?: string;
  readonly country?: string;
}

export interface Incoterms {
  readonly code: string;
  readonly place?: Location;
  readonly version?: string;
}

export interface Packages {
  readonly count: number;
  readonly typeCode: string;
  readonly marks?: string;
}

export interface Equipment {
  readonly id: string;
  readonly sizeType?: string;
  readonly seals?: readonly string[];
}

export interface GoodsItem {
  readonly sequence: number;
  readonly description: string;
  readonly hsCode?: string;
  readonly originCountry?: string;
  readonly quantity?: Quantity;
  readonly packages?: Packages;
  readonly grossWeight?: Weight;
  readonly netWeight?: Weight;
  readonly value?: number;
  readonly volume?: Quantity;
  readonly equipmentIds?: readonly string[];
}

/** schemas/common/v1/means-of-transport.schema.json */
export interface MeansOfTransport {
  readonly mode: string;
  readonly name?: string;
  readonly imoNumber?: string;
  readonly id?: string;
  readonly voyage?: string;
  readonly nationality?: string;
}

export interface Amount {
  readonly value: number;
  readonly currency: string;
}
