/**
 * UN/EDIFACT code lists the message readers and writers interpret, as data. Sources: the UNTDID
 * code lists (UNCL) of directories D93A to D16B as published by UNECE
 * (service.unece.org/trade/untdid/<dir>/uncl/uncl<nnnn>.htm); only codes whose meaning is the
 * same across those directories are listed. A code not listed is not interpreted: it stays in
 * the mapping report's unmapped list, or the reader says why it cannot map it.
 */

/**
 * The entry a code names in a table, own entries only: an element holding "valueOf" or
 * "constructor" must find nothing, not Object.prototype's function.
 */
export function codeIn<T>(table: Readonly<Record<string, T>>, code: string | undefined): T | undefined {
  return code !== undefined && Object.hasOwn(table, code) ? table[code] : undefined;
}

/** UNCL 1225 message function code → canonical function (DESIGN §4: versions). */
export const MESSAGE_FUNCTION: Readonly<
  Record<
    string,
    { readonly functionCode: "original" | "replacement" | "cancellation"; readonly delta?: true }
  >
> = {
  "9": { functionCode: "original" }, // Original
  "7": { functionCode: "original" }, // Duplicate (a resent original)
  "31": { functionCode: "original" }, // Copy
  "43": { functionCode: "original" }, // Additional transmission
  "46": { functionCode: "original" }, // Provisional
  "47": { functionCode: "original" }, // Definitive
  "5": { functionCode: "replacement" }, // Replace: the whole message again
  "4": { functionCode: "replacement", delta: true }, // Change: only the items that change
  "1": { functionCode: "cancellation" }, // Cancellation
  "3": { functionCode: "cancellation" }, // Deletion
};

/** UNCL 3055 agencies whose party identifiers map to a canonical scheme. */
export const PARTY_ID_AGENCIES: Readonly<
  Record<string, { readonly scheme: string; readonly shape: RegExp }>
> = {
  "9": { scheme: "GLN", shape: /^[0-9]{13}$/ }, // GS1 (formerly EAN)
  "16": { scheme: "DUNS", shape: /^[0-9]{9}$/ }, // Dun & Bradstreet
  "17": { scheme: "BIC", shape: /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/ }, // S.W.I.F.T.
};

/** UNCL 1153 references that identify the party they follow (NAD group RFF). */
export const PARTY_REFERENCES: Readonly<Record<string, string>> = {
  VA: "VAT", // VAT registration number
  FC: "TIN", // Fiscal number
  AHP: "TIN", // Tax registration number
};

/** UNCL 6313 measured attributes, read as the canonical weight or volume they state. */
export const GROSS_WEIGHT = new Set(["G", "AAB", "AAD", "AAE", "AAG"]);
export const NET_WEIGHT = new Set(["AAA", "AAC", "AAF", "AAL"]);
export const GROSS_VOLUME = new Set(["AAW"]);
export const TARE_WEIGHT = new Set(["T"]);
export const VERIFIED_GROSS_MASS = new Set(["VGM"]);

/** UN/ECE Recommendation 20 mass units the canonical weight accepts. */
export const MASS_UNITS = new Set(["KGM", "GRM", "TNE", "LBR"]);

/**
 * Package type codes that are not UN/ECE Recommendation 21 codes but have a Rec 21
 * counterpart: the GS1/EANCOM pallet codes (EANCOM 7065: 200 ISO 0 half pallet, 201 ISO 1
 * pallet, 202 ISO 2 pallet) are pallets (PX).
 */
export const PACKAGE_TYPE_ALIASES: Readonly<Record<string, string>> = {
  "200": "PX",
  "201": "PX",
  "202": "PX",
};

/** UNCL 1001 document names of the transport documents a shipper may ask for (IFTMIN DOC). */
export const TRANSPORT_DOCUMENTS: Readonly<Record<string, "bill-of-lading" | "sea-waybill">> = {
  "704": "bill-of-lading", // Master bill of lading
  "705": "bill-of-lading", // Bill of lading
  "706": "bill-of-lading", // Bill of lading original
  "707": "bill-of-lading", // Bill of lading copy
  "714": "bill-of-lading", // House bill of lading
  "761": "bill-of-lading", // Through bill of lading
  "700": "sea-waybill", // Waybill
  "710": "sea-waybill", // Sea waybill
  "712": "sea-waybill", // Non-negotiable maritime transport document
};

