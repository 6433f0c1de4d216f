import { incoterm } from "../codes.js";
import { fx, percentOf, show } from "../decimal.js";
import type { Dossier } from "../dossier.js";
import type { Findings } from "../findings.js";
import { placesConflict, showPlace } from "../places.js";
import type { DocEntry, DossierRule } from "../types.js";
import { asInsurance } from "../views/insurance.js";
import { asInvoice, invoicedAmount } from "../views/invoice.js";
import { asLcPresentation } from "../views/lc-presentation.js";
import { asBillOfLading } from "../views/transport-document.js";
import { forPairs } from "./pairing.js";

/** UCP 600 art. 28(f)(ii): cover of at least 110 % of the CIF or CIP value when the credit is silent. */
const MIN_COVER_PERCENT = 110;

export const insuranceCover: DossierRule = {
  id: "SWG-X-019",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message:
    "Under CIF or CIP the insured amount must be at least 110 % of the CIF/CIP value (the invoice amount)",
  fields: [
    "insurance-certificate#/insuredAmount",
    "commercial-invoice#/totals/taxInclusive",
    "commercial-invoice#/incoterms/code",
  ],
  article: "UCP 600 art. 28(f)(ii); Incoterms 2020 CIF/CIP A5",
  check(d: Dossier, out: Findings) {
    forPairs(d, "insurance-certificate", "commercial-invoice", (inse, inve) => {
      const ins = asInsurance(inse.doc);
      const inv = asInvoice(inve.doc);
      const term = ins.incoterms?.code ?? inv.incoterms?.code;
      if (term === undefined || incoterm(term)?.sellerInsures !== true) return;
      // In another currency the comparison needs a rate; SWG-X-020 reports the currency.
      if (ins.currency !== inv.currency) return;
      const minimum = percentOf(fx(invoicedAmount(inv)), fx(MIN_COVER_PERCENT));
      if (fx(ins.insuredAmount) < minimum) {
        out.addEither(
          inse,
          "/insuredAmount",
          inve,
          "/totals",
          `Insured amount ${ins.insuredAmount} ${ins.currency} is below ${show(minimum)}, 110 % of the ${term} value ${invoicedAmount(inv)}`,
        );
      }
    });
  },
};

/** The currency insurance must be in: the credit's when there is one (art. 28(f)(i)), else the invoice's. */
function requiredCurrency(
  d: Dossier,
  inse: DocEntry,
): { currency: string; of: DocEntry; pointer: string } | undefined {
  const lc = d.single("lc-presentation");
  if (lc) return { currency: asLcPresentation(lc.doc).credit.currency, of: lc, pointer: "/credit/currency" };
  const inv = d.counterpart(inse, "commercial-invoice");
  if (inv) return { currency: asInvoice(inv.doc).currency, of: inv, pointer: "/currency" };
  return undefined;
}

export const insuranceCurrency: DossierRule = {
  id: "SWG-X-020",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message: "The insurance must be in the credit's currency (the invoice's when there is no credit)",
  fields: [
    "insurance-certificate#/currency",
    "lc-presentation#/credit/currency",
    "commercial-invoice#/currency",
  ],
  article: "UCP 600 art. 28(f)(i)",
  check(d: Dossier, out: Findings) {
    for (const inse of d.of("insurance-certificate")) {
      const req = requiredCurrency(d, inse);
      if (!req || (inse.index === undefined && req.of.index === undefined)) continue;
      const ins = asInsurance(inse.doc);
      if (ins.currency !== req.currency) {
        out.addEither(
          inse,
          "/currency",
          req.of,
          req.pointer,
          `Insurance in ${ins.currency}, required in ${req.currency}`,
        );
      }
    }
  },
};

export const insuranceRoute: DossierRule = {
  id: "SWG-X-021",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message:
    "The insurance must cover the voyage the bill of lading shows: from its port of loading to its port of discharge",
  fields: [
    "insurance-certificate#/from",
    "insurance-certificate#/to",
    "bill-of-lading#/portOfLoading",
    "bill-of-lading#/portOfDischarge",
  ],
  article: "UCP 600 art. 28(f)(iii)",
  check(d: Dossier, out: Findings) {
    forPairs(d, "insurance-certificate", "bill-of-lading", (inse, ble) => {
      const ins = asInsurance(inse.doc);
      const bl = asBillOfLading(ble.doc);
      // Cover may start earlier (place of receipt) or end later (place of delivery) than the sea leg.
      if (
        ins.from &&
        placesConflict(ins.from, bl.portOfLoading) &&
        !(bl.placeOfReceipt && !placesConflict(ins.from, bl.placeOfReceipt))
      ) {
        out.addEither(
          inse,
          "/from",
          ble,
          "/portOfLoading",
          `Insurance covers from ${showPlace(ins.from)}; goods are loaded at ${showPlace(bl.portOfLoading)}`,
        );
      }
      if (
        ins.to &&
        placesConflict(ins.to, bl.portOfDischarge) &&
        !(bl.placeOfDelivery && !placesConflict(ins.to, bl.placeOfDelivery))
      ) {
        out.addEither(
          inse,
          "/to",
          ble,
          "/portOfDischarge",
          `Insurance covers to ${showPlace(ins.to)}; goods are discharged at ${showPlace(bl.portOfDischarge)}`,
        );
      }
    });
  },
};
