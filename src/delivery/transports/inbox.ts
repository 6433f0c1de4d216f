import type { Transport, TransportRequest, TransportResult } from "./types.js";

/**
 * Holds the rendered message for the partner to pull (GET /v1/inbox). The inbox row is written
 * in the same transaction that marks the delivery delivered, so the two cannot disagree.
 */
export const inboxTransport: Transport = {
  deliver(req: TransportRequest): Promise<TransportResult> {
    const { partner, delivery, rendered } = req;
    return Promise.resolve({
      receipt: { transport: "inbox", held: true },
      write: (tx) =>
        tx.inbox.put({
          partnerId: partner.id,
          deliveryId: delivery.id,
          messageId: delivery.messageId,
          mediaType: rendered.mediaType,
          body: rendered.body,
          headers: {
            "x-swg-message-id": delivery.messageId,
            "x-swg-delivery-id": delivery.id,
            "x-swg-ucr": delivery.ucr,
            ...(rendered.filename
              ? { "content-disposition": `attachment; filename="${rendered.filename}"` }
              : {}),
          },
          createdAt: new Date().toISOString(),
        }),
    });
  },
};
