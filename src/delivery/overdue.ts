import type { Logger } from "pino";
import { Counter, type Registry } from "prom-client";
import type { PartnerConfig } from "../config/partners.js";
import type { Clock } from "../ports/clock.js";
import type { Store } from "../ports/store.js";
import { planNotifications } from "./notify.js";

export interface OverdueOptions {
  readonly intervalMs: number;
  readonly batchSize: number;
}

/**
 * Nothing waits silently: a delivery whose partner has not answered by its deadline (each
 * partner's responseDeadlineHours, set as dueAt when routed) is flagged once, whichever worker
 * sees it first: an audit event `delivery.overdue`, a count in `swg_deliveries_overdue_total`,
 * a push to the exporter, and `overdue` in the submission's status (src/delivery/status.ts).
 */
export class OverdueWatch {
  private readonly counter: Counter<"partner" | "kind">;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly partners: ReadonlyMap<string, PartnerConfig>,
    registry: Registry,
    private readonly opts: OverdueOptions,
  ) {
    this.counter = new Counter({
      name: "swg_deliveries_overdue_total",
      help: "Deliveries flagged overdue (no answer by the partner's deadline), by partner and partner kind",
      labelNames: ["partner", "kind"],
      registers: [registry],
    });
  }

  start(): void {
    this.timer = setInterval(() => {
      // One sweep at a time: a slow store must not stack sweeps.
      this.running ??= this.tick()
        .catch((e: unknown) => this.log.warn({ err: e }, "overdue sweep failed"))
        .finally(() => (this.running = undefined));
    }, this.opts.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Flags what is overdue now; returns how many this call flagged. */
  async tick(): Promise<number> {
    const now = this.clock.now().toISOString();
    let flagged = 0;
    for (const d of await this.store.read.deliveries.listOverdue({ now, limit: this.opts.batchSize })) {
      const kind = this.partners.get(d.partnerId)?.kind ?? "unknown";
      const mine = await this.store.unit(async (tx) => {
        if (!(await tx.deliveries.markOverdue(d.id, now))) return false;
        await tx.audit.append({
          chain: d.ucr,
          type: "delivery.overdue",
          at: now,
          actor: { partyId: null, role: "system" },
          subject: { documentId: d.documentId, deliveryId: d.id },
          data: {
            partnerId: d.partnerId,
            partnerKind: kind,
            dueAt: d.dueAt,
            state: d.state,
            messageId: d.messageId,
          },
        });
        await planNotifications(tx, {
          kind: "overdue",
          subjectId: d.id,
          ucr: d.ucr,
          documentId: d.documentId,
          at: now,
          body: {
            partnerId: d.partnerId,
            partnerKind: kind,
            dueAt: d.dueAt,
            deliveryState: d.state,
            overdueSince: now,
          },
        });
        return true;
      });
      if (mine) {
        flagged++;
        this.counter.inc({ partner: d.partnerId, kind });
      }
    }
    return flagged;
  }
}
