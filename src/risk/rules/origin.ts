import type { CanonicalDocument } from "../../model/canonical.js";
import type { RiskContext, RiskHit, RiskRule } from "../types.js";

interface Origin {
  readonly country: string;
  readonly index: number | null;
  readonly pointer: string;
  readonly type: string;
}

/** Every goods entry with an HS code and an origin, wherever in a document it sits. */
function origins(doc: CanonicalDocument, index: number | null, out: Map<string, Origin[]>): void {
  const visit = (v: unknown, pointer: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${pointer}/${i}`));
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (
        typeof o["hsCode"] === "string" &&
        typeof o["originCountry"] === "string" &&
        o["hsCode"].length >= 6
      ) {
        const hs6 = o["hsCode"].slice(0, 6);
        out.set(hs6, [
          ...(out.get(hs6) ?? []),
          { country: o["originCountry"], index, pointer, type: doc.type },
        ]);
      }
      for (const [k, x] of Object.entries(o)) if (typeof x === "object") visit(x, `${pointer}/${k}`);
    }
  };
  visit(doc, "");
}

export const originRule: RiskRule = {
  id: "RISK-ORG-001",
  severity: "medium",
  title: "Origin inconsistent across the consignment's documents",
  description:
    "The same goods (same HS subheading, six digits) are given different countries of origin by the documents of one consignment (invoice lines, declaration and certificate-of-origin goods items, inspection application, …), counting documents stored earlier for the consignment.",
  check(ctx: RiskContext): Promise<RiskHit[]> {
    const byHs = new Map<string, Origin[]>();
    for (const d of ctx.docs) if (d.doc.functionCode !== "cancellation") origins(d.doc, d.index, byHs);
    for (const doc of ctx.related) origins(doc, null, byHs);
    const hits: RiskHit[] = [];
    for (const [hs6, list] of byHs) {
      const countries = [...new Set(list.map((o) => o.country))].sort();
      if (countries.length < 2) continue;
      const flagged = new Set<number>();
      for (const o of list) {
        if (o.index === null || flagged.has(o.index)) continue;
        flagged.add(o.index);
        hits.push({
          ruleId: "RISK-ORG-001",
          severity: "medium",
          documentIndex: o.index,
          pointer: o.pointer,
          message: `HS ${hs6}: origin ${o.country} here, but the consignment's documents give ${countries.join(", ")}`,
          data: { hs6, countries, sources: list.map((x) => ({ type: x.type, country: x.country })) },
        });
      }
    }
    return Promise.resolve(hits);
  },
};
