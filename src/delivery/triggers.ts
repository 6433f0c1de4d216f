import type { CanonicalDocument } from "../model/canonical.js";
import { recordPlannedDelivery } from "../pipeline/route/record.js";
import { ruleMatches, type Routes } from "../pipeline/route/route.js";
import type { PlannedDelivery } from "../pipeline/types.js";
import type { Actor } from "../ports/records.js";
import type { Tx } from "../ports/store.js";
import { uuidv7 } from "../util/ids.js";

/**
 * Routing that a partner's answer sets off, declared as routing rules with `on`: e.g. a customs
 * release sends the declaration on to the port and the carrier (config/routing.json). A rule
 * applies when the answer's status is in `on.status` and the answered document meets the rule's
 * types and conditions. A rule sends each version to each of its partners once: a repeated
 * answer sends nothing more, while a partner that had the version otherwise (e.g. as the
 * amendment of what it was sent before) is still told, since what it is told now differs.
 */
export function triggeredDeliveries(
  routes: Routes,
  answer: { readonly status: string; readonly document: CanonicalDocument },
  /** Rule id → partners that rule already sent this version to. */
  sent: ReadonlyMap<string, ReadonlySet<string>>,
  now: Date,
): PlannedDelivery[] {
  const out: PlannedDelivery[] = [];
  const doc = answer.document;
  const planned = new Set<string>();
  for (const rule of routes.rules) {
    if (!rule.on?.status.includes(answer.status) || !ruleMatches(rule, doc)) continue;
    for (const partnerId of rule.to) {
      const partner = routes.partners.get(partnerId);
      if (sent.get(rule.id)?.has(partnerId) || planned.has(partnerId)) continue;
      if (!partner || !routes.accepts(partner.adapter, doc.type)) continue;
      planned.add(partnerId);
      out.push({
        id: uuidv7(now.getTime()),
        documentId: doc.id,
        ucr: doc.ucr,
        partnerId,
        adapterId: partner.adapter,
        routingKey: `${partner.kind}.${partner.id}.${doc.type}`,
        messageId: uuidv7(now.getTime()),
        ruleId: rule.id,
        dueAt: new Date(now.getTime() + (partner.responseDeadlineHours ?? 24) * 3_600_000).toISOString(),
      });
    }
  }
  return out;
}

/** Rule id → partners, from a document's `delivery.planned` audit events: what each rule sent it to. */
export function sentByRule(
  events: readonly { readonly type: string; readonly data: Readonly<Record<string, unknown>> }[],
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of events) {
    const rule = e.data["rule"];
    const partner = e.data["partnerId"];
    if (e.type !== "delivery.planned" || typeof rule !== "string" || typeof partner !== "string") continue;
    out.set(rule, (out.get(rule) ?? new Set()).add(partner));
  }
  return out;
}

/** Writes triggered deliveries (the outbox) and their audit events in the answer's transaction. */
export async function recordTriggered(
  tx: Tx,
  planned: readonly PlannedDelivery[],
  cause: { readonly responseId: string; readonly status: string; readonly partnerId: string },
  actor: Actor,
  at: string,
): Promise<void> {
  const trigger = { responseId: cause.responseId, status: cause.status, partnerId: cause.partnerId };
  for (const p of planned) await recordPlannedDelivery(tx, p, { state: "pending", actor, at, trigger });
}
