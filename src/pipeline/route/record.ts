import type { Actor, DeliveryState } from "../../ports/records.js";
import type { Tx } from "../../ports/store.js";
import type { PlannedDelivery } from "../types.js";

/** A partner's answer whose status triggered the delivery (see src/delivery/triggers.ts). */
export interface DeliveryTrigger {
  readonly responseId: string;
  readonly status: string;
  readonly partnerId: string;
}

/**
 * Writes one planned delivery to the outbox and its `delivery.planned` event, in the caller's
 * transaction: the row and its audit event commit together or not at all.
 */
export async function recordPlannedDelivery(
  tx: Tx,
  p: PlannedDelivery,
  opts: {
    readonly state: Extract<DeliveryState, "pending" | "held">;
    readonly actor: Actor;
    readonly at: string;
    readonly trigger?: DeliveryTrigger;
  },
): Promise<void> {
  const { at, trigger } = opts;
  await tx.deliveries.insert({
    id: p.id,
    documentId: p.documentId,
    ucr: p.ucr,
    partnerId: p.partnerId,
    adapterId: p.adapterId,
    routingKey: p.routingKey,
    messageId: p.messageId,
    state: opts.state,
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    createdAt: at,
    updatedAt: at,
    deliveredAt: null,
    dueAt: p.dueAt,
    respondedAt: null,
    receipt: null,
  });
  await tx.audit.append({
    chain: p.ucr,
    type: "delivery.planned",
    at,
    actor: opts.actor,
    subject: {
      documentId: p.documentId,
      deliveryId: p.id,
      ...(trigger ? { responseId: trigger.responseId } : {}),
    },
    data: {
      partnerId: p.partnerId,
      adapterId: p.adapterId,
      rule: p.ruleId,
      messageId: p.messageId,
      dueAt: p.dueAt,
      ...(trigger ? { trigger } : {}),
    },
  });
}
