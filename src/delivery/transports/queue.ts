import { documentTypeOf, traceparentOf } from "../messages.js";
import { TransportError, type Transport, type TransportRequest, type TransportResult } from "./types.js";

export interface QueueMessage {
  readonly messageId: string;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string | number>>;
  readonly body: Buffer;
}

/** What the queue transport needs from the broker; the AMQP bus provides it. */
export interface QueueSender {
  /** Names the publishing process; it also travels as the message's app-id. */
  readonly instanceId: string;
  /** The partner's own queue: `<prefix>.partner.<partnerId>.inbox`. */
  partnerInbox(partnerId: string): string;
  /** Declares `queue` (durable) when needed, publishes to it, and resolves once the broker confirmed it. */
  sendToQueue(queue: string, message: QueueMessage): Promise<void>;
}

/**
 * Delivers to the partner's own queue on our broker. The message id is the delivery's stable
 * message id (kept on retries and replays): the partner deduplicates on it, since a worker that
 * crashes between the confirm and recording the delivery sends it again.
 */
export function queueTransport(sender: QueueSender): Transport {
  return {
    async deliver(req: TransportRequest): Promise<TransportResult> {
      const { partner, delivery, rendered, attempt } = req;
      if (partner.transport.type !== "queue")
        throw new TransportError(`partner ${partner.id} is not a queue partner`, false);
      const queue = sender.partnerInbox(partner.id);
      try {
        await sender.sendToQueue(queue, {
          messageId: delivery.messageId,
          contentType: rendered.mediaType,
          headers: {
            "x-swg-message-id": delivery.messageId,
            "x-swg-delivery-id": delivery.id,
            "x-swg-ucr": delivery.ucr,
            "x-swg-attempt": attempt,
            "x-document-type": documentTypeOf(delivery.routingKey),
            traceparent: traceparentOf(delivery.id),
            ...(rendered.filename ? { "x-swg-filename": rendered.filename } : {}),
          },
          body: rendered.body,
        });
      } catch (e) {
        throw new TransportError(`publishing to ${queue} failed: ${(e as Error).message}`, true);
      }
      return { receipt: { transport: "queue", queue, confirmed: true, publisher: sender.instanceId } };
    },
  };
}
