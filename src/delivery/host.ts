import type { Logger } from "pino";
import type { PartnerConfig } from "../config/partners.js";
import type { CanonicalDocument } from "../model/canonical.js";
import type { Adapter, PartnerView, Rendered, RenderInput, StatusView } from "../ports/adapter.js";
import type { Bus, InboundMessage, Outcome, Subscription } from "../ports/bus.js";
import type { Clock } from "../ports/clock.js";
import type { DeliveryRecord } from "../ports/records.js";
import type { Store } from "../ports/store.js";
import { digestOf } from "../util/digest.js";
import { allowedFields, project, relatedTypes, type AdapterRegistry } from "./adapters.js";
import { parseDeliveryMessage } from "./messages.js";
import { TransportError, type Transport } from "./transports/types.js";

export interface HostDeps {
  readonly store: Store;
  readonly bus: Bus;
  readonly clock: Clock;
  readonly log: Logger;
  readonly adapters: AdapterRegistry;
  readonly partners: ReadonlyMap<string, PartnerConfig>;
  readonly transports: Readonly<Record<PartnerConfig["transport"]["type"], Transport | undefined>>;
  /** Delay before attempt n+1 after attempt n failed; its length + 1 is the number of attempts. */
  readonly retryDelaysMs: readonly number[];
  readonly prefetch: number;
  readonly queuePrefix: string;
  readonly gateway: { readonly id: string; readonly name: string };
  /** Signs outbound bytes when the partner's profile asks (XML-DSig, CMS); identity otherwise. */
  readonly signOutbound?: (rendered: Rendered, partner: PartnerConfig) => Rendered;
}

/** Whether a failure can be helped by trying again. */
class Poison extends Error {}

export function partnerView(p: PartnerConfig): PartnerView {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    profile: p.profile ?? {},
    ...(p.country ? { country: p.country } : {}),
  };
}

/**
 * What an adapter is given, cut down to what its partner may see: the document to the fields its
 * manifest (and the partner's profile) grants; the consignment's other documents to the types the
 * manifest grants without rendering them, each cut the same way; other partners' answers on the
 * document to the kinds its statusAccess names, without their reasons or texts.
 */
export function renderInputFor(
  adapter: Adapter,
  partner: PartnerView,
  doc: CanonicalDocument,
  context: {
    readonly delivery: RenderInput["delivery"];
    readonly gateway: RenderInput["gateway"];
    /** The consignment's current documents (this one may be among them). */
    readonly consignment: readonly CanonicalDocument[];
    readonly statuses: readonly StatusView[];
  },
): RenderInput {
  const m = adapter.manifest;
  const view = (d: CanonicalDocument) => project(d, allowedFields(m, partner.profile, d.type));
  const types = relatedTypes(m);
  const related = context.consignment.filter((d) => d.id !== doc.id && types.includes(d.type)).map(view);
  const kinds = m.statusAccess ?? [];
  const statuses = context.statuses
    .filter((s) => kinds.includes(s.partnerKind))
    .map((s) => ({
      partnerKind: s.partnerKind,
      status: s.status,
      receivedAt: s.receivedAt,
      ...(s.references ? { references: s.references } : {}),
    }));
  return {
    document: view(doc),
    delivery: context.delivery,
    partner,
    gateway: context.gateway,
    ...(types.length > 0 ? { related } : {}),
    ...(kinds.length > 0 ? { statuses } : {}),
  };
}

/**
 * Consumes deliveries, renders each for its partner (seeing only what the adapter manifest
 * allows), signs, delivers over the partner's transport, and records every attempt. It is
 * idempotent by delivery id: a delivery already delivered is acknowledged and not sent again.
 * Failures are retried with the configured back-off; after the last attempt, or at once for
 * a message that can never succeed (unrenderable), the delivery goes to the dead letters.
 */
export class AdapterHost {
  private subs: Subscription[] = [];

  constructor(private readonly d: HostDeps) {}

  async start(): Promise<void> {
    for (const adapter of this.d.adapters.list()) {
      const partners = [...this.d.partners.values()].filter((p) => p.adapter === adapter.manifest.id);
      if (partners.length === 0) continue;
      const bindings = partners.map((p) => `${p.kind}.${p.id}.*`);
      this.subs.push(
        await this.d.bus.subscribe(
          `${this.d.queuePrefix}.adapter.${adapter.manifest.id}`,
          bindings,
          (m) => this.handle(m),
          {
            prefetch: this.d.prefetch,
          },
        ),
      );
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.subs.map((s) => s.close()));
    this.subs = [];
  }

  get maxAttempts(): number {
    return this.d.retryDelaysMs.length + 1;
  }

