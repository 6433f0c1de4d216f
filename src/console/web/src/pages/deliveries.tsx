import { useState } from "preact/hooks";
import { getJson, postJson, q } from "../api";
import { Badge, ErrorNote, Show, useLoad, when } from "../components/ui";
import { href } from "../router";

interface Delivery {
  readonly id: string;
  readonly documentId: string;
  readonly ucr: string;
  readonly partnerId: string;
  readonly messageId: string;
  readonly state: string;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly updatedAt: string;
}

const VIEWS = [
  { id: "in-flight", label: "In flight" },
  { id: "retrying", label: "Retrying" },
  { id: "dead", label: "Dead letters" },
] as const;

export function Deliveries() {
  const [view, setView] = useState<(typeof VIEWS)[number]["id"]>("dead");
  const [partner, setPartner] = useState("");
  const [list, reload] = useLoad(
    () =>
      getJson<{ deliveries: Delivery[] }>(
        `/v1/deliveries${q({ state: view, partnerId: partner, limit: "100" })}`,
      ),
    [view, partner],
  );
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const act = async (d: Delivery, action: "replay" | "cancel") => {
    setError(null);
    try {
      const out = await postJson<Delivery>(`/v1/deliveries/${encodeURIComponent(d.id)}/${action}`, {
        reason: `${action} from the console`,
      });
      setDone(
        `Delivery ${d.id} to ${d.partnerId}: ${action === "replay" ? "replayed" : "cancelled"}, now ${out.state}.`,
      );
      reload();
    } catch (e) {
      setError(e as Error);
    }
  };

  return (
    <>
      <h1>Deliveries</h1>
      <div class="tabs" role="group" aria-label="Which deliveries">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            aria-pressed={view === v.id}
            class={view === v.id ? "current" : ""}
            onClick={() => setView(v.id)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <div class="field narrow">
        <label for="d-partner">Partner id</label>
        <input id="d-partner" value={partner} onChange={(e) => setPartner(e.currentTarget.value)} />
      </div>
      <p role="status" aria-live="polite" class="muted">
        {done}
      </p>
      {error && <ErrorNote error={error} what="that action" />}
      <Show loaded={list} what="deliveries">
        {({ deliveries }) =>
          deliveries.length === 0 ? (
            <p>None.</p>
          ) : (
            <table>
              <caption class="visually-hidden">{VIEWS.find((v) => v.id === view)?.label}</caption>
              <thead>
                <tr>
                  <th scope="col">Delivery</th>
                  <th scope="col">Partner</th>
                  <th scope="col">Document</th>
                  <th scope="col">State</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last error</th>
                  <th scope="col">Updated</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <code title={`message id ${d.messageId}`}>{d.id.slice(-12)}</code>
                    </td>
                    <td>{d.partnerId}</td>
                    <td>
                      <a href={href("document", d.documentId)}>{d.documentId.slice(-8)}</a> in{" "}
                      <a href={href("consignment", d.ucr)}>{d.ucr}</a>
                    </td>
                    <td>
                      <Badge status={d.state} />
                    </td>
                    <td>
                      {d.attempts}
                      {d.nextAttemptAt ? `, next ${when(d.nextAttemptAt)}` : ""}
                    </td>
                    <td class="error-text">{d.lastError ?? "—"}</td>
                    <td>{when(d.updatedAt)}</td>
                    <td>
                      {(d.state === "dead" || d.state === "cancelled") && (
                        <button
                          type="button"
                          onClick={() => void act(d, "replay")}
                          aria-label={`Replay delivery ${d.id}`}
                        >
                          Replay
                        </button>
                      )}
                      {(d.state === "pending" || d.state === "published" || d.state === "retrying") && (
                        <button
                          type="button"
                          onClick={() => void act(d, "cancel")}
                          aria-label={`Cancel delivery ${d.id}`}
                        >
                          Cancel
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
    </>
  );
}
