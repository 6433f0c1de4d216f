/** WCO Data Model 3.x declaration messages, as the UK CDS (DEC-DMS) publishes them. */
export const WCO_NS = {
  metadata: "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2",
  declaration: "urn:wco:datamodel:WCO:DEC-DMS:2",
  response: "urn:wco:datamodel:WCO:RES-DMS:2",
} as const;

/** UN/EDIFACT 1225 message function codes, as WCO FunctionCode carries them. */
export const FUNCTION_CODES = { original: "9", replacement: "5", cancellation: "1" } as const;
