import type { BusMessage } from "../ports/bus.js";
import type { DeliveryRecord } from "../ports/records.js";

/** What travels on the bus: a reference to the delivery; the adapter host loads and renders it. */
export interface DeliveryMessage {
  readonly deliveryId: string;
  readonly documentId: string;
  readonly partnerId: string;
  readonly adapterId: string;
}

export const HEADER = {
  deliveryId: "x-delivery-id",
  documentType: "x-document-type",
  attempt: "x-attempt",
  traceparent: "traceparent",
} as const;

/** W3C trace context: the trace id derives from the delivery, so every hop of it shares one trace. */
export function traceparentOf(deliveryId: string): string {
  const hex = deliveryId.replace(/-/g, "");
  return `00-${hex.padEnd(32, "0").slice(0, 32)}-${hex.slice(-16)}-01`;
}

/** The routing key is `<partnerKind>.<partnerId>.<docType>`. */
export function documentTypeOf(routingKey: string): string {
  return routingKey.slice(routingKey.lastIndexOf(".") + 1);
}

export function toBusMessage(d: DeliveryRecord): BusMessage {
  const body: DeliveryMessage = {
    deliveryId: d.id,
    documentId: d.documentId,
    partnerId: d.partnerId,
    adapterId: d.adapterId,
  };
  return {
    routingKey: d.routingKey,
    messageId: d.messageId,
    headers: {
      [HEADER.deliveryId]: d.id,
      [HEADER.documentType]: documentTypeOf(d.routingKey),
      [HEADER.attempt]: d.attempts + 1,
      [HEADER.traceparent]: traceparentOf(d.id),
    },
    body: Buffer.from(JSON.stringify(body)),
  };
}

export function parseDeliveryMessage(body: Buffer): DeliveryMessage | undefined {
  try {
    const v = JSON.parse(body.toString("utf8")) as Partial<DeliveryMessage>;
    return typeof v.deliveryId === "string" ? (v as DeliveryMessage) : undefined;
  } catch {
    return undefined;
  }
}
