import { dayNumber, showDay } from "../dates.js";
import type { Dossier } from "../dossier.js";
import type { Findings } from "../findings.js";
import { lastPresentationDay, presentations } from "../lc/presentation.js";
import type { DossierRule, RuleContext } from "../types.js";

export const invoiceNotAfterPresentation: DossierRule = {
  id: "SWG-DT-001",
  scope: "dossier",
  severity: "error",
  category: "dates",
  message:
    "The invoice may be dated before the credit's issue date but not later than the date of presentation",
  fields: ["commercial-invoice#/issuedAt", "lc-presentation#/presentationDate"],
  article: "UCP 600 art. 14(i)",
  check(d: Dossier, out: Findings) {
    for (const p of presentations(d)) {
      const presented = dayNumber(p.lc.presentationDate);
      if (presented === undefined) continue;
      for (const e of p.invoices) {
        const dated = dayNumber(e.doc.issuedAt);
        if (dated !== undefined && dated > presented) {
          out.addEither(
            e,
            "/issuedAt",
            p.entry,
            "/presentationDate",
            `Invoice dated ${e.doc.issuedAt}, after its presentation on ${p.lc.presentationDate}`,
          );
        }
      }
    }
  },
};

export const documentsNotAfterPresentation: DossierRule = {
  id: "SWG-DT-005",
  scope: "dossier",
  severity: "error",
  category: "dates",
  message: "No presented document may be dated later than the date of presentation",
  fields: ["*#/issuedAt", "lc-presentation#/presentationDate"],
  article: "UCP 600 art. 14(i)",
  check(d: Dossier, out: Findings) {
    for (const p of presentations(d)) {
      const presented = dayNumber(p.lc.presentationDate);
      if (presented === undefined) continue;
      for (const e of p.documents) {
        // The invoice has its own rule, SWG-DT-001.
        if (e.doc.type === "commercial-invoice") continue;
        const dated = dayNumber(e.doc.issuedAt);
        if (dated !== undefined && dated > presented) {
          out.addEither(
            e,
            "/issuedAt",
            p.entry,
            "/presentationDate",
            `${e.doc.type} ${e.doc.number} dated ${e.doc.issuedAt}, after its presentation on ${p.lc.presentationDate}`,
          );
        }
      }
    }
  },
};

export const presentationNearDeadline: DossierRule = {
  id: "SWG-DT-002",
  scope: "dossier",
  severity: "warning",
  category: "dates",
  message:
    "The presentation is made close to its last day: a discrepancy found now leaves little or no time to present corrected documents",
  fields: [
    "lc-presentation#/presentationDate",
    "lc-presentation#/credit/expiryDate",
    "lc-presentation#/credit/presentationPeriod/days",
  ],
  article: "UCP 600 art. 14(b), art. 14(c), art. 16(c)",
  check(d: Dossier, out: Findings, ctx: RuleContext) {
    for (const p of presentations(d)) {
      const presented = dayNumber(p.lc.presentationDate);
      const last = lastPresentationDay(p);
      if (presented === undefined || last === undefined || presented > last.day) continue;
      const left = last.day - presented;
      if (left <= ctx.config.presentationWarningDays) {
        out.add(
          p.entry,
          "/presentationDate",
          `Presented ${left} day(s) before the last day for presentation, ${showDay(last.day)} (${last.cause === "expiry" ? "expiry, 31D" : "presentation period after shipment"})`,
        );
      }
    }
  },
};

export const creditDatesCoherent: DossierRule = {
  id: "SWG-DT-006",
  scope: "dossier",
  severity: "error",
  category: "dates",
  message: "The credit's dates must be in order: issue (31C) ≤ latest shipment (44C) ≤ expiry (31D)",
  fields: [
    "lc-presentation#/credit/issueDate",
    "lc-presentation#/credit/latestShipmentDate",
    "lc-presentation#/credit/expiryDate",
  ],
  article: "UCP 600 art. 6(d)(i); MT700 31C/44C/31D",
  check(d: Dossier, out: Findings) {
    for (const p of presentations(d)) {
      const c = p.credit;
      const issued = dayNumber(c.issueDate);
      const latest = dayNumber(c.latestShipmentDate);
      const exp = dayNumber(c.expiryDate);
      if (issued !== undefined && exp !== undefined && exp < issued) {
        out.add(
          p.entry,
          "/credit/expiryDate",
          `Credit expires on ${c.expiryDate}, before its issue on ${c.issueDate}`,
        );
      }
      if (latest !== undefined && exp !== undefined && latest > exp) {
        out.add(
          p.entry,
          "/credit/latestShipmentDate",
          `Latest shipment date ${c.latestShipmentDate} is after the expiry on ${c.expiryDate}`,
        );
      }
      if (latest !== undefined && issued !== undefined && latest < issued) {
        out.add(
          p.entry,
          "/credit/latestShipmentDate",
          `Latest shipment date ${c.latestShipmentDate} is before the issue on ${c.issueDate}`,
        );
      }
    }
  },
};
