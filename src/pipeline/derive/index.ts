/**
 * "Submit once" (UN/CEFACT Rec 33/34): from a dossier, the documents each agency needs that the trader
 * did not supply, every field with its provenance. Pure: the gateway assigns id, version and original
 * (format "derived") when it stores them.
 */
import type { CanonicalDocument } from "../../model/canonical.js";
import { deriveExportDeclaration } from "./export-declaration.js";
import { deriveInspectionApplication, linesUnderInspection } from "./inspection-application.js";
import { deriveInsuranceRequest } from "./insurance-request.js";
import { deriveShippingInstruction } from "./shipping-instruction.js";
import { shipmentOf, sourcesOf } from "./sources.js";
import type { DeriveConfig, DerivedDocument, TraderSupplied } from "./types.js";

export {
  DEFAULT_DERIVE_CONFIG,
  DERIVED_TYPES,
  type DeriveConfig,
  type DerivedCanonical,
  type DerivedDocument,
  type DerivedType,
  type FieldProvenance,
  type SourceRef,
  type TraderSupplied,
} from "./types.js";

/**
 * Derives, from a dossier holding an invoice (and usually its packing list and shipment data):
 * the export declaration; the inspection application when an invoice line's HS code is on the
 * inspection list; the insurance request under CIF or CIP; the shipping instruction while there is
 * neither one nor a bill of lading. A type the dossier already holds is the trader's and is not derived.
 * `supplied` carries fields the trader gives directly; they override derived values.
 */
export function derive(
  dossier: readonly CanonicalDocument[],
  cfg: DeriveConfig,
  supplied: TraderSupplied = {},
): DerivedDocument[] {
  const s = sourcesOf(dossier);
  if (!s) return [];
  const sh = shipmentOf(s);
  const out: DerivedDocument[] = [];
  if (!s.present.has("export-declaration")) out.push(deriveExportDeclaration(s, sh, cfg, supplied));
  const inspected = linesUnderInspection(s, cfg.inspectionHsPrefixes);
  if (inspected.length > 0 && !s.present.has("inspection-application")) {
    out.push(deriveInspectionApplication(s, sh, inspected, cfg, supplied));
  }
  if (!s.present.has("insurance-certificate")) {
    const ins = deriveInsuranceRequest(s, sh, supplied);
    if (ins) out.push(ins);
  }
  if (!s.present.has("shipping-instruction") && !s.present.has("bill-of-lading")) {
    out.push(deriveShippingInstruction(s, sh, cfg, supplied));
  }
  return out;
}