  async handle(msg: InboundMessage): Promise<Outcome> {
    const ref = parseDeliveryMessage(msg.body);
    if (!ref) return { kind: "dead", error: "unreadable delivery message" };
    const delivery = await this.d.store.read.deliveries.get(ref.deliveryId);
    if (!delivery) return { kind: "dead", error: `unknown delivery ${ref.deliveryId}` };
    if (delivery.state === "delivered" || delivery.state === "cancelled" || delivery.state === "dead") {
      // A redelivery of something already settled: effectively once.
      return { kind: "ack" };
    }
    const attempt = delivery.attempts + 1;
    const started = this.d.clock.now();
    try {
      const partner = this.d.partners.get(delivery.partnerId);
      if (!partner) throw new Poison(`partner ${delivery.partnerId} is not configured`);
      const transport = this.d.transports[partner.transport.type];
      if (!transport) throw new Poison(`transport ${partner.transport.type} is not available in this mode`);
      const rendered = await this.render(delivery, partner, attempt);
      const result = await transport.deliver({ partner, delivery, attempt, rendered });
      const at = this.d.clock.now().toISOString();
      await this.d.store.unit(async (tx) => {
        const moved = await tx.deliveries.transition(delivery.id, ["pending", "published", "retrying"], {
          state: "delivered",
          attempts: attempt,
          deliveredAt: at,
          lastError: null,
          receipt: result.receipt,
          updatedAt: at,
        });
        await tx.deliveries.recordAttempt({
          deliveryId: delivery.id,
          attempt,
          startedAt: started.toISOString(),
          finishedAt: at,
          outcome: moved ? "delivered" : "duplicate",
          error: null,
          detail: {
            receipt: result.receipt,
            bodyDigest: digestOf(rendered.body),
            mediaType: rendered.mediaType,
          },
        });
        if (!moved) return;
        if (result.write) await result.write(tx);
        await tx.audit.append({
          chain: delivery.ucr,
          type: "delivery.delivered",
          at,
          actor: { partyId: null, role: "system" },
          subject: { documentId: delivery.documentId, deliveryId: delivery.id },
          data: {
            partnerId: delivery.partnerId,
            attempt,
            messageId: delivery.messageId,
            mediaType: rendered.mediaType,
            bodyDigest: digestOf(rendered.body),
            transport: partner.transport.type,
            receipt: result.receipt,
          },
        });
      });
      return { kind: "ack" };
    } catch (e) {
      const poison = e instanceof Poison || (e instanceof TransportError && !e.retryable);
      const error = (e as Error).message;
      const dead = poison || attempt >= this.maxAttempts;
      const at = this.d.clock.now();
      const next = dead ? null : new Date(at.getTime() + this.d.retryDelaysMs[attempt - 1]!).toISOString();
      this.d.log.warn(
        { deliveryId: delivery.id, partnerId: delivery.partnerId, attempt, dead, err: error },
        "delivery attempt failed",
      );
      await this.d.store.unit(async (tx) => {
        const moved = await tx.deliveries.transition(delivery.id, ["pending", "published", "retrying"], {
          state: dead ? "dead" : "retrying",
          attempts: attempt,
          nextAttemptAt: next,
          lastError: error,
          updatedAt: at.toISOString(),
        });
        await tx.deliveries.recordAttempt({
          deliveryId: delivery.id,
          attempt,
          startedAt: started.toISOString(),
          finishedAt: at.toISOString(),
          outcome: "failed",
          error,
          detail: { poison },
        });
        if (!moved) return;
        await tx.audit.append({
          chain: delivery.ucr,
          type: dead ? "delivery.dead" : "delivery.failed",
          at: at.toISOString(),
          actor: { partyId: null, role: "system" },
          subject: { documentId: delivery.documentId, deliveryId: delivery.id },
          data: { partnerId: delivery.partnerId, attempt, error, nextAttemptAt: next, poison },
        });
      });
      return dead ? { kind: "dead", error } : { kind: "retry", error, retryAt: next! };
    }
  }

  private async render(delivery: DeliveryRecord, partner: PartnerConfig, attempt: number): Promise<Rendered> {
    const adapter = this.d.adapters.get(delivery.adapterId);
    if (!adapter) throw new Poison(`adapter ${delivery.adapterId} is not installed`);
    const text = await this.d.store.read.documents.canonical(delivery.documentId);
    if (text === undefined) throw new Poison(`document ${delivery.documentId} is missing`);
    const canonical = JSON.parse(text) as CanonicalDocument;
    const input = renderInputFor(adapter, partnerView(partner), canonical, {
      delivery: { id: delivery.id, messageId: delivery.messageId, attempt },
      gateway: this.d.gateway,
      consignment: await this.consignment(adapter, canonical),
      statuses: await this.statuses(adapter, canonical.id),
    });
    let rendered: Rendered;
    try {
      rendered = adapter.render(input);
    } catch (e) {
      // Rendering is deterministic: what fails now fails on every retry.
      throw new Poison(
        `adapter ${adapter.manifest.id} cannot render document ${delivery.documentId}: ${(e as Error).message}`,
      );
    }
    if (!this.d.signOutbound) return rendered;
    try {
      return this.d.signOutbound(rendered, partner);
    } catch (e) {
      // Like rendering, signing the same bytes with the same configuration fails every time.
      throw new Poison(`cannot sign the message for ${partner.id}: ${(e as Error).message}`);
    }
  }

  /** The consignment's current, accepted documents of the types the adapter may see beside its own. */
  private async consignment(adapter: Adapter, doc: CanonicalDocument): Promise<CanonicalDocument[]> {
    const types = relatedTypes(adapter.manifest);
    if (types.length === 0) return [];
    const out: CanonicalDocument[] = [];
    for (const s of await this.d.store.read.documents.listByUcr(doc.ucr)) {
      if (!s.isCurrent || s.status !== "accepted" || !types.includes(s.type)) continue;
      const text = await this.d.store.read.documents.canonical(s.id);
      if (text !== undefined) out.push(JSON.parse(text) as CanonicalDocument);
    }
    return out;
  }

  private async statuses(adapter: Adapter, documentId: string): Promise<StatusView[]> {
    if (!adapter.manifest.statusAccess?.length) return [];
    return (await this.d.store.read.responses.listByDocument(documentId))
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
      .map((r) => {
        const event = r.event as { partnerKind?: unknown; references?: unknown } | null;
        const references = event?.references;
        return {
          partnerKind: typeof event?.partnerKind === "string" ? event.partnerKind : "",
          status: r.status,
          receivedAt: r.receivedAt,
          ...(references && typeof references === "object"
            ? { references: references as Record<string, unknown> }
            : {}),
        };
      });
  }
}
