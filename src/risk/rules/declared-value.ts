import type { CanonicalDocument } from "../../model/canonical.js";
import { asDeclaration } from "../../pipeline/validate/rules/views/export-declaration.js";
import { asInvoice, invoicedAmount } from "../../pipeline/validate/rules/views/invoice.js";
import type { RiskContext, RiskHit, RiskRule } from "../types.js";

interface Entry {
  readonly doc: CanonicalDocument;
  /** Index in the submission; null for a document stored earlier. */
  readonly index: number | null;
}

/** The value a declaration declares: its goods items' values when every item has one, else the invoice amount. */
function declaredValue(doc: CanonicalDocument): number | undefined {
  const d = asDeclaration(doc);
  const items: readonly { readonly value?: number }[] = Array.isArray(d.goodsItems)
    ? (d.goodsItems as readonly { readonly value?: number }[])
    : [];
  if (items.length > 0 && items.every((g) => typeof g.value === "number"))
    return items.reduce((s, g) => s + g.value!, 0);
  return typeof d.invoice?.amount === "number" ? d.invoice.amount : undefined;
}

/** The invoice a declaration rests on: named by number in the consignment, else stored by the same issuer. */
async function invoiceFor(ctx: RiskContext, decl: Entry, all: readonly Entry[]): Promise<Entry | undefined> {
  const number = asDeclaration(decl.doc).invoice?.number;
  if (typeof number !== "string") return undefined;
  const local = all.find((e) => e.doc.type === "commercial-invoice" && e.doc.number === number);
  if (local || decl.index === null) return local;
  for (const s of await ctx.ownCurrent("commercial-invoice", number)) {
    const doc = await ctx.document(s.id);
    if (doc) return { doc, index: null };
  }
  return undefined;
}

export const declaredValueRule: RiskRule = {
  id: "RISK-VAL-001",
  severity: "medium",
  title: "Declared value differs from the invoice",
  description:
    "An export declaration's value (the sum of its goods items' values, else its invoice amount) differs from the total of the invoice it names (found in the consignment, or stored by the same exporter under another consignment) by more than SWG_RISK_VALUE_TOLERANCE (default 10 %) of the invoice total; high above three times the tolerance. Currencies must match.",
  check(ctx: RiskContext): Promise<RiskHit[]> {
    return check(ctx);
  },
};

async function check(ctx: RiskContext): Promise<RiskHit[]> {
  const all: Entry[] = [
    ...ctx.docs.map((d) => ({ doc: d.doc, index: d.index })),
    ...ctx.related.map((doc) => ({ doc, index: null })),
  ];
  const hits: RiskHit[] = [];
  const tol = ctx.thresholds.valueTolerance;
  for (const decl of all) {
    if (decl.doc.type !== "export-declaration" || decl.doc.functionCode === "cancellation") continue;
    const inv = await invoiceFor(ctx, decl, all);
    // Both stored: this pair was assessed when the later of them arrived.
    if (!inv || (decl.index === null && inv.index === null)) continue;
    const invoice = asInvoice(inv.doc);
    const declared = declaredValue(decl.doc);
    if (declared === undefined || asDeclaration(decl.doc).invoice?.currency !== invoice.currency) continue;
    const invoiced = invoicedAmount(invoice);
    if (!(invoiced > 0)) continue;
    const gap = (declared - invoiced) / invoiced;
    if (Math.abs(gap) <= tol) continue;
    hits.push({
      ruleId: "RISK-VAL-001",
      severity: Math.abs(gap) > 3 * tol ? "high" : "medium",
      documentIndex: decl.index ?? inv.index,
      pointer: decl.index !== null ? "/goodsItems" : "/totals",
      message: `Declared value ${declared} ${invoice.currency} is ${(gap * 100).toFixed(1)} % ${gap < 0 ? "below" : "above"} invoice ${invoice.number}'s ${invoiced}`,
      data: {
        declared,
        invoiced,
        currency: invoice.currency,
        gap,
        invoiceNumber: invoice.number,
        declaration: decl.doc.number,
      },
    });
  }
  return hits;
}
