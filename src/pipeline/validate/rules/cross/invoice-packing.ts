import { type Fixed, fx, halfUnitOf, show, within, ZERO } from "../decimal.js";
import type { Dossier } from "../dossier.js";
import type { Findings } from "../findings.js";
import type { DossierRule, RuleContext } from "../types.js";
import { asInvoice } from "../views/invoice.js";
import { asPackingList, type PackingList } from "../views/packing-list.js";
import { kg, sumKg } from "../weights.js";
import { forPairs, weightsConflict } from "./pairing.js";

function linksLines(pl: PackingList): boolean {
  for (const p of pl.packages) if (p.contents?.some((c) => c.invoiceLine !== undefined)) return true;
  return false;
}

export const invoicePackingQuantities: DossierRule = {
  id: "SWG-X-001",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message:
    "The quantities packed must equal the quantities invoiced, line by line (or per unit when the packing list does not name invoice lines)",
  fields: ["packing-list#/packages/*/contents/*/quantity", "commercial-invoice#/lines/*/quantity"],
  article: "UCP 600 art. 14(d) (data not conflicting)",
  check(d: Dossier, out: Findings) {
    forPairs(d, "packing-list", "commercial-invoice", (ple, inve) => {
      const pl = asPackingList(ple.doc);
      const inv = asInvoice(inve.doc);
      if (linksLines(pl)) {
        for (let i = 0; i < inv.lines.length; i++) {
          const line = inv.lines[i]!;
          let sum: Fixed = ZERO;
          let first: string | undefined;
          for (let p = 0; p < pl.packages.length; p++) {
            const contents = pl.packages[p]!.contents;
            if (!contents) continue;
            for (let c = 0; c < contents.length; c++) {
              const ct = contents[c]!;
              if (ct.invoiceLine !== line.sequence || ct.quantity.unit !== line.quantity.unit) continue;
              sum += fx(ct.quantity.value);
              first ??= `/packages/${p}/contents/${c}/quantity/value`;
            }
          }
          // A line packed nowhere is SWG-X-002's finding.
          if (first === undefined) continue;
          if (!within(sum, fx(line.quantity.value), halfUnitOf(line.quantity.value))) {
            out.addEither(
              ple,
              first,
              inve,
              `/lines/${i}/quantity/value`,
              `Invoice line ${line.sequence}: ${show(sum)} ${line.quantity.unit} packed, ${line.quantity.value} invoiced`,
            );
          }
        }
        return;
      }
      const invoiced = new Map<string, Fixed>();
      for (const l of inv.lines)
        invoiced.set(l.quantity.unit, (invoiced.get(l.quantity.unit) ?? ZERO) + fx(l.quantity.value));
      const packed = new Map<string, Fixed>();
      for (const p of pl.packages) {
        for (const c of p.contents ?? [])
          packed.set(c.quantity.unit, (packed.get(c.quantity.unit) ?? ZERO) + fx(c.quantity.value));
      }
      if (packed.size === 0) return;
      for (const [unit, q] of invoiced) {
        const pq = packed.get(unit) ?? ZERO;
        if (pq !== q) {
          out.addEither(
            ple,
            "/packages",
            inve,
            "/lines",
            `${show(pq)} ${unit} packed, ${show(q)} ${unit} invoiced`,
          );
        }
      }
    });
  },
};

export const invoiceLinesPacked: DossierRule = {
  id: "SWG-X-002",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message:
    "Every invoice line must be packed, and every packed content must refer to an invoice line that exists",
  fields: ["packing-list#/packages/*/contents/*/invoiceLine", "commercial-invoice#/lines/*/sequence"],
  article: "UCP 600 art. 14(d) (data not conflicting)",
  check(d: Dossier, out: Findings) {
    forPairs(d, "packing-list", "commercial-invoice", (ple, inve) => {
      const pl = asPackingList(ple.doc);
      if (!linksLines(pl)) return;
      const inv = asInvoice(inve.doc);
      const sequences = new Set<number>();
      for (const l of inv.lines) sequences.add(l.sequence);
      const packed = new Set<number>();
      for (let p = 0; p < pl.packages.length; p++) {
        const contents = pl.packages[p]!.contents;
        if (!contents) continue;
        for (let c = 0; c < contents.length; c++) {
          const ref = contents[c]!.invoiceLine;
          if (ref === undefined) continue;
          packed.add(ref);
          if (!sequences.has(ref)) {
            out.addEither(
              ple,
              `/packages/${p}/contents/${c}/invoiceLine`,
              inve,
              "/lines",
              `Packed goods refer to invoice line ${ref}, which the invoice does not have`,
            );
          }
        }
      }
      for (let i = 0; i < inv.lines.length; i++) {
        const seq = inv.lines[i]!.sequence;
        if (!packed.has(seq))
          out.addEither(
            inve,
            `/lines/${i}`,
            ple,
            "/packages",
            `Invoice line ${seq} is not on the packing list`,
          );
      }
    });
  },
};

function weightRule(id: string, field: "grossWeight" | "netWeight", what: string): DossierRule {
  return {
    id,
    scope: "dossier",
    severity: "error",
    category: "cross-document",
    message: `The invoice's ${what} weight must agree with the packing list's`,
    fields: [`commercial-invoice#/lines/*/${field}`, `packing-list#/totals/${field}`],
    article: "UCP 600 art. 14(d) (data not conflicting)",
    check(d: Dossier, out: Findings, ctx: RuleContext) {
      forPairs(d, "packing-list", "commercial-invoice", (ple, inve) => {
        const inv = asInvoice(inve.doc);
        const invoiced = sumKg(inv.lines.map((l) => l[field]));
        if (invoiced === undefined) return;
        const pl = asPackingList(ple.doc);
        const total = pl.totals[field];
        const packed = total !== undefined ? kg(total) : sumKg(pl.packages.map((p) => p[field]));
        if (packed === undefined) return;
        if (weightsConflict(invoiced, packed, ctx.config)) {
          out.addEither(
            ple,
            total !== undefined ? `/totals/${field}` : "/packages",
            inve,
            "/lines",
            `${what[0]!.toUpperCase()}${what.slice(1)} weight: ${show(packed)} kg on the packing list, ${show(invoiced)} kg on the invoice`,
          );
        }
      });
    },
  };
}

export const invoicePackingNetWeight = weightRule("SWG-X-004", "netWeight", "net");
export const invoicePackingGrossWeight = weightRule("SWG-X-005", "grossWeight", "gross");

export const invoicePackingPackages: DossierRule = {
  id: "SWG-X-003",
  scope: "dossier",
  severity: "error",
  category: "cross-document",
  message: "The number of packages the invoice lines state must equal the packing list's total",
  fields: ["commercial-invoice#/lines/*/packages/count", "packing-list#/totals/packageCount"],
  article: "UCP 600 art. 14(d) (data not conflicting)",
  check(d: Dossier, out: Findings) {
    forPairs(d, "packing-list", "commercial-invoice", (ple, inve) => {
      let invoiced = 0;
      for (const l of asInvoice(inve.doc).lines) {
        // Package counts are optional on invoice lines; a partial count proves nothing.
        if (l.packages === undefined) return;
        invoiced += l.packages.count;
      }
      const packed = asPackingList(ple.doc).totals.packageCount;
      if (invoiced !== packed) {
        out.addEither(
          ple,
          "/totals/packageCount",
          inve,
          "/lines",
          `${packed} packages on the packing list, ${invoiced} on the invoice lines`,
        );
      }
    });
  },
};
