import type { Dossier } from "../dossier.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DossierRule } from "../types.js";
import type { Party } from "../views/common.js";
import { asInvoice } from "../views/invoice.js";
import { presentations, type Presentation } from "./presentation.js";

const NON_ALNUM = /[^\p{L}\p{N}]+/gu;

/** Names compare without case, punctuation and spacing (typing variations that do not change the meaning are not discrepancies). */
function sameName(a: Party, b: Party): boolean {
  return a.name.toUpperCase().replace(NON_ALNUM, "") === b.name.toUpperCase().replace(NON_ALNUM, "");
}

function forInvoices(d: Dossier, fn: (p: Presentation, e: DocEntry) => void): void {
  for (const p of presentations(d)) for (const e of p.invoices) fn(p, e);
}

export const invoiceIssuer: DossierRule = {
  id: "SWG-LC-015",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message: "The commercial invoice must appear to have been issued by the beneficiary (59)",
  fields: ["commercial-invoice#/seller/name", "lc-presentation#/credit/beneficiary/name"],
  article: "UCP 600 art. 18(a)(i); MT700 59",
  check(d: Dossier, out: Findings) {
    forInvoices(d, (p, e) => {
      const seller = asInvoice(e.doc).seller;
      if (!sameName(seller, p.credit.beneficiary)) {
        out.addEither(
          e,
          "/seller/name",
          p.entry,
          "/credit/beneficiary/name",
          `Invoice issued by ${seller.name}; the beneficiary is ${p.credit.beneficiary.name}`,
        );
      }
    });
  },
};

export const invoiceAddressee: DossierRule = {
  id: "SWG-LC-016",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message: "The commercial invoice must be made out in the name of the applicant (50)",
  fields: ["commercial-invoice#/buyer/name", "lc-presentation#/credit/applicant/name"],
  article: "UCP 600 art. 18(a)(ii); MT700 50",
  check(d: Dossier, out: Findings) {
    forInvoices(d, (p, e) => {
      const buyer = asInvoice(e.doc).buyer;
      if (!sameName(buyer, p.credit.applicant)) {
        out.addEither(
          e,
          "/buyer/name",
          p.entry,
          "/credit/applicant/name",
          `Invoice made out to ${buyer.name}; the applicant is ${p.credit.applicant.name}`,
        );
      }
    });
  },
};

export const invoiceCurrency: DossierRule = {
  id: "SWG-LC-017",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message: "The commercial invoice must be made out in the same currency as the credit (32B)",
  fields: ["commercial-invoice#/currency", "lc-presentation#/credit/currency"],
  article: "UCP 600 art. 18(a)(iii); MT700 32B",
  check(d: Dossier, out: Findings) {
    forInvoices(d, (p, e) => {
      const cur = asInvoice(e.doc).currency;
      if (cur !== p.credit.currency) {
        out.addEither(
          e,
          "/currency",
          p.entry,
          "/credit/currency",
          `Invoice in ${cur}; the credit is in ${p.credit.currency}`,
        );
      }
    });
  },
};
