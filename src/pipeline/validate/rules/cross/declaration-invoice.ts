import { minorUnits } from "../arithmetic/money.js";
import { fx, withinHalfUnit } from "../decimal.js";
import type { Dossier } from "../dossier.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DossierRule } from "../types.js";
import { asDeclaration, type ExportDeclaration } from "../views/export-declaration.js";
import { asInvoice, invoicedAmount } from "../views/invoice.js";
import { hs6 } from "./pairing.js";

/** The invoice a declaration rests on: the one it names by number, else the dossier's counterpart. */
function invoiceOf(d: Dossier, dec: DocEntry): DocEntry | undefined {
  const number = asDeclaration(dec.doc).invoice.number;
  if (number !== undefined) {
    for (const e of d.of("commercial-invoice")) if (e.doc.number === number) return e;
  }
  return d.counterpart(dec, "commercial-invoice");
}

function forDeclarations(
  d: Dossier,
  fn: (dec: DocEntry, decl: ExportDeclaration, inv: DocEntry) => void,
): void {
  for (const dec of d.of("export-declaration")) {
    const inv = invoiceOf(d, dec);
    if (inv && (dec.index !== undefined || inv.index !== undefined)) fn(dec, asDeclaration(dec.doc), inv);
  }
}

export const declarationInvoiceValue: DossierRule = {
  id: "SWG-X-006",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message: "The declared invoice amount must equal the invoice's total (BT-112, or BT-109 without VAT total)",
  fields: [
    "export-declaration#/invoice/amount",
    "commercial-invoice#/totals/taxInclusive",
    "commercial-invoice#/totals/taxExclusive",
  ],
  article: "WTO Customs Valuation Agreement art. 1 (transaction value)",
  check(d: Dossier, out: Findings) {
    forDeclarations(d, (dec, decl, inve) => {
      const inv = asInvoice(inve.doc);
      // A currency difference is SWG-X-007's finding; amounts in different currencies do not compare.
      if (decl.invoice.currency !== inv.currency) return;
      const amount = invoicedAmount(inv);
      if (!withinHalfUnit(fx(decl.invoice.amount), fx(amount), minorUnits(inv.currency))) {
        out.addEither(
          dec,
          "/invoice/amount",
          inve,
          "/totals",
          `Declared invoice amount ${decl.invoice.amount} ≠ ${amount} on invoice ${inv.number}`,
        );
      }
    });
  },
};

export const declarationInvoiceCurrency: DossierRule = {
  id: "SWG-X-007",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message: "The declared invoice currency must be the invoice's currency",
  fields: ["export-declaration#/invoice/currency", "commercial-invoice#/currency"],
  check(d: Dossier, out: Findings) {
    forDeclarations(d, (dec, decl, inve) => {
      const inv = asInvoice(inve.doc);
      if (decl.invoice.currency !== inv.currency) {
        out.addEither(
          dec,
          "/invoice/currency",
          inve,
          "/currency",
          `Declared currency ${decl.invoice.currency}, invoice ${inv.number} is in ${inv.currency}`,
        );
      }
    });
  },
};

export const declarationInvoiceNumber: DossierRule = {
  id: "SWG-X-008",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message: "The invoice number the declaration names must be the dossier's invoice",
  fields: ["export-declaration#/invoice/number", "commercial-invoice#/number"],
  check(d: Dossier, out: Findings) {
    forDeclarations(d, (dec, decl, inve) => {
      if (decl.invoice.number !== undefined && decl.invoice.number !== inve.doc.number) {
        out.addEither(
          dec,
          "/invoice/number",
          inve,
          "/number",
          `Declaration names invoice ${decl.invoice.number}; the dossier's invoice is ${inve.doc.number}`,
        );
      }
    });
  },
};

export const declarationInvoiceHs: DossierRule = {
  id: "SWG-X-009",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message:
    "Declared HS subheadings (6 digits) must be those on the invoice lines, and every invoiced subheading must be declared",
  fields: ["export-declaration#/goodsItems/*/hsCode", "commercial-invoice#/lines/*/hsCode"],
  article: "HS Convention art. 3 (6-digit subheading); UCP 600 art. 14(d)",
  check(d: Dossier, out: Findings) {
    forDeclarations(d, (dec, decl, inve) => {
      const inv = asInvoice(inve.doc);
      const invoiced = new Set<string>();
      for (const l of inv.lines) if (l.hsCode !== undefined) invoiced.add(hs6(l.hsCode));
      // An invoice without classification gives nothing to compare.
      if (invoiced.size === 0) return;
      const declared = new Set<string>();
      for (let i = 0; i < decl.goodsItems.length; i++) {
        const code = decl.goodsItems[i]!.hsCode;
        declared.add(hs6(code));
        if (!invoiced.has(hs6(code))) {
          out.addEither(
            dec,
            `/goodsItems/${i}/hsCode`,
            inve,
            "/lines",
            `Declared HS ${code} is on no line of invoice ${inv.number}`,
          );
        }
      }
      for (let i = 0; i < inv.lines.length; i++) {
        const code = inv.lines[i]!.hsCode;
        if (code !== undefined && !declared.has(hs6(code))) {
          out.addEither(
            inve,
            `/lines/${i}/hsCode`,
            dec,
            "/goodsItems",
            `Invoiced HS ${code} (line ${inv.lines[i]!.sequence}) is not declared`,
          );
        }
      }
    });
  },
};

export const declarationInvoiceOrigin: DossierRule = {
  id: "SWG-X-010",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message: "A declared origin must be the origin the invoice gives the same goods (same HS subheading)",
  fields: ["export-declaration#/goodsItems/*/originCountry", "commercial-invoice#/lines/*/originCountry"],
  article: "WCO Data Model 063 (country of origin); UCP 600 art. 14(d)",
  check(d: Dossier, out: Findings) {
    forDeclarations(d, (dec, decl, inve) => {
      const inv = asInvoice(inve.doc);
      for (let i = 0; i < decl.goodsItems.length; i++) {
        const g = decl.goodsItems[i]!;
        if (g.originCountry === undefined) continue;
        const code = hs6(g.hsCode);
        let seen = false;
        let matches = false;
        const others: string[] = [];
        for (const l of inv.lines) {
          if (l.hsCode === undefined || l.originCountry === undefined || hs6(l.hsCode) !== code) continue;
          seen = true;
          if (l.originCountry === g.originCountry) matches = true;
          else others.push(l.originCountry);
        }
        if (seen && !matches) {
          out.addEither(
            dec,
            `/goodsItems/${i}/originCountry`,
            inve,
            "/lines",
            `Goods item ${g.sequence} (HS ${g.hsCode}): declared origin ${g.originCountry}, invoice says ${others.join(", ")}`,
          );
        }
      }
    });
  },
};
