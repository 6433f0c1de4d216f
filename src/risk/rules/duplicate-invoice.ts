import type { RiskContext, RiskHit, RiskRule } from "../types.js";

export const duplicateInvoiceRule: RiskRule = {
  id: "RISK-DUP-001",
  severity: "high",
  title: "Invoice number used before by the same seller",
  description:
    "A new (original) commercial invoice carries a number that the same exporter already used for another current invoice, stored earlier or in the same submission. Amendments and cancellations of the same invoice do not count.",
  async check(ctx: RiskContext): Promise<RiskHit[]> {
    const hits: RiskHit[] = [];
    const seen = new Map<string, number>();
    for (const d of ctx.docs) {
      if (d.doc.type !== "commercial-invoice" || d.doc.functionCode !== "original") continue;
      const number = d.doc.number;
      const earlier = seen.get(number);
      seen.set(number, d.index);
      const stored = (await ctx.ownCurrent("commercial-invoice", number)).filter((s) => s.id !== d.id);
      if (earlier === undefined && stored.length === 0) continue;
      hits.push({
        ruleId: "RISK-DUP-001",
        severity: "high",
        documentIndex: d.index,
        pointer: "/number",
        message: `Invoice number ${number} was already used by this seller${stored.length > 0 ? ` (document ${stored[0]!.id}, consignment ${stored[0]!.ucr})` : " in this submission"}`,
        data: {
          number,
          earlier: stored.map((s) => ({ id: s.id, ucr: s.ucr, createdAt: s.createdAt })),
          inSubmission: earlier !== undefined,
        },
      });
    }
    return hits;
  },
};
