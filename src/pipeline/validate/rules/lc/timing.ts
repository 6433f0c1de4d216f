import { dayNumber, showDay } from "../dates.js";
import type { Dossier } from "../dossier.js";
import type { Findings } from "../findings.js";
import type { DossierRule } from "../types.js";
import { asInsurance } from "../views/insurance.js";
import { DEFAULT_PRESENTATION_DAYS, presentations } from "./presentation.js";

export const presentationPeriod: DossierRule = {
  id: "SWG-LC-011",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message:
    "Documents must be presented within the period after shipment the credit states (48), or 21 calendar days when it states none",
  fields: [
    "lc-presentation#/presentationDate",
    "lc-presentation#/credit/presentationPeriod/days",
    "bill-of-lading#/shippedOnBoardDate",
  ],
  article: "UCP 600 art. 14(c); MT700 48",
  check(d: Dossier, out: Findings) {
    for (const p of presentations(d)) {
      const period = p.credit.presentationPeriod;
      // A period counted from another event than shipment (48 narrative) cannot be computed here.
      if (p.shipmentDay === undefined || period?.narrative !== undefined) continue;
      const days = period?.days ?? DEFAULT_PRESENTATION_DAYS;
      const presented = dayNumber(p.lc.presentationDate);
      if (presented !== undefined && presented > p.shipmentDay + days) {
        out.add(
          p.entry,
          "/presentationDate",
          `Presented on ${p.lc.presentationDate}, ${presented - p.shipmentDay} days after shipment on ${showDay(p.shipmentDay)}; the period is ${days} days${period ? "" : " (art. 14(c) default)"}`,
        );
      }
    }
  },
};

export const expiry: DossierRule = {
  id: "SWG-LC-012",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message: "Documents must be presented on or before the credit's expiry date (31D)",
  fields: ["lc-presentation#/presentationDate", "lc-presentation#/credit/expiryDate"],
  article: "UCP 600 art. 6(e); MT700 31D",
  check(d: Dossier, out: Findings) {
    for (const p of presentations(d)) {
      const presented = dayNumber(p.lc.presentationDate);
      const exp = dayNumber(p.credit.expiryDate);
      // Art. 29(a) extends an expiry falling on a bank closing day; bank calendars are not modelled.
      if (presented !== undefined && exp !== undefined && presented > exp) {
        out.add(
          p.entry,
          "/presentationDate",
          `Presented on ${p.lc.presentationDate}, after the credit expired on ${p.credit.expiryDate}`,
        );
      }
    }
  },
};

export const insuranceDate: DossierRule = {
  id: "SWG-LC-013",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message:
    "The insurance document must be dated no later than the date of shipment, unless it shows cover effective from a date not later than shipment",
  fields: [
    "insurance-certificate#/issuedAt",
    "insurance-certificate#/effectiveDate",
    "bill-of-lading#/shippedOnBoardDate",
  ],
  article: "UCP 600 art. 28(e)",
  check(d: Dossier, out: Findings) {
    for (const p of presentations(d)) {
      if (p.shipmentDay === undefined) continue;
      for (const ie of p.insurances) {
        const ins = asInsurance(ie.doc);
        const issued = dayNumber(ins.issuedAt);
        const effective = dayNumber(ins.effectiveDate);
        if (issued === undefined || issued <= p.shipmentDay) continue;
        if (effective !== undefined && effective <= p.shipmentDay) continue;
        out.addEither(
          ie,
          ins.effectiveDate !== undefined ? "/effectiveDate" : "/issuedAt",
          p.entry,
          "/presentedDocuments",
          `Insurance dated ${ins.issuedAt}${ins.effectiveDate !== undefined ? `, effective ${ins.effectiveDate}` : ""}, after shipment on ${showDay(p.shipmentDay)}`,
        );
      }
    }
  },
};
