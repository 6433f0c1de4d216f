import { dayNumber } from "../dates.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DocumentRule } from "../types.js";
import { asCertificateOfOrigin } from "../views/certificate-of-origin.js";

const COO = ["certificate-of-origin"] as const;

export const originCountryConsistent: DocumentRule = {
  id: "SWG-COO-001",
  scope: "document",
  types: COO,
  severity: "error",
  category: "document",
  message:
    "When a certificate certifies one origin for the consignment, every goods item must have that origin",
  fields: ["certificate-of-origin#/originCountry", "certificate-of-origin#/goodsItems/*/originCountry"],
  check(e: DocEntry, out: Findings) {
    const coo = asCertificateOfOrigin(e.doc);
    if (coo.originCountry === undefined) return;
    for (let i = 0; i < coo.goodsItems.length; i++) {
      const g = coo.goodsItems[i]!;
      if (g.originCountry !== undefined && g.originCountry !== coo.originCountry) {
        out.add(
          e,
          `/goodsItems/${i}/originCountry`,
          `Goods item ${g.sequence} of origin ${g.originCountry}; the certificate certifies ${coo.originCountry}`,
        );
      }
    }
  },
};

export const issuedRetrospectively: DocumentRule = {
  id: "SWG-COO-002",
  scope: "document",
  types: COO,
  severity: "error",
  category: "dates",
  message: "A preferential certificate issued after the goods left must be marked as issued retrospectively",
  fields: [
    "certificate-of-origin#/issuedAt",
    "certificate-of-origin#/departureDate",
    "certificate-of-origin#/issuedRetrospectively",
  ],
  article:
    "Preferential rules of origin on retrospective issue, e.g. Pan-Euro-Med Convention, Appendix I, art. 17",
  check(e: DocEntry, out: Findings) {
    const coo = asCertificateOfOrigin(e.doc);
    if (coo.certificateType !== "preferential" || coo.issuedRetrospectively === true) return;
    const issued = dayNumber(coo.issuedAt);
    const departed = dayNumber(coo.departureDate);
    if (issued !== undefined && departed !== undefined && issued > departed) {
      out.add(
        e,
        "/issuedRetrospectively",
        `Issued on ${coo.issuedAt}, after departure on ${coo.departureDate}, without the "issued retrospectively" mark`,
      );
    }
  },
};
