import { incoterm } from "../codes.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DocumentRule } from "../types.js";
import { asDeclaration } from "../views/export-declaration.js";

/** UN/ECE Recommendation 19 modes on which the sea and inland waterway rules can be used. */
const WATER_MODES = new Set(["1", "8"]);

export const incotermsMode: DocumentRule = {
  id: "SWG-CL-010",
  scope: "document",
  types: ["export-declaration"],
  severity: "warning",
  category: "code-list",
  message:
    "FAS, FOB, CFR and CIF are for sea and inland waterway transport; other modes, and containers, call for FCA, CPT or CIP",
  fields: [
    "export-declaration#/incoterms/code",
    "export-declaration#/transport/modeAtBorder",
    "export-declaration#/transport/containerised",
  ],
  article: "Incoterms 2020, introduction and explanatory notes to FAS, FOB, CFR, CIF",
  check(e: DocEntry, out: Findings) {
    const dec = asDeclaration(e.doc);
    const code = dec.incoterms?.code;
    if (code === undefined || incoterm(code)?.mode !== "sea") return;
    const mode = dec.transport?.modeAtBorder;
    if (mode !== undefined && !WATER_MODES.has(mode)) {
      out.add(e, "/incoterms/code", `${code} is a sea and inland waterway rule; the border mode is ${mode}`);
    } else if (dec.transport?.containerised === true) {
      out.add(
        e,
        "/incoterms/code",
        `${code} for containerised goods: risk passes only once the goods are on board, long after the seller hands the container over at the terminal; use ${code === "FOB" || code === "FAS" ? "FCA" : code === "CFR" ? "CPT" : "CIP"}`,
      );
    }
  },
};
