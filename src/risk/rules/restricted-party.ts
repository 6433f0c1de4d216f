import type { PartyData } from "../../model/canonical.js";
import type { RiskContext, RiskHit, RiskRule } from "../types.js";

/** Parties a document names: its fields (one level down too) holding an object with a name. */
export function partiesOf(doc: unknown): { pointer: string; party: PartyData }[] {
  const out: { pointer: string; party: PartyData }[] = [];
  const visit = (v: unknown, pointer: string, depth: number) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${pointer}/${i}`, depth));
      return;
    }
    if (!v || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    if (
      depth > 0 &&
      typeof o["name"] === "string" &&
      (Array.isArray(o["identifiers"]) || typeof o["address"] === "object")
    ) {
      out.push({ pointer, party: o as unknown as PartyData });
      return;
    }
    if (depth < 2) for (const [k, x] of Object.entries(o)) visit(x, `${pointer}/${k}`, depth + 1);
  };
  visit(doc, "", 0);
  return out;
}

export const restrictedPartyRule: RiskRule = {
  id: "RISK-RPL-001",
  severity: "high",
  title: "A party is on the restricted-party list",
  description:
    "A party named in a document (issuer, seller, buyer, consignee, exporter, declarant, carrier, notify party, …) matches an entry of the list in SWG_RISK_LIST_FILE: by identifier (same scheme and value), or by name or alias with a token-set similarity of at least SWG_RISK_NAME_THRESHOLD (default 0.88) after transliteration-insensitive normalisation.",
  check(ctx: RiskContext): Promise<RiskHit[]> {
    const hits: RiskHit[] = [];
    if (ctx.screener.list.entries.length === 0) return Promise.resolve(hits);
    for (const d of ctx.docs) {
      const done = new Set<string>();
      for (const { pointer, party } of partiesOf(d.doc)) {
        const m = ctx.screener.match(party.name, party.identifiers ?? []);
        if (!m || done.has(m.entry.id)) continue;
        done.add(m.entry.id);
        hits.push({
          ruleId: "RISK-RPL-001",
          severity: "high",
          documentIndex: d.index,
          pointer,
          message: `${party.name} matches restricted party ${m.entry.name} (${m.entry.id}) by ${m.by}${m.by === "name" ? `, similarity ${m.score.toFixed(2)}` : ""}`,
          data: {
            entryId: m.entry.id,
            listed: m.matched,
            score: m.score,
            by: m.by,
            source: ctx.screener.list.source,
            reason: m.entry.reason,
          },
        });
      }
    }
    return Promise.resolve(hits);
  },
};
