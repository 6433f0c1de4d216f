import type { Weight } from "../pipeline/validate/rules/views/common.js";
import { asDeclaration } from "../pipeline/validate/rules/views/export-declaration.js";
import { asInvoice } from "../pipeline/validate/rules/views/invoice.js";
import type { RiskDoc } from "./types.js";

/** A goods line with what price checks need, whichever document it comes from. */
export interface GoodsLine {
  readonly documentIndex: number;
  readonly pointer: string;
  readonly sequence: number;
  /** HS heading: the first four digits. */
  readonly heading: string | null;
  readonly unit: string | null;
  readonly currency: string;
  /** Price per unit of quantity. */
  readonly unitPrice: number | null;
  readonly value: number | null;
  /** Net mass (gross when no net is given), in kilograms. */
  readonly kg: number | null;
}

const KG: Readonly<Record<string, number>> = { KGM: 1, GRM: 0.001, TNE: 1000, LBR: 0.45359237 };

function kilograms(net: Weight | undefined, gross: Weight | undefined): number | null {
  const w = net ?? gross;
  const f = w ? KG[w.unit] : undefined;
  return w && f !== undefined && w.value > 0 ? w.value * f : null;
}

/** Documents passed the schema, but rules run on what might still lack a list: never trust one blindly. */
const list = <T>(x: readonly T[] | undefined): readonly T[] => (Array.isArray(x) ? (x as readonly T[]) : []);
const positive = (x: unknown): number | null => (typeof x === "number" && x > 0 ? x : null);
const heading = (hs: string | undefined): string | null =>
  hs && /^[0-9]{4}/.test(hs) ? hs.slice(0, 4) : null;

/** Invoice lines and declaration goods items; other types carry no prices. Tolerates missing fields. */
export function goodsLines(d: RiskDoc): GoodsLine[] {
  if (d.doc.functionCode === "cancellation") return [];
  if (d.doc.type === "commercial-invoice") {
    const inv = asInvoice(d.doc);
    if (typeof inv.currency !== "string") return [];
    return list(inv.lines).map((l, i) => {
      const qty = positive(l.quantity?.value);
      const price = positive(l.unitPrice);
      const amount = positive(l.lineAmount);
      return {
        documentIndex: d.index,
        pointer: `/lines/${i}`,
        sequence: l.sequence,
        heading: heading(l.hsCode),
        unit: l.quantity?.unit ?? null,
        currency: inv.currency,
        unitPrice:
          price !== null
            ? price / (positive(l.priceBaseQuantity) ?? 1)
            : qty !== null && amount !== null
              ? amount / qty
              : null,
        value: amount,
        kg: kilograms(l.netWeight, l.grossWeight),
      };
    });
  }
  if (d.doc.type === "export-declaration") {
    const dec = asDeclaration(d.doc);
    if (typeof dec.invoice?.currency !== "string") return [];
    return list(dec.goodsItems).map((g, i) => {
      const qty = positive(g.quantity?.value);
      const value = positive(g.value);
      return {
        documentIndex: d.index,
        pointer: `/goodsItems/${i}`,
        sequence: g.sequence,
        heading: heading(g.hsCode),
        unit: g.quantity?.unit ?? null,
        currency: dec.invoice.currency,
        unitPrice: qty && value ? value / qty : null,
        value,
        kg: kilograms(g.netWeight, g.grossWeight),
      };
    });
  }
  return [];
}
