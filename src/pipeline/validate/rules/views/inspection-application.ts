import type { CanonicalDocument } from "../../../../model/canonical.js";
import type { Equipment, GoodsItem, Location, MeansOfTransport, Party } from "./common.js";

export const INSPECTION_TYPES = [
  "phytosanitary",
  "sanitary",
  "veterinary",
  "quality",
  "quantity",
  "weight",
  "fumigation",
  "health",
  "radiation",
  "pre-shipment",
] as const;
export type InspectionType = (typeof INSPECTION_TYPES)[number];

/** schemas/canonical/v1/inspection-application.schema.json */
export interface InspectionApplication {
  readonly inspectionTypes: readonly InspectionType[];
  readonly applicant: Party;
  readonly exporter?: Party;
  readonly consignee?: Party;
  readonly authority: Party;
  readonly exportCountry?: string;
  readonly destinationCountry: string;
  readonly inspectionPlace?: Location;
  readonly requestedDate?: string;
  readonly portOfLoading?: Location;
  readonly portOfDischarge?: Location;
  readonly transport?: MeansOfTransport;
  readonly plannedShipmentDate?: string;
  readonly contractNumber?: string;
  readonly lcNumber?: string;
  readonly goodsItems: readonly GoodsItem[];
  readonly equipment?: readonly Equipment[];
}

export function asInspectionApplication(d: CanonicalDocument): InspectionApplication {
  return d as unknown as InspectionApplication;
}
