import { fx, percentOf, show } from "../decimal.js";
import type { Dossier } from "../dossier.js";
import type { Findings } from "../findings.js";
import type { DossierRule } from "../types.js";
import { asInvoice, invoicedAmount } from "../views/invoice.js";
import { asBillOfLading } from "../views/transport-document.js";
import { presentations, type Presentation } from "./presentation.js";

/** The amount claimed: the drawing when stated, else the invoice amount in the credit's currency. */
function claimed(p: Presentation): { amount: number; pointer: string; onInvoice: boolean } | undefined {
  if (p.lc.drawingAmount !== undefined)
    return { amount: p.lc.drawingAmount, pointer: "/drawingAmount", onInvoice: false };
  const inv = p.invoices[0];
  if (!inv) return undefined;
  const invoice = asInvoice(inv.doc);
  if (invoice.currency !== p.credit.currency) return undefined;
  const pointer = invoice.totals.taxInclusive !== undefined ? "/totals/taxInclusive" : "/totals/taxExclusive";
  return { amount: invoicedAmount(invoice), pointer, onInvoice: true };
}

export const creditAmount: DossierRule = {
  id: "SWG-LC-001",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message: "The amount claimed must not exceed the credit amount (32B) plus its tolerance (39A)",
  fields: [
    "lc-presentation#/drawingAmount",
    "lc-presentation#/credit/amount",
    "lc-presentation#/credit/tolerance/plus",
    "commercial-invoice#/totals/taxInclusive",
  ],
  article: "UCP 600 art. 30(a), art. 18(b); MT700 32B/39A",
  check(d: Dossier, out: Findings) {
    for (const p of presentations(d)) {
      const c = claimed(p);
      if (!c) continue;
      const max = fx(p.credit.amount) + percentOf(fx(p.credit.amount), fx(p.credit.tolerance?.plus ?? 0));
      if (fx(c.amount) > max) {
        const detail = `Amount claimed ${c.amount} ${p.credit.currency} exceeds ${show(max)}, the credit amount ${p.credit.amount} plus ${p.credit.tolerance?.plus ?? 0} %`;
        if (c.onInvoice) out.addEither(p.invoices[0]!, c.pointer, p.entry, "/credit/amount", detail);
        else out.add(p.entry, c.pointer, detail);
      }
    }
  },
};

/** UCP 600 art. 30(c): without a stated tolerance, 5 % less is allowed even when partial shipments are not. */
const ART_30C_PERCENT = 5;

export const partialShipments: DossierRule = {
  id: "SWG-LC-002",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message:
    "When partial shipments are not allowed (43P), the goods must ship on one voyage and the drawing must cover the credit less its tolerance",
  fields: [
    "lc-presentation#/credit/partialShipments",
    "lc-presentation#/drawingAmount",
    "bill-of-lading#/vessel",
  ],
  article: "UCP 600 art. 31(a)-(b), art. 30(c); MT700 43P",
  check(d: Dossier, out: Findings) {
    for (const p of presentations(d)) {
      if (p.credit.partialShipments !== "NOT ALLOWED") continue;
      // Several transport documents are one shipment only on the same means and voyage to the same destination (art. 31(b)).
      const voyages = new Set<string>();
      for (const b of p.bills) {
        const bl = asBillOfLading(b.doc);
        voyages.add(
          `${bl.vessel?.imoNumber ?? bl.vessel?.name ?? ""}|${bl.vessel?.voyage ?? ""}|${bl.portOfDischarge.locode ?? bl.portOfDischarge.name ?? ""}`,
        );
      }
      if (voyages.size > 1) {
        out.addEither(
          p.bills[1]!,
          "/vessel",
          p.entry,
          "/credit/partialShipments",
          `${voyages.size} transport documents show different voyages: a partial shipment`,
        );
        continue;
      }
      const c = claimed(p);
      if (!c) continue;
      const minus = p.credit.tolerance?.minus ?? ART_30C_PERCENT;
      const min = fx(p.credit.amount) - percentOf(fx(p.credit.amount), fx(minus));
      if (fx(c.amount) < min) {
        const detail = `Amount claimed ${c.amount} ${p.credit.currency} is below ${show(min)}: a partial drawing under a credit that does not allow partial shipments`;
        if (c.onInvoice)
          out.addEither(p.invoices[0]!, c.pointer, p.entry, "/credit/partialShipments", detail);
        else out.add(p.entry, c.pointer, detail);
      }
    }
  },
};
