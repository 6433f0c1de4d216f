import { useState } from "preact/hooks";
import { download, getJson } from "../api";
import { FlowGraphSvg, type FlowGraph } from "../components/graph";
import { Badge, Show, useLoad, when } from "../components/ui";
import { href } from "../router";

interface Trace {
  readonly ucr: string;
  readonly chain: {
    readonly ok: boolean;
    readonly events: number;
    readonly head: { readonly seq: number; readonly hash: string };
    readonly firstBreak: { readonly message: string } | null;
    readonly checkpointedSeq: number | null;
    readonly checkpointId: number | null;
  };
  readonly events: readonly {
    readonly seq: number;
    readonly at: string;
    readonly type: string;
    readonly actor: { readonly partyId: string | null; readonly role: string };
    readonly subject: {
      readonly documentId?: string;
      readonly deliveryId?: string;
      readonly responseId?: string;
    };
    readonly data: Readonly<Record<string, unknown>>;
    readonly hash: string;
  }[];
}

function summary(data: Readonly<Record<string, unknown>>): string {
  return ["status", "partnerId", "type", "number", "part", "reason", "error"]
    .filter((k) => typeof data[k] === "string" || typeof data[k] === "number")
    .map((k) => `${k} ${String(data[k])}`)
    .join(", ");
}

export function Consignment({ ucr }: { ucr: string }) {
  const path = `/v1/consignments/${encodeURIComponent(ucr)}`;
  const [trace, reloadTrace] = useLoad(() => getJson<Trace>(`${path}/trace`), [ucr]);
  const [graph] = useLoad(() => getJson<FlowGraph>(`${path}/graph`), [ucr]);
  const [note, setNote] = useState<string | null>(null);

  const evidence = async () => {
    setNote("Preparing the evidence bundle…");
    try {
      const name = await download(`${path}/evidence?format=zip`, `evidence-${ucr}.zip`);
      setNote(`Downloaded ${name}. Check it offline with: swg verify-evidence ${name}`);
      reloadTrace();
    } catch (e) {
      setNote(`Could not export the evidence: ${(e as Error).message}`);
    }
  };

  return (
    <>
      <h1>Consignment {ucr}</h1>
      <div class="toolbar">
        <button type="button" onClick={() => void evidence()}>
          Download evidence bundle
        </button>
        <p class="muted" role="status" aria-live="polite">
          {note}
        </p>
      </div>
      <section aria-labelledby="flow-title">
        <h2 id="flow-title">Flow</h2>
        <Show loaded={graph} what="the flow graph">
          {(g) => (
            <>
              <FlowGraphSvg graph={g} />
              <ul class="doclist" aria-label="Documents of this consignment">
                {g.nodes.map((n) =>
                  n.kind === "document" ? (
                    <li key={n.id}>
                      <a href={href("document", n.documentId)}>
                        {n.type} {n.number ?? ""} v{n.version}
                      </a>{" "}
                      <Badge status={n.purged ? "purged" : n.status} />
                    </li>
                  ) : null,
                )}
              </ul>
            </>
          )}
        </Show>
      </section>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <Show loaded={trace} what="the trace">
          {(t) => (
            <>
              <p>
                Hash chain: <Badge status={t.chain.ok ? "verified" : "broken"} /> {t.chain.events} events,
                head seq {t.chain.head.seq}
                {t.chain.checkpointId !== null
                  ? `, attested up to seq ${t.chain.checkpointedSeq ?? "?"} by checkpoint ${t.chain.checkpointId}`
                  : ", not yet in a signed checkpoint"}
                .{t.chain.firstBreak && <span class="error"> {t.chain.firstBreak.message}</span>}
              </p>
              <ol class="timeline">
                {t.events.map((e) => (
                  <li key={e.seq}>
                    <span class="seq">#{e.seq}</span>
                    <time dateTime={e.at}>{when(e.at)}</time>
                    <strong>{e.type}</strong>
                    <span>
                      by {e.actor.role}
                      {e.actor.partyId ? ` ${e.actor.partyId}` : ""}
                    </span>
                    {e.subject.documentId && (
                      <a href={href("document", e.subject.documentId)}>
                        document {e.subject.documentId.slice(-8)}
                      </a>
                    )}
                    <span class="muted">{summary(e.data)}</span>
                    <code title={`hash ${e.hash}`}>{e.hash.slice(0, 12)}</code>
                  </li>
                ))}
              </ol>
            </>
          )}
        </Show>
      </section>
    </>
  );
}
