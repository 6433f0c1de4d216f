import type { PartnerConfig } from "../config/partners.js";
import { ProblemError } from "../errors/index.js";
import type { CanonicalDocument } from "../model/canonical.js";
import type { Routes } from "../pipeline/route/route.js";
import type { Correlation } from "../ports/adapter.js";
import type { Clock } from "../ports/clock.js";
import type { Actor, DeliveryRecord, ResponseRecord } from "../ports/records.js";
import type { Store } from "../ports/store.js";
import { digestOf } from "../util/digest.js";
import { uuidv7 } from "../util/ids.js";
import type { AdapterRegistry } from "./adapters.js";
import { planNotifications } from "./notify.js";
import { recordTriggered, sentByRule, triggeredDeliveries } from "./triggers.js";

export interface ResponseDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly adapters: AdapterRegistry;
  readonly partners: ReadonlyMap<string, PartnerConfig>;
  /** The routing rules; those with `on` route the answered document further (triggers.ts). */
  readonly pipeline: { readonly routes: Routes };
  /** Nudges the outbox relay after an answer planned more deliveries. */
  readonly onDeliveriesPlanned: () => void;
}

export interface ResponseOutcome {
  readonly status: 201 | 200;
  readonly response: ResponseRecord;
  readonly duplicate: boolean;
  /** Partners the answer sent the document on to (routing rules with `on`). */
  readonly triggered: readonly string[];
}

/** Finds the delivery to this partner that a response answers, most exact key first. */
async function correlate(
  store: Store,
  partnerId: string,
  c: Correlation,
): Promise<DeliveryRecord | undefined> {
  if (c.messageId) {
    const d = await store.read.deliveries.byMessageId(c.messageId);
    return d && d.partnerId === partnerId ? d : undefined;
  }
  if (c.interchangeRef) return store.read.deliveries.byInterchangeRef(partnerId, c.interchangeRef);
  if (c.documentId) {
    return (await store.read.deliveries.listByDocument(c.documentId))
      .filter((d) => d.partnerId === partnerId)
      .at(-1);
  }
  if (c.documentNumber) return store.read.deliveries.latestByDocumentNumber(partnerId, c.documentNumber);
  return undefined;
}

/**
 * A partner's answer: parsed by its adapter into a canonical status, correlated with the
 * delivery (document and version) it answers, stored with its original bytes, and appended
 * to the consignment's trace. A repeated response (same partner message id) is recognised and
 * answered with the first result.
 */
export async function receiveResponse(
  d: ResponseDeps,
  input: { partnerId: string; body: Buffer; mediaType: string; actor: Actor },
): Promise<ResponseOutcome> {
  const partner = d.partners.get(input.partnerId);
  if (!partner) throw new ProblemError("SWG_UNKNOWN_PARTNER", `no partner ${input.partnerId}`);
  const adapter = d.adapters.get(partner.adapter);
  if (!adapter) throw new ProblemError("SWG_UNAVAILABLE", `adapter ${partner.adapter} is not installed`);
  const parsed = adapter.parseResponse({
    body: input.body,
    mediaType: input.mediaType,
    partner: { id: partner.id, name: partner.name, kind: partner.kind, profile: partner.profile ?? {} },
  });
  const seen = await d.store.read.responses.byPartnerMessageId(partner.id, parsed.partnerMessageId);
  if (seen) return { status: 200, response: seen, duplicate: true, triggered: [] };

  const delivery = await correlate(d.store, partner.id, parsed.correlation);
  if (!delivery) {
    throw new ProblemError("SWG_RESPONSE_UNCORRELATED", "the response matches no delivery to this partner", [
      {
        message: `correlation ${JSON.stringify(parsed.correlation)} found nothing delivered to ${partner.id}`,
      },
    ]);
  }
  const doc = await d.store.read.documents.get(delivery.documentId);
  const now = d.clock.now().toISOString();
  const event = {
    type: "status-event",
    status: parsed.status,
    partnerId: partner.id,
    partnerKind: partner.kind,
    answers: {
      documentId: delivery.documentId,
      version: doc?.version ?? null,
      deliveryId: delivery.id,
      messageId: delivery.messageId,
    },
    receivedAt: now,
    ...parsed.details,
  };
  const record: ResponseRecord = {
    id: uuidv7(),
    partnerId: partner.id,
    partnerMessageId: parsed.partnerMessageId,
    deliveryId: delivery.id,
    documentId: delivery.documentId,
    ucr: delivery.ucr,
    receivedAt: now,
    status: parsed.status,
    event,
    originalBytes: input.body,
    originalMediaType: input.mediaType,
    signed: false,
  };
  // Only the current version travels on: an answer on a superseded one triggers nothing.
  const canonical =
    doc && doc.isCurrent && doc.status === "accepted"
      ? (JSON.parse(doc.canonical) as CanonicalDocument)
      : undefined;
  let triggered: readonly string[] = [];
  try {
    await d.store.unit(async (tx) => {
      await tx.responses.insert(record);
      const mrn = (parsed.details["references"] as Readonly<Record<string, unknown>> | undefined)?.["mrn"];
      // The MRN customs gave names the declaration from now on: an amendment may cite only it.
      if (doc && typeof mrn === "string" && mrn.length > 0)
        await tx.documents.addKeys([
          {
            issuerPartyId: doc.issuerPartyId,
            type: doc.type,
            key: "mrn",
            value: mrn,
            lineageId: doc.lineageId,
            documentId: doc.id,
            createdAt: now,
          },
        ]);
      await tx.deliveries.setResponded(delivery.id, now);
      await tx.audit.append({
        chain: delivery.ucr,
        type: "response.received",
        at: now,
        actor: input.actor,
        subject: { documentId: delivery.documentId, deliveryId: delivery.id, responseId: record.id },
        data: {
          partnerId: partner.id,
          status: parsed.status,
          partnerMessageId: parsed.partnerMessageId,
          originalDigest: digestOf(input.body),
          version: doc?.version ?? null,
        },
      });
      const planned = canonical
        ? triggeredDeliveries(
            d.pipeline.routes,
            { status: parsed.status, document: canonical },
            sentByRule(await tx.audit.byDocument(canonical.id)),
            d.clock.now(),
          )
        : [];
      await recordTriggered(
        tx,
        planned,
        { responseId: record.id, status: parsed.status, partnerId: partner.id },
        { partyId: null, role: "system" },
        now,
      );
      triggered = planned.map((p) => p.partnerId);
      await planNotifications(tx, {
        kind: "response",
        subjectId: record.id,
        ucr: delivery.ucr,
        documentId: delivery.documentId,
        at: now,
        body: {
          responseId: record.id,
          partnerId: partner.id,
          partnerKind: partner.kind,
          status: parsed.status,
          receivedAt: now,
          event,
        },
      });
    });
  } catch (e) {
    // The same response arrived twice at once: the first one stands.
    const again = await d.store.read.responses.byPartnerMessageId(partner.id, parsed.partnerMessageId);
    if (again) return { status: 200, response: again, duplicate: true, triggered: [] };
    throw e;
  }
  if (triggered.length > 0) d.onDeliveriesPlanned();
  return { status: 201, response: record, duplicate: false, triggered };
}
