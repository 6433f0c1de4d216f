import { goodsLines, type GoodsLine } from "../lines.js";
import { modifiedZ } from "../robust.js";
import type { RiskContext, RiskHit, RiskRule } from "../types.js";

export const UNIT_PRICE = "unit-price";
export const VALUE_PER_KG = "value-per-kg";

/** The series a line belongs to and the figure it contributes, for one metric. */
export function figureOf(l: GoodsLine, metric: string): { unit: string; x: number } | undefined {
  if (metric === UNIT_PRICE)
    return l.unit !== null && l.unitPrice !== null ? { unit: l.unit, x: l.unitPrice } : undefined;
  return l.value !== null && l.kg !== null ? { unit: "KGM", x: l.value / l.kg } : undefined;
}

function outlierRule(id: string, metric: string, title: string, what: string): RiskRule {
  return {
    id,
    severity: "medium",
    title,
    description: `${what} of a goods line (invoice line or declaration goods item) is an outlier among what the gateway has seen for the same HS heading (first four digits), unit and currency: its modified z-score 0.6745·(ln x − median)/MAD, over a 2 %-binned log histogram kept in the store, exceeds SWG_RISK_OUTLIER_Z (default 3.5) once the heading has SWG_RISK_MIN_SAMPLES (default 20) observations; high beyond twice that.`,
    async check(ctx: RiskContext): Promise<RiskHit[]> {
      const hits: RiskHit[] = [];
      for (const d of ctx.docs) {
        for (const l of goodsLines(d)) {
          const f = figureOf(l, metric);
          if (!f || l.heading === null) continue;
          const series = { metric, heading: l.heading, unit: f.unit, currency: l.currency };
          const r = await ctx.series(series);
          if (!r) continue;
          const z = modifiedZ(f.x, r);
          if (Math.abs(z) <= ctx.thresholds.outlierZ) continue;
          const median = Math.exp(r.medianLog);
          hits.push({
            ruleId: id,
            severity: Math.abs(z) > 2 * ctx.thresholds.outlierZ ? "high" : "medium",
            documentIndex: d.index,
            pointer: l.pointer,
            message: `Line ${l.sequence}: ${what.toLowerCase()} ${round(f.x)} ${l.currency}/${f.unit} is ${z < 0 ? "far below" : "far above"} the median ${round(median)} for HS ${l.heading} (modified z ${z.toFixed(1)}, ${r.n} seen)`,
            data: { ...series, value: f.x, median, z, samples: r.n },
          });
        }
      }
      return hits;
    },
  };
}

const round = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));

export const unitPriceRule = outlierRule(
  "RISK-PRC-001",
  UNIT_PRICE,
  "Unit price far from what is usual for the HS heading",
  "The unit price",
);

export const weightValueRule = outlierRule(
  "RISK-WV-001",
  VALUE_PER_KG,
  "Value per kilogram far from what is usual for the HS heading",
  "The value per kilogram",
);
