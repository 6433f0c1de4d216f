import { getJson } from "../api";
import { Badge, Show, useLoad, when } from "../components/ui";

interface Complaint {
  readonly id: string;
  readonly status: string;
  readonly category?: string;
  readonly against?: unknown;
  readonly againstPartyId?: string | null;
  readonly documentId?: string | null;
  readonly summary?: string;
  readonly description?: string;
  readonly dueAt?: string | null;
  readonly createdAt?: string;
  readonly receivedAt?: string;
}

export function Complaints() {
  const [list] = useLoad(() => getJson<{ complaints?: Complaint[] } | Complaint[]>("/v1/complaints"), []);
  return (
    <>
      <h1>Complaints</h1>
      <Show loaded={list} what="complaints">
        {(v) => {
          const rows = Array.isArray(v) ? v : (v.complaints ?? []);
          return rows.length === 0 ? (
            <p>No complaint.</p>
          ) : (
            <table>
              <caption class="visually-hidden">Complaints</caption>
              <thead>
                <tr>
                  <th scope="col">Complaint</th>
                  <th scope="col">Against</th>
                  <th scope="col">Category</th>
                  <th scope="col">Status</th>
                  <th scope="col">Received</th>
                  <th scope="col">Due</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <code>{c.id.slice(-12)}</code> {c.summary ?? c.description ?? ""}
                    </td>
                    <td>
                      {c.againstPartyId ??
                        c.documentId ??
                        (typeof c.against === "string" ? c.against : JSON.stringify(c.against ?? "—"))}
                    </td>
                    <td>{c.category ?? "—"}</td>
                    <td>
                      <Badge status={c.status} />
                    </td>
                    <td>{when(c.receivedAt ?? c.createdAt)}</td>
                    <td>{when(c.dueAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </Show>
    </>
  );
}
