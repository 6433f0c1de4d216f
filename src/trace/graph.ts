import type { DeliveryState } from "../ports/records.js";
import type { Store } from "../ports/store.js";

export type GraphNode =
  | {
      readonly id: string;
      readonly kind: "document";
      readonly documentId: string;
      readonly type: string;
      readonly number: string | null;
      readonly version: number;
      readonly status: string;
      readonly derived: boolean;
      readonly purged: boolean;
      readonly createdAt: string;
    }
  | { readonly id: string; readonly kind: "partner"; readonly partnerId: string; readonly name: string }
  | {
      readonly id: string;
      readonly kind: "response";
      readonly responseId: string;
      readonly partnerId: string;
      readonly documentId: string | null;
      readonly status: string;
      readonly receivedAt: string;
    };

export type GraphEdge =
  | {
      readonly from: string;
      readonly to: string;
      readonly kind: "supersedes" | "derived-from" | "references";
    }
  | {
      readonly from: string;
      readonly to: string;
      readonly kind: "delivery";
      readonly deliveryId: string;
      readonly state: DeliveryState;
      readonly attempts: number;
      /** The partner's latest answer to this delivery, when there is one. */
      readonly lastResponse: string | null;
    }
  | {
      readonly from: string;
      readonly to: string;
      readonly kind: "response";
      readonly deliveryId: string | null;
    };

export interface FlowGraph {
  readonly ucr: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

interface Reference {
  readonly id?: unknown;
  readonly number?: unknown;
  readonly type?: unknown;
}

const docNode = (id: string) => `document:${id}`;
const partnerNode = (id: string) => `partner:${id}`;

/** The references a canonical document (or its tombstone statement, once purged) names. */
function referencesOf(canonical: string): Reference[] {
  try {
    const v = JSON.parse(canonical) as { references?: unknown };
    return Array.isArray(v.references) ? (v.references as Reference[]) : [];
  } catch {
    return [];
  }
}

/**
 * A consignment as a graph: its documents (derived ones marked), the partners they were
 * delivered to (one edge per delivery, with its state and the latest answer), each partner
 * response, and the links between documents (a version superseding another, a derived
 * document and the documents it was derived from, other references by id or number).
 * Returns undefined when the consignment has no documents.
 */
export async function flowGraph(
  store: Store,
  ucr: string,
  partnerName: (id: string) => string | undefined,
): Promise<FlowGraph | undefined> {
  const [docs, deliveries, responses, tombstones] = await Promise.all([
    store.read.documents.listByUcr(ucr),
    store.read.deliveries.listByUcr(ucr),
    store.read.responses.listByUcr(ucr),
    store.read.trace.tombstonesByUcr(ucr),
  ]);
  if (docs.length === 0) return undefined;
  const purged = new Set(tombstones.map((t) => t.documentId));
  const byId = new Set(docs.map((d) => d.id));
  const byNumber = new Map(docs.filter((d) => d.number !== null).map((d) => [`${d.type}|${d.number}`, d.id]));
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const d of docs) {
    const derived = d.originalFormat === "derived";
    nodes.push({
      id: docNode(d.id),
      kind: "document",
      documentId: d.id,
      type: d.type,
      number: d.number,
      version: d.version,
      status: d.status,
      derived,
      purged: purged.has(d.id),
      createdAt: d.createdAt,
    });
    if (d.supersedes && byId.has(d.supersedes))
      edges.push({ from: docNode(d.id), to: docNode(d.supersedes), kind: "supersedes" });
    const full = await store.read.documents.get(d.id);
    const seen = new Set<string>();
    for (const r of referencesOf(full?.canonical ?? "")) {
      const target =
        typeof r.id === "string" && byId.has(r.id)
          ? r.id
          : typeof r.type === "string" && typeof r.number === "string"
            ? byNumber.get(`${r.type}|${r.number}`)
            : undefined;
      if (!target || target === d.id || seen.has(target)) continue;
      seen.add(target);
      edges.push({ from: docNode(d.id), to: docNode(target), kind: derived ? "derived-from" : "references" });
    }
  }
  const partners = new Set<string>();
  const lastAnswer = new Map<string, string>();
  for (const r of responses) if (r.deliveryId) lastAnswer.set(r.deliveryId, r.status);
  for (const dl of deliveries) {
    if (!partners.has(dl.partnerId)) {
      partners.add(dl.partnerId);
      nodes.push({
        id: partnerNode(dl.partnerId),
        kind: "partner",
        partnerId: dl.partnerId,
        name: partnerName(dl.partnerId) ?? dl.partnerId,
      });
    }
    edges.push({
      from: docNode(dl.documentId),
      to: partnerNode(dl.partnerId),
      kind: "delivery",
      deliveryId: dl.id,
      state: dl.state,
      attempts: dl.attempts,
      lastResponse: lastAnswer.get(dl.id) ?? null,
    });
  }
  for (const r of responses) {
    const id = `response:${r.id}`;
    nodes.push({
      id,
      kind: "response",
      responseId: r.id,
      partnerId: r.partnerId,
      documentId: r.documentId,
      status: r.status,
      receivedAt: r.receivedAt,
    });
    if (!partners.has(r.partnerId)) {
      partners.add(r.partnerId);
      nodes.push({
        id: partnerNode(r.partnerId),
        kind: "partner",
        partnerId: r.partnerId,
        name: partnerName(r.partnerId) ?? r.partnerId,
      });
    }
    edges.push({ from: partnerNode(r.partnerId), to: id, kind: "response", deliveryId: r.deliveryId });
  }
  return { ucr, nodes, edges };
}
