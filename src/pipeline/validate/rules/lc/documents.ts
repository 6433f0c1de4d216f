import type { Dossier } from "../dossier.js";
import type { Findings } from "../findings.js";
import type { DossierRule } from "../types.js";
import { asBillOfLading } from "../views/transport-document.js";
import { presentations } from "./presentation.js";

export const requiredDocuments: DossierRule = {
  id: "SWG-LC-007",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message: "Every document the credit requires (46A) must be presented",
  fields: [
    "lc-presentation#/credit/documentsRequired/*/documentType",
    "lc-presentation#/presentedDocuments/*/documentType",
  ],
  article: "UCP 600 art. 2 (complying presentation), art. 14(a); MT700 46A",
  check(d: Dossier, out: Findings) {
    for (const p of presentations(d)) {
      const req = p.credit.documentsRequired;
      for (let i = 0; i < req.length; i++) {
        const t = req[i]!.documentType;
        // "other" requirements are worded in free text and cannot be matched by type.
        if (t === "other") continue;
        if (!p.lc.presentedDocuments.some((x) => x.documentType === t)) {
          out.add(
            p.entry,
            `/credit/documentsRequired/${i}`,
            `Required document missing from the presentation: ${t} ("${req[i]!.text}")`,
          );
        }
      }
    }
  },
};

export const originalsPresented: DossierRule = {
  id: "SWG-LC-008",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message:
    "The number of originals presented must be the number required, and the full set when 46A asks for a full set of transport documents",
  fields: [
    "lc-presentation#/credit/documentsRequired/*/originals",
    "lc-presentation#/presentedDocuments/*/originals",
    "bill-of-lading#/originals",
  ],
  article: "UCP 600 art. 17(a), art. 20(a)(iv)",
  check(d: Dossier, out: Findings) {
    for (const p of presentations(d)) {
      const req = p.credit.documentsRequired;
      for (let i = 0; i < req.length; i++) {
        const r = req[i]!;
        if (r.documentType === "other") continue;
        let presented = 0;
        let stated = false;
        for (const x of p.lc.presentedDocuments) {
          if (x.documentType !== r.documentType || x.originals === undefined) continue;
          presented += x.originals;
          stated = true;
        }
        // Presence is SWG-LC-007's concern; counts are compared only where the presentation states them.
        if (!stated) continue;
        let needed = r.originals ?? 0;
        if (r.fullSet === true) {
          for (const b of p.bills) {
            const issued = asBillOfLading(b.doc).originals;
            if (issued !== undefined && issued > needed) needed = issued;
          }
        }
        if (presented < needed) {
          out.add(
            p.entry,
            `/credit/documentsRequired/${i}`,
            `${r.documentType}: ${presented} original(s) presented, ${needed} required${r.fullSet === true ? " (full set)" : ""}`,
          );
        }
      }
    }
  },
};
