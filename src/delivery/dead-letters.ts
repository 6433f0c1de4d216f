import type { Logger } from "pino";
import { ProblemError } from "../errors/index.js";
import type { Handler } from "../ports/bus.js";
import type { Clock } from "../ports/clock.js";
import type { Actor, DeliveryAttemptRecord, DeliveryRecord, DeliveryState } from "../ports/records.js";
import type { Store } from "../ports/store.js";
import { documentTypeOf, parseDeliveryMessage } from "./messages.js";

/** What operators ask for; "in-flight" is waiting to be published or published and not settled. */
export const DELIVERY_VIEWS = ["in-flight", "retrying", "dead", "cancelled", "delivered", "held"] as const;
export type DeliveryView = (typeof DELIVERY_VIEWS)[number];

const VIEW_STATES: Readonly<Record<DeliveryView, readonly DeliveryState[]>> = {
  "in-flight": ["pending", "published"],
  retrying: ["retrying"],
  dead: ["dead"],
  cancelled: ["cancelled"],
  delivered: ["delivered"],
  held: ["held"],
};

export function statesOf(views: readonly DeliveryView[]): DeliveryState[] {
  return [...new Set(views.flatMap((v) => VIEW_STATES[v]))];
}

export interface DeliveryFilter {
  readonly states?: readonly DeliveryState[];
  readonly partnerId?: string;
  readonly adapterId?: string;
  readonly documentType?: string;
  /** Case-insensitive substring of the last error. */
  readonly error?: string;
  /** Last changed at or after / before (ISO 8601). */
  readonly from?: string;
  readonly to?: string;
}

export interface DeliveryPage {
  readonly items: readonly DeliveryRecord[];
  /** Pass as `after` for the next page; absent at the end. */
  readonly next?: string;
}

/** States a replay starts again from: given up, or stopped by an operator. */
const REPLAYABLE: readonly DeliveryState[] = ["dead", "cancelled"];
/** States an operator can stop: anything not settled yet. */
const CANCELLABLE: readonly DeliveryState[] = ["pending", "published", "retrying"];

/** Rows read per query while filtering, and how many a single list or bulk replay may scan. */
const CHUNK = 500;
const MAX_SCAN = 100_000;

/**
 * The operator's view of deliveries and the dead letters: list by state (and partner, adapter,
 * document type, error, time), inspect one with its attempts, replay one or many, cancel a retry.
 * The store is the dead-letter store on both buses. A replay puts the row back to pending with its
 * attempts reset and the SAME message id, so a partner that already has it deduplicates it; the
 * relay then publishes it as if it were new. A cancelled delivery is skipped by the relay (embedded
 * bus) and acknowledged without delivering when its copy comes back from a delay queue (RabbitMQ).
 * Every action is an audit event on the consignment's chain, by the acting operator.
 */
export class DeliveryOperations {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async list(filter: DeliveryFilter, page: { limit: number; after?: string }): Promise<DeliveryPage> {
    const items: DeliveryRecord[] = [];
    let after = page.after;
    let scanned = 0;
    while (items.length < page.limit && scanned < MAX_SCAN) {
      const rows = await this.store.read.deliveries.list({
        ...(filter.states && filter.states.length > 0 ? { states: [...filter.states] } : {}),
        ...(filter.partnerId ? { partnerId: filter.partnerId } : {}),
        limit: CHUNK,
        ...(after ? { after } : {}),
      });
      scanned += rows.length;
      for (const d of rows) {
        after = d.id;
        if (!matches(d, filter)) continue;
        items.push(d);
        if (items.length === page.limit) break;
      }
      if (rows.length < CHUNK && items.length < page.limit) return { items };
    }
    return after ? { items, next: after } : { items };
  }

  async show(
    id: string,
  ): Promise<{ delivery: DeliveryRecord; attempts: DeliveryAttemptRecord[] } | undefined> {
    const delivery = await this.store.read.deliveries.get(id);
    if (!delivery) return undefined;
    return { delivery, attempts: await this.store.read.deliveries.attempts(id) };
  }

  async replay(id: string, actor: Actor, reason?: string): Promise<DeliveryRecord> {
    const d = await this.require(id);
    if (!REPLAYABLE.includes(d.state))
      throw new ProblemError(
        "SWG_CONFLICT",
        `delivery ${id} is ${d.state}; only ${REPLAYABLE.join(" or ")} deliveries can be replayed`,
      );
    const at = this.clock.now().toISOString();
    const moved = await this.store.unit(async (tx) => {
      const ok = await tx.deliveries.transition(id, [d.state], {
        state: "pending",
        attempts: 0,
        nextAttemptAt: null,
        updatedAt: at,
      });
      if (ok) await tx.audit.append(event(d, "delivery.replayed", actor, at, { from: d.state, reason }));
      return ok;
    });
    if (!moved) throw new ProblemError("SWG_CONFLICT", `delivery ${id} changed state meanwhile; try again`);
    return (await this.store.read.deliveries.get(id))!;
  }

