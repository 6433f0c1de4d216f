import type { Dossier } from "../dossier.js";
import type { Findings } from "../findings.js";
import { addWords, missingWords, sharesWord, words } from "../text.js";
import type { DocEntry, DossierRule } from "../types.js";
import { asInvoice } from "../views/invoice.js";
import { presentations } from "./presentation.js";

/** The words an invoice shows for its goods: line descriptions, delivery terms and the references it quotes. */
function invoiceWords(e: DocEntry): Set<string> {
  const inv = asInvoice(e.doc);
  const out = new Set<string>();
  for (const l of inv.lines) addWords(out, l.description);
  if (inv.incoterms) {
    addWords(out, `Incoterms ${inv.incoterms.code}`);
    if (inv.incoterms.place?.name !== undefined) addWords(out, inv.incoterms.place.name);
  }
  if (inv.orderReference !== undefined) addWords(out, inv.orderReference);
  const notes = e.doc["notes"];
  if (Array.isArray(notes)) for (const n of notes) if (typeof n === "string") addWords(out, n);
  return out;
}

export const invoiceGoodsDescription: DossierRule = {
  id: "SWG-LC-009",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message: "The description of the goods on the invoice must correspond with that in the credit (45A)",
  fields: ["commercial-invoice#/lines/*/description", "lc-presentation#/credit/goodsDescription"],
  article: "UCP 600 art. 18(c)",
  check(d: Dossier, out: Findings) {
    for (const p of presentations(d)) {
      if (p.credit.goodsDescription === undefined) continue;
      const required = words(p.credit.goodsDescription);
      for (const inv of p.invoices) {
        const missing = missingWords(required, invoiceWords(inv));
        if (missing.length > 0) {
          out.addEither(
            inv,
            "/lines",
            p.entry,
            "/credit/goodsDescription",
            `Invoice goods description does not correspond with 45A: lacks ${missing.join(", ")}`,
          );
        }
      }
    }
  },
};

/** Where each document type describes its goods. */
function descriptions(e: DocEntry): { text: string; pointer: string }[] {
  const out: { text: string; pointer: string }[] = [];
  const items = e.doc["goodsItems"];
  if (Array.isArray(items)) {
    items.forEach((g: { description?: unknown }, i) => {
      if (typeof g.description === "string")
        out.push({ text: g.description, pointer: `/goodsItems/${i}/description` });
    });
  }
  const single = e.doc["goodsDescription"];
  if (typeof single === "string") out.push({ text: single, pointer: "/goodsDescription" });
  const packages = e.doc["packages"];
  if (Array.isArray(packages)) {
    packages.forEach((pk: { contents?: { description?: unknown }[] }, i) => {
      pk.contents?.forEach((c, j) => {
        if (typeof c.description === "string")
          out.push({ text: c.description, pointer: `/packages/${i}/contents/${j}/description` });
      });
    });
  }
  return out;
}

export const generalDescriptions: DossierRule = {
  id: "SWG-LC-010",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message:
    "Documents other than the invoice may describe the goods in general terms, but not in terms conflicting with the credit",
  fields: [
    "bill-of-lading#/goodsItems/*/description",
    "insurance-certificate#/goodsDescription",
    "certificate-of-origin#/goodsItems/*/description",
    "packing-list#/packages/*/contents/*/description",
  ],
  article: "UCP 600 art. 14(e)",
  check(d: Dossier, out: Findings) {
    for (const p of presentations(d)) {
      if (p.credit.goodsDescription === undefined) continue;
      const known = words(p.credit.goodsDescription);
      for (const inv of p.invoices) for (const w of invoiceWords(inv)) known.add(w);
      for (const e of p.documents) {
        if (e.doc.type === "commercial-invoice") continue;
        for (const x of descriptions(e)) {
          if (!sharesWord(words(x.text), known)) {
            out.addEither(
              e,
              x.pointer,
              p.entry,
              "/credit/goodsDescription",
              `"${x.text}" conflicts with the goods of the credit`,
            );
          }
        }
      }
    }
  },
};