/** UNCL 4237 payment arrangement (CPI) and 4215 transport charges payment method (TOD). */
export const FREIGHT_TERMS: Readonly<Record<string, "prepaid" | "collect">> = {
  P: "prepaid",
  C: "collect",
  PP: "prepaid",
  CC: "collect",
};

/**
 * UNCL 7365 processing indicator (CUSRES GIS/GEI) → customs status. A response that carries
 * several indicators reports the strongest, in the order of CUSTOMS_STATUS_RANK.
 */
export const PROCESSING_INDICATOR: Readonly<Record<string, CustomsStatus>> = {
  "1": "accepted", // Message content accepted
  "2": "rejected", // Message content rejected with comment
  "3": "rejected", // Message content rejected without comment
  "4": "released", // Goods released
  "5": "held-for-examination", // Goods required for examination
  "6": "documents-required", // All documents or as specified to be produced
  "7": "held-for-examination", // Goods detained
  "8": "released", // Goods may move under Customs transfer
  "9": "accepted", // Declaration accepted awaiting goods arrival
  "14": "rejected", // Error message
  "15": "accepted", // Response after correction, correction approved
  "16": "rejected", // Response after correction, correction non approved
};

/** UNCL 4343 response type (CUSRES BGM). */
export const RESPONSE_TYPE: Readonly<Record<string, CustomsStatus>> = {
  AP: "accepted", // Accepted
  RE: "rejected", // Rejected
};

/** UNCL 1001 CUSRES document names that state the outcome themselves. */
export const CUSTOMS_RESPONSE_DOCUMENT: Readonly<Record<string, CustomsStatus>> = {
  "963": "rejected", // Error response (Customs)
  "932": "released", // Customs delivery note
};

export type CustomsStatus =
  "accepted" | "rejected" | "released" | "held-for-examination" | "documents-required";

/** Strongest first: a rejection outranks a hold, a hold a release, a release an acceptance. */
export const CUSTOMS_STATUS_RANK: readonly CustomsStatus[] = [
  "rejected",
  "held-for-examination",
  "documents-required",
  "released",
  "accepted",
];

/** UNCL 7365 codes that say which way the goods move (CUSDEC GIS/GEI). */
export const EXPORT_INDICATOR = "22";
export const NON_EXPORT_INDICATORS = new Set(["23", "24"]); // Import, Transit

/** UNCL 1001 customs declarations: export ones, and those that need the GIS indicator to tell. */
export const EXPORT_DECLARATIONS = new Set(["830"]); // Goods declaration for exportation
export const GENERIC_DECLARATIONS = new Set(["913", "914", "915", "960"]);

/**
 * UN/ECE Recommendation 24 transport status codes (IFTSTA STS 4405) → the DCSA Track &
 * Trace event of a canonical carrier milestone. Codes without a DCSA counterpart are not
 * forced into one: the reader refuses them.
 */
export const REC24_TO_DCSA: Readonly<
  Record<
    string,
    {
      readonly type: "SHIPMENT" | "TRANSPORT" | "EQUIPMENT";
      readonly code: string;
      readonly equipment?: true;
    }
  >
> = {
  "1": { type: "TRANSPORT", code: "ARRI" }, // Arrival, completed
  "40": { type: "TRANSPORT", code: "ARRI" }, // Arrival at port
  "24": { type: "TRANSPORT", code: "DEPA" }, // Departure, completed
  "31": { type: "TRANSPORT", code: "DEPA" }, // En route
  "6": { type: "SHIPMENT", code: "CONF" }, // Booking, completed
  "7": { type: "SHIPMENT", code: "CANC" }, // Booking, cancelled
  "12": { type: "SHIPMENT", code: "RELS" }, // Cleared by customs
  "13": { type: "EQUIPMENT", code: "PICK", equipment: true }, // Collection/pick-up, completed
  "16": { type: "EQUIPMENT", code: "CROS", equipment: true }, // Crossed border
  "21": { type: "EQUIPMENT", code: "DROP", equipment: true }, // Delivery, completed
  "28": { type: "EQUIPMENT", code: "STRP", equipment: true }, // Stripped
  "29": { type: "EQUIPMENT", code: "DISC", equipment: true }, // Unloaded
};

/** UNCL 1153 references that name the transport document or booking an IFTSTA event is about. */
export const DCSA_DOCUMENT_REFERENCES: Readonly<Record<string, string>> = {
  BM: "TRD", // Bill of lading number
  BN: "BKG", // Booking reference number
};
