import type { PartnerConfig } from "../../config/partners.js";
import type { Rendered } from "../../ports/adapter.js";
import type { DeliveryRecord } from "../../ports/records.js";
import type { Tx } from "../../ports/store.js";

export interface TransportRequest {
  readonly partner: PartnerConfig;
  readonly delivery: DeliveryRecord;
  readonly attempt: number;
  readonly rendered: Rendered;
}

/** What a transport reports; `write` joins the transaction that records the delivery. */
export interface TransportResult {
  /** Transport-level confirmation (HTTP status, partner acknowledgement), kept as the delivery receipt. */
  readonly receipt: Readonly<Record<string, unknown>>;
  readonly write?: (tx: Tx) => Promise<void>;
}

export class TransportError extends Error {
  constructor(
    message: string,
    /** False when retrying cannot help (e.g. the partner answered 4xx to this message). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

export interface Transport {
  deliver(req: TransportRequest): Promise<TransportResult>;
}
