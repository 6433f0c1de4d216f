import type { Dossier } from "../dossier.js";
import type { Findings } from "../findings.js";
import { placesConflict, showPlace } from "../places.js";
import type { DossierRule } from "../types.js";
import type { Location } from "../views/common.js";
import { asBillOfLading } from "../views/transport-document.js";
import { presentations } from "./presentation.js";

function locationAt(doc: { readonly [k: string]: unknown }, key: string): Location | undefined {
  const v = doc[key];
  return v !== null && typeof v === "object" ? v : undefined;
}

const PORTS = ["portOfLoading", "portOfDischarge"] as const;

export const dataNotConflicting: DossierRule = {
  id: "SWG-LC-014",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message:
    "Data in a presented document must not conflict with the same data in another presented document or in the credit: ports as on the transport document, the credit's number",
  fields: [
    "commercial-invoice#/portOfLoading",
    "packing-list#/portOfDischarge",
    "certificate-of-origin#/portOfLoading",
    "commercial-invoice#/lcNumber",
    "bill-of-lading#/lcNumber",
    "insurance-certificate#/lcNumber",
  ],
  article: "UCP 600 art. 14(d)",
  check(d: Dossier, out: Findings) {
    for (const p of presentations(d)) {
      const bill = p.shipmentBill ?? p.bills[0];
      const bl = bill ? asBillOfLading(bill.doc) : undefined;
      for (const e of p.documents) {
        const lcNumber = e.doc["lcNumber"];
        if (typeof lcNumber === "string" && lcNumber !== p.credit.number) {
          out.addEither(
            e,
            "/lcNumber",
            p.entry,
            "/credit/number",
            `${e.doc.type} ${e.doc.number} names credit ${lcNumber}; the credit is ${p.credit.number}`,
          );
        }
        if (!bl || e === bill || e.doc.type === "bill-of-lading") continue;
        for (const key of PORTS) {
          const here = locationAt(e.doc, key);
          if (here && placesConflict(bl[key], here)) {
            out.addEither(
              e,
              `/${key}`,
              bill!,
              `/${key}`,
              `${e.doc.type} ${e.doc.number} shows ${showPlace(here)}; the bill of lading shows ${showPlace(bl[key])}`,
            );
          }
        }
      }
    }
  },
};
