import { tone } from "./ui";

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
    }
  | { readonly id: string; readonly kind: "partner"; readonly partnerId: string; readonly name: string }
  | {
      readonly id: string;
      readonly kind: "response";
      readonly responseId: string;
      readonly partnerId: string;
      readonly status: string;
      readonly receivedAt: string;
    };

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: "supersedes" | "derived-from" | "references" | "delivery" | "response";
  readonly state?: string;
  readonly lastResponse?: string | null;
  readonly deliveryId?: string | null;
}

export interface FlowGraph {
  readonly ucr: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

const W = 980;
const ROW = 56;
const BOX_H = 40;
const COL = { document: 16, partner: 400, response: 700 } as const;
const BOX_W = { document: 280, partner: 220, response: 264 } as const;

/** Where a status puts an edge or box: the same words as the badges, so colour is never the only cue. */
const STROKE: Readonly<Record<ReturnType<typeof tone>, string>> = {
  ok: "#1a7f37",
  bad: "#cf222e",
  warn: "#9a6700",
  idle: "#57606a",
};

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The consignment's documents (left) → the partners they went to (middle) → the partners'
 * responses (right). Delivery edges take the colour of the partner's latest answer, or of the
 * delivery state before one came; links between documents are drawn on the left margin.
 */
export function FlowGraphSvg({ graph }: { graph: FlowGraph }) {
  const docs = graph.nodes.filter((n) => n.kind === "document");
  const partners = graph.nodes.filter((n) => n.kind === "partner");
  const responses = graph.nodes.filter((n) => n.kind === "response");
  const pos = new Map<string, { x: number; y: number; w: number }>();
  docs.forEach((n, i) => pos.set(n.id, { x: COL.document, y: 24 + i * ROW, w: BOX_W.document }));
  partners.forEach((n, i) => pos.set(n.id, { x: COL.partner, y: 24 + i * ROW, w: BOX_W.partner }));
  // Responses sit beside their partner, in the order they arrived.
  let row = 0;
  for (const p of partners) {
    const mine = responses.filter(
      (r) => r.kind === "response" && r.partnerId === (p.kind === "partner" ? p.partnerId : ""),
    );
    row = Math.max(row, partners.indexOf(p));
    for (const r of mine) pos.set(r.id, { x: COL.response, y: 24 + row++ * ROW, w: BOX_W.response });
  }
  const rows = Math.max(docs.length, partners.length, row, 1);
  const height = 48 + rows * ROW;
  const titleId = `graph-title-${graph.ucr}`;
  const descId = `graph-desc-${graph.ucr}`;
  const deliveries = graph.edges.filter((e) => e.kind === "delivery");
  const description =
    `${docs.length} documents, ${partners.length} partners, ${deliveries.length} deliveries, ${responses.length} responses. ` +
    deliveries
      .map((e) => `${e.from.slice(9, 17)}… to ${e.to.slice(8)}: ${e.lastResponse ?? e.state ?? "?"}`)
      .join("; ");

  return (
    <figure class="graph">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`} width="100%">
        <title id={titleId}>Flow of consignment {graph.ucr}</title>
        <desc id={descId}>{description}</desc>
        <defs>
          {(["ok", "bad", "warn", "idle"] as const).map((t) => (
            <marker
              key={t}
              id={`arrow-${t}`}
              viewBox="0 0 10 10"
              refX="10"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" fill={STROKE[t]} />
            </marker>
          ))}
        </defs>
        {graph.edges.map((e, i) => {
          const a = pos.get(e.from);
          const b = pos.get(e.to);
          if (!a || !b) return null;
          if (e.kind === "delivery" || e.kind === "response") {
            const t = tone(e.kind === "delivery" ? (e.lastResponse ?? e.state) : undefined);
            const x1 = a.x + a.w;
            const y1 = a.y + BOX_H / 2;
            const x2 = b.x;
            const y2 = b.y + BOX_H / 2;
            const mid = (x1 + x2) / 2;
            return (
              <path
                key={i}
                d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2 - 2} ${y2}`}
                fill="none"
                stroke={STROKE[e.kind === "response" ? "idle" : t]}
                stroke-width={e.kind === "delivery" ? 2.5 : 1.5}
                stroke-dasharray={e.kind === "response" ? "4 3" : undefined}
                marker-end={`url(#arrow-${e.kind === "response" ? "idle" : t})`}
              />
            );
          }
          // Document links: an arc on the left margin between the two boxes.
          const y1 = a.y + BOX_H / 2;
          const y2 = b.y + BOX_H / 2;
          const bulge = 10 + Math.min(40, Math.abs(y2 - y1) / 6);
          return (
            <path
              key={i}
              d={`M ${a.x} ${y1} C ${a.x - bulge} ${y1}, ${b.x - bulge} ${y2}, ${b.x} ${y2}`}
              fill="none"
              stroke="#6639ba"
              stroke-width="1.5"
              stroke-dasharray={e.kind === "references" ? "2 3" : undefined}
              marker-end="url(#arrow-idle)"
            />
          );
        })}
        {graph.nodes.map((n) => {
          const p = pos.get(n.id);
          if (!p) return null;
          const status = n.kind === "partner" ? null : n.status;
          const t = tone(status);
          const line1 =
            n.kind === "document"
              ? `${n.derived ? "derived " : ""}${n.type} v${n.version}`
              : n.kind === "partner"
                ? n.name
                : n.status;
          const line2 =
            n.kind === "document"
              ? `${n.number ?? ""} · ${n.purged ? "purged" : n.status}`
              : n.kind === "partner"
                ? n.partnerId
                : n.receivedAt.replace("T", " ").slice(0, 19);
          return (
            <g key={n.id} class={`node ${n.kind}`}>
              <rect
                x={p.x}
                y={p.y}
                width={p.w}
                height={BOX_H}
                rx="6"
                fill={n.kind === "partner" ? "#ddf4ff" : "#ffffff"}
                stroke={n.kind === "partner" ? "#0969da" : STROKE[t]}
                stroke-width="1.5"
                stroke-dasharray={n.kind === "document" && n.derived ? "5 3" : undefined}
              />
              <text x={p.x + 8} y={p.y + 16} class="l1">
                {short(line1, 38)}
              </text>
              <text x={p.x + 8} y={p.y + 32} class="l2">
                {short(line2, 40)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span class="key ok">accepted / delivered / released</span>
        <span class="key warn">retrying / held</span>
        <span class="key bad">rejected / dead</span>
        <span class="key idle">pending</span>
        <span class="key link">document link (supersedes, derived from)</span>
      </figcaption>
    </figure>
  );
}
