import type { CanonicalDocument } from "../model/canonical.js";
import type { StatBin, StatSeries } from "../ports/register.js";
import type { Store } from "../ports/store.js";
import { goodsLines } from "./lines.js";
import { binOf, robustOf, type Robust } from "./robust.js";
import { RISK_RULES } from "./rules/index.js";
import { figureOf, UNIT_PRICE, VALUE_PER_KG } from "./rules/outliers.js";
import type { RiskDoc, RiskHit, RiskRule, RiskThresholds } from "./types.js";
import type { Screener } from "./watchlist.js";

export interface RiskOutcome {
  readonly hits: readonly RiskHit[];
  /** What this submission adds to the price statistics, written in its own commit unit. */
  readonly observations: readonly StatBin[];
}

/** How long a series' bins are reused: statistics over thousands of lines barely move in seconds. */
const SERIES_TTL_MS = 10_000;
const MAX_SERIES = 20_000;

/**
 * Runs the risk rules on every accepted submission. Warnings do not stop a submission: they go to
 * regulators, who acknowledge, dismiss or escalate them.
 */
export class RiskEngine {
  private cache = new Map<string, { robust: Robust | undefined; until: number }>();

  constructor(
    private readonly store: Store,
    readonly thresholds: RiskThresholds,
    readonly screener: Screener,
    readonly rules: readonly RiskRule[] = RISK_RULES,
  ) {}

  async assess(
    docs: readonly RiskDoc[],
    related: readonly CanonicalDocument[],
    ownerId: string,
    now: Date,
  ): Promise<RiskOutcome> {
    const ctx = {
      docs,
      related,
      ownerId,
      thresholds: this.thresholds,
      screener: this.screener,
      series: (s: StatSeries) => this.series(s, now.getTime()),
      ownCurrent: (type: string, n: string) =>
        this.store.read.documents.listCurrentByNumber(ownerId, type, n),
      document: async (id: string) => {
        const d = await this.store.read.documents.get(id);
        return d && (JSON.parse(d.canonical) as CanonicalDocument);
      },
    };
    const hits: RiskHit[] = [];
    for (const r of this.rules) hits.push(...(await r.check(ctx)));
    return { hits, observations: observe(docs) };
  }

  private async series(s: StatSeries, now: number): Promise<Robust | undefined> {
    const key = `${s.metric}\u0000${s.heading}\u0000${s.unit}\u0000${s.currency}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.robust;
    const r = robustOf(await this.store.read.riskStats.bins(s));
    const robust = r && r.n >= this.thresholds.minSamples ? r : undefined;
    if (this.cache.size >= MAX_SERIES) this.cache.clear();
    this.cache.set(key, { robust, until: now + SERIES_TTL_MS });
    return robust;
  }
}

/**
 * The submission's contribution to the statistics. An invoice and the declaration built from it
 * describe the same goods, so when the submission has invoice lines only those count.
 */
export function observe(docs: readonly RiskDoc[]): StatBin[] {
  const invoices = docs.filter((d) => d.doc.type === "commercial-invoice");
  const source = invoices.some((d) => goodsLines(d).length > 0) ? invoices : docs;
  const out: StatBin[] = [];
  for (const d of source)
    for (const l of goodsLines(d)) {
      if (l.heading === null) continue;
      for (const metric of [UNIT_PRICE, VALUE_PER_KG]) {
        const f = figureOf(l, metric);
        if (f && Number.isFinite(f.x) && f.x > 0)
          out.push({ metric, heading: l.heading, unit: f.unit, currency: l.currency, bin: binOf(f.x), n: 1 });
      }
    }
  return out;
}
