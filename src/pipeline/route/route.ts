import type { PartnerConfig, RoutingRule } from "../../config/partners.js";
import type { CanonicalDocument } from "../../model/canonical.js";
import { uuidv7 } from "../../util/ids.js";
import type { PlannedDelivery, SealedDoc } from "../types.js";

/** The value at a JSON Pointer (RFC 6901), or undefined. */
export function atPointer(doc: unknown, pointer: string): unknown {
  let cur: unknown = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** HS codes anywhere a document lists goods (invoice lines, declaration goods items, package contents). */
function hsCodes(doc: CanonicalDocument): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k === "hsCode" && typeof x === "string") out.push(x);
        else if (typeof x === "object") visit(x);
      }
    }
  };
  visit(doc);
  return out;
}

export function ruleMatches(rule: RoutingRule, doc: CanonicalDocument): boolean {
  if (!rule.types.includes(doc.type)) return false;
  for (const [pointer, allowed] of Object.entries(rule.match ?? {})) {
    const v = atPointer(doc, pointer);
    if (!allowed.some((a) => a === v)) return false;
  }
  if (rule.hsPrefixes && rule.hsPrefixes.length > 0) {
    const codes = hsCodes(doc);
    if (!codes.some((c) => rule.hsPrefixes!.some((p) => c.startsWith(p)))) return false;
  }
  return true;
}

export interface Routes {
  readonly rules: readonly RoutingRule[];
  readonly partners: ReadonlyMap<string, PartnerConfig>;
  /** Whether an adapter renders a document type (its manifest's documentTypes). */
  readonly accepts: (adapterId: string, type: string) => boolean;
}

/**
 * Plans the deliveries of each document. An amendment or cancellation goes to exactly the
 * partners that received the version it supersedes, whatever the rules say now, so that no
 * partner is left holding a stale version and none learns of a document it never had.
 */
export function route(docs: readonly SealedDoc[], routes: Routes, now: Date): PlannedDelivery[] {
  const out: PlannedDelivery[] = [];
  for (const d of docs) {
    const targets = new Map<string, string>();
    if (d.supersedes) {
      for (const p of d.supersedes.partners) targets.set(p, "supersedes");
    } else {
      // Rules with `on` wait for a partner's answer (src/delivery/triggers.ts).
      for (const r of routes.rules)
        if (!r.on && ruleMatches(r, d.canonical))
          for (const p of r.to) if (!targets.has(p)) targets.set(p, r.id);
    }
    for (const [partnerId, ruleId] of targets) {
      const partner = routes.partners.get(partnerId);
      if (!partner || !routes.accepts(partner.adapter, d.canonical.type)) continue;
      const hours = partner.responseDeadlineHours ?? 24;
      out.push({
        id: uuidv7(now.getTime()),
        documentId: d.canonical.id,
        ucr: d.canonical.ucr,
        partnerId,
        adapterId: partner.adapter,
        routingKey: `${partner.kind}.${partner.id}.${d.canonical.type}`,
        messageId: uuidv7(now.getTime()),
        ruleId,
        dueAt: new Date(now.getTime() + hours * 3_600_000).toISOString(),
      });
    }
  }
  return out;
}
