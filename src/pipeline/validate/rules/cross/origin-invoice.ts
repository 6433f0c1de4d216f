import type { Dossier } from "../dossier.js";
import type { Findings } from "../findings.js";
import { addWords, sharesWord, words } from "../text.js";
import type { DossierRule } from "../types.js";
import { asCertificateOfOrigin } from "../views/certificate-of-origin.js";
import { asInvoice } from "../views/invoice.js";
import { forPairs, hs6 } from "./pairing.js";

export const originInvoiceGoods: DossierRule = {
  id: "SWG-X-017",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message:
    "Each goods item on the certificate of origin must be goods of the invoice: same HS subheading where both classify, and a description in common",
  fields: [
    "certificate-of-origin#/goodsItems/*/description",
    "certificate-of-origin#/goodsItems/*/hsCode",
    "commercial-invoice#/lines/*/description",
  ],
  article: "UCP 600 art. 14(e) (general but not conflicting description); art. 14(d)",
  check(d: Dossier, out: Findings) {
    forPairs(d, "certificate-of-origin", "commercial-invoice", (coe, inve) => {
      const inv = asInvoice(inve.doc);
      const invWords = new Set<string>();
      const invHs = new Set<string>();
      for (const l of inv.lines) {
        addWords(invWords, l.description);
        if (l.hsCode !== undefined) invHs.add(hs6(l.hsCode));
      }
      const coo = asCertificateOfOrigin(coe.doc);
      for (let i = 0; i < coo.goodsItems.length; i++) {
        const g = coo.goodsItems[i]!;
        if (g.hsCode !== undefined && invHs.size > 0 && !invHs.has(hs6(g.hsCode))) {
          out.addEither(
            coe,
            `/goodsItems/${i}/hsCode`,
            inve,
            "/lines",
            `Goods item ${g.sequence}: HS ${g.hsCode} is on no line of invoice ${inv.number}`,
          );
        } else if (!sharesWord(words(g.description), invWords)) {
          out.addEither(
            coe,
            `/goodsItems/${i}/description`,
            inve,
            "/lines",
            `Goods item ${g.sequence}: "${g.description}" describes none of the invoiced goods`,
          );
        }
      }
    });
  },
};

export const originInvoiceCountry: DossierRule = {
  id: "SWG-X-018",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message: "The origin the certificate certifies must be the origin the invoice gives the same goods",
  fields: [
    "certificate-of-origin#/originCountry",
    "certificate-of-origin#/goodsItems/*/originCountry",
    "commercial-invoice#/lines/*/originCountry",
  ],
  article: "UCP 600 art. 14(d) (data not conflicting)",
  check(d: Dossier, out: Findings) {
    forPairs(d, "certificate-of-origin", "commercial-invoice", (coe, inve) => {
      const inv = asInvoice(inve.doc);
      const coo = asCertificateOfOrigin(coe.doc);
      for (let i = 0; i < coo.goodsItems.length; i++) {
        const g = coo.goodsItems[i]!;
        const origin = g.originCountry ?? coo.originCountry;
        if (origin === undefined) continue;
        const pointer = g.originCountry !== undefined ? `/goodsItems/${i}/originCountry` : "/originCountry";
        for (let j = 0; j < inv.lines.length; j++) {
          const l = inv.lines[j]!;
          // Lines are matched by subheading when both classify; an unclassified certificate covers every line.
          if (l.originCountry === undefined || l.originCountry === origin) continue;
          if (g.hsCode !== undefined && l.hsCode !== undefined && hs6(g.hsCode) !== hs6(l.hsCode)) continue;
          out.addEither(
            coe,
            pointer,
            inve,
            `/lines/${j}/originCountry`,
            `Certificate says origin ${origin}; invoice line ${l.sequence} says ${l.originCountry}`,
          );
          break;
        }
      }
    });
  },
};
