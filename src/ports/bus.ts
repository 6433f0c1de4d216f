/** The message bus: in-process (embedded) or RabbitMQ (distributed). Same semantics for both. */

export interface BusMessage {
  /** Topic routing key: `<partnerKind>.<partnerId>.<docType>`. */
  readonly routingKey: string;
  /** Stable message id; kept on retries and replays so that consumers can deduplicate. */
  readonly messageId: string;
  readonly headers: Readonly<Record<string, string | number>>;
  readonly body: Buffer;
}

export interface InboundMessage extends BusMessage {
  /** 1 on first delivery, incremented on each retry. */
  readonly attempt: number;
  /** The broker redelivered it (e.g. after a consumer crash). */
  readonly redelivered: boolean;
}

export type Outcome =
  | { readonly kind: "ack" }
  /**
   * Try again after the retry delay of this attempt; `retryAt` (ISO 8601), when given, is when the
   * handler scheduled it, so the time the handler spent recording the failure is not added on top.
   */
  | { readonly kind: "retry"; readonly error: string; readonly retryAt?: string }
  /** Give up: park it in the dead letters. */
  | { readonly kind: "dead"; readonly error: string };

export type Handler = (msg: InboundMessage) => Promise<Outcome>;

export interface Subscription {
  readonly queue: string;
  close(): Promise<void>;
}

export interface Bus {
  /** Whether messages survive a process crash once published (RabbitMQ: yes; embedded: no, the outbox covers it). */
  readonly durable: boolean;
  start(): Promise<void>;
  /** Resolves when every message is confirmed by the bus; rejects if any is not. */
  publish(messages: readonly BusMessage[]): Promise<void>;
  /** Consumes `queue`, bound to the given topic patterns. */
  subscribe(
    queue: string,
    bindings: readonly string[],
    handler: Handler,
    opts: { prefetch: number },
  ): Promise<Subscription>;
  close(): Promise<void>;
}
