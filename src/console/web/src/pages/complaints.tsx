import { getJson } from "../api";
import { Badge, Show, useLoad, when } from "../components/ui";
import { href } from "../router";

/** As GET /v1/complaints returns them (the register's complaint records). */
interface Complaint {
  readonly id: string;
  readonly complainantId: string;
  readonly againstPartyId: string;
  readonly documentId: string | null;
  readonly category: string;
  readonly summary: string;
  readonly status: string;
  readonly receivedAt: string;
  readonly reviewDueAt: string;
  readonly decisionDueAt: string;
  readonly decidedAt: string | null;
  readonly decisionReason: string | null;
  readonly overdue?: boolean;
}

export function Complaints() {
  const [list] = useLoad(() => getJson<{ complaints: Complaint[] }>("/v1/complaints?limit=200"), []);
  return (
    <>
      <h1>Complaints</h1>
      <Show loaded={list} what="complaints">
        {({ complaints }) =>
          complaints.length === 0 ? (
            <p>No complaint.</p>
          ) : (
            <table>
              <caption class="visually-hidden">Complaints, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Complaint</th>
                  <th scope="col">By → against</th>
                  <th scope="col">Category</th>
                  <th scope="col">Status</th>
                  <th scope="col">Received</th>
                  <th scope="col">Decision due</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                {complaints.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <code>{c.id.slice(-12)}</code> {c.summary}
                      {c.documentId && (
                        <>
                          {" "}
                          (<a href={href("document", c.documentId)}>document</a>)
                        </>
                      )}
                    </td>
                    <td>
                      {c.complainantId} → <a href={href("party", c.againstPartyId)}>{c.againstPartyId}</a>
                    </td>
                    <td>{c.category}</td>
                    <td>
                      <Badge status={c.status} /> {c.overdue && <Badge status="overdue" />}
                    </td>
                    <td>{when(c.receivedAt)}</td>
                    <td>{when(c.decisionDueAt)}</td>
                    <td>{c.decidedAt ? `${when(c.decidedAt)}: ${c.decisionReason ?? ""}` : "—"}</td>
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