  /** Replays every replayable delivery that matches (dead ones unless the filter names states). */
  async replayMatching(
    filter: DeliveryFilter,
    actor: Actor,
    opts: { max: number; reason?: string },
  ): Promise<{ replayed: string[]; conflicts: string[] }> {
    const states = (filter.states && filter.states.length > 0 ? filter.states : ["dead" as const]).filter(
      (s) => REPLAYABLE.includes(s),
    );
    if (states.length === 0)
      throw new ProblemError("SWG_BAD_REQUEST", `only ${REPLAYABLE.join(" or ")} deliveries can be replayed`);
    const { items } = await this.list({ ...filter, states }, { limit: opts.max });
    const replayed: string[] = [];
    const conflicts: string[] = [];
    for (const d of items) {
      try {
        await this.replay(d.id, actor, opts.reason);
        replayed.push(d.id);
      } catch (e) {
        if (!(e instanceof ProblemError && e.code === "SWG_CONFLICT")) throw e;
        conflicts.push(d.id);
      }
    }
    return { replayed, conflicts };
  }

  async cancel(id: string, actor: Actor, reason?: string): Promise<DeliveryRecord> {
    const d = await this.require(id);
    if (!CANCELLABLE.includes(d.state))
      throw new ProblemError("SWG_CONFLICT", `delivery ${id} is ${d.state}; there is nothing to cancel`);
    const at = this.clock.now().toISOString();
    const moved = await this.store.unit(async (tx) => {
      const ok = await tx.deliveries.transition(id, [d.state], {
        state: "cancelled",
        nextAttemptAt: null,
        updatedAt: at,
      });
      if (ok) await tx.audit.append(event(d, "delivery.cancelled", actor, at, { from: d.state, reason }));
      return ok;
    });
    if (!moved) throw new ProblemError("SWG_CONFLICT", `delivery ${id} changed state meanwhile; try again`);
    return (await this.store.read.deliveries.get(id))!;
  }

  private async require(id: string): Promise<DeliveryRecord> {
    const d = await this.store.read.deliveries.get(id);
    if (!d) throw new ProblemError("SWG_NOT_FOUND", `no delivery ${id}`);
    return d;
  }
}

function matches(d: DeliveryRecord, f: DeliveryFilter): boolean {
  if (f.adapterId && d.adapterId !== f.adapterId) return false;
  if (f.documentType && documentTypeOf(d.routingKey) !== f.documentType) return false;
  if (f.error && !(d.lastError ?? "").toLowerCase().includes(f.error.toLowerCase())) return false;
  if (f.from && d.updatedAt < f.from) return false;
  if (f.to && d.updatedAt >= f.to) return false;
  return true;
}

function event(
  d: DeliveryRecord,
  type: string,
  actor: Actor,
  at: string,
  data: { from: DeliveryState; reason: string | undefined },
) {
  return {
    chain: d.ucr,
    type,
    at,
    actor,
    subject: { documentId: d.documentId, deliveryId: d.id },
    data: {
      partnerId: d.partnerId,
      messageId: d.messageId,
      from: data.from,
      attempts: d.attempts,
      lastError: d.lastError,
      ...(data.reason ? { reason: data.reason } : {}),
    },
  };
}

/**
 * Consumes the broker's dead-letter queue into the store, which is where operators look. Copies
 * the adapter host parked there (marked `x-dead-from`) are already recorded: the host wrote `dead`
 * before parking them. Anything else was dead-lettered by the broker itself, which for an adapter
 * queue means redelivered past its delivery limit (a worker crashed on it every time); it is
 * recorded here, so that nothing stays "published" forever.
 */
export function deadLetterRecorder(store: Store, clock: Clock, log: Logger): Handler {
  return async (msg) => {
    if (msg.headers["x-dead-from"] !== undefined) return { kind: "ack" };
    const ref = parseDeliveryMessage(msg.body);
    const d = ref && (await store.read.deliveries.get(ref.deliveryId));
    if (!d) {
      log.error({ messageId: msg.messageId }, "dead letter for no known delivery; dropped");
      return { kind: "ack" };
    }
    const at = clock.now().toISOString();
    const error =
      "dead-lettered by the broker: redelivered past the delivery limit (a worker failed on it each time)";
    await store.unit(async (tx) => {
      // A replay since then (pending) or a settled delivery is left as it is.
      const moved = await tx.deliveries.transition(d.id, ["published", "retrying"], {
        state: "dead",
        nextAttemptAt: null,
        lastError: error,
        updatedAt: at,
      });
      if (!moved) return;
      await tx.audit.append({
        chain: d.ucr,
        type: "delivery.dead",
        at,
        actor: { partyId: null, role: "system" },
        subject: { documentId: d.documentId, deliveryId: d.id },
        data: { partnerId: d.partnerId, attempt: d.attempts, error, source: "broker" },
      });
    });
    log.warn({ deliveryId: d.id }, "recorded a delivery the broker dead-lettered");
    return { kind: "ack" };
  };
}
