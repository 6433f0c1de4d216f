/** Inspection types of schemas/canonical/v1/inspection-application.schema.json. */
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
