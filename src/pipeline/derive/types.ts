import type { DocumentType, Envelope, PartyData } from "../../model/canonical.js";
import type { InspectionType } from "../validate/rules/views/inspection-application.js";

/** The document types "submit once" derives. */
export const DERIVED_TYPES = [
  "export-declaration",
  "inspection-application",
  "insurance-certificate",
  "shipping-instruction",
] as const;
export type DerivedType = (typeof DERIVED_TYPES)[number];

/** A field of a dossier document a derived value was taken or computed from. */
export interface SourceRef {
  readonly type: DocumentType;
  readonly number: string;
  readonly id: string;
  /** JSON Pointer into the source document. */
  readonly pointer: string;
}

/**
 * Where one field of a derived document came from: copied from a document ("document"), computed from
 * several ("computed", with `note` saying how), set by gateway configuration ("config", `note` naming
 * the key), or supplied by the trader directly ("trader"), which overrides any derived value.
 */
export interface FieldProvenance {
  /** JSON Pointer into the derived document. */
  readonly pointer: string;
  readonly origin: "document" | "computed" | "config" | "trader";
  readonly sources: readonly SourceRef[];
  readonly note?: string;
}

/** A canonical document without what the gateway assigns (id, version, original). */
export type DerivedCanonical = Omit<Envelope, "id" | "version" | "original"> & {
  readonly [field: string]: unknown;
};

export interface DerivedDocument {
  readonly document: DerivedCanonical;
  /** One entry per derived field, in the order the fields were set. */
  readonly provenance: readonly FieldProvenance[];
  /** Required fields the dossier could not supply (the trader must), as JSON Pointers. */
  readonly missing: readonly string[];
}

/**
 * Fields the trader gives directly for a derived type, by JSON Pointer (e.g. the customs office or a
 * broker as declarant). They override the derived value; the provenance says "trader".
 */
export type TraderSupplied = Readonly<Partial<Record<DerivedType, Readonly<Record<string, unknown>>>>>;

export interface DeriveConfig {
  /** HS code prefixes under compulsory inspection: a line whose HS code starts with one needs an application. */
  readonly inspectionHsPrefixes: readonly string[];
  /** What the inspection application asks for. */
  readonly inspectionTypes: readonly InspectionType[];
  /** The inspection authority the application is addressed to. */
  readonly inspectionAuthority: PartyData;
  /** Declaration type and additional type (WCO 1/1 + 1/2), e.g. EXA: export, standard. */
  readonly declarationType: string;
  /** Requested and previous procedure for every goods item, when the customs authority wants one (e.g. 1000). */
  readonly procedureCode?: string;
  /** Customs office of export, when the deployment serves one office. */
  readonly customsOffice?: string;
  /** The transport document a shipping instruction asks for when no credit requires a bill of lading. */
  readonly defaultTransportDocument: "bill-of-lading" | "sea-waybill";
}

const DEFAULTS: DeriveConfig = {
  inspectionHsPrefixes: [],
  inspectionTypes: ["quality"],
  inspectionAuthority: { name: "Customs inspection and quarantine authority" },
  declarationType: "EXA",
  defaultTransportDocument: "sea-waybill",
};
export const DEFAULT_DERIVE_CONFIG: DeriveConfig = Object.freeze(DEFAULTS);
