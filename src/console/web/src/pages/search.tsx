import { useState } from "preact/hooks";
import { getJson, q, type Session } from "../api";
import { Badge, Show, useLoad, when } from "../components/ui";
import { go, href } from "../router";

interface Hit {
  readonly documentId: string;
  readonly ucr: string;
  readonly type: string;
  readonly number: string | null;
  readonly version: number;
  readonly status: string;
  readonly issuerPartyId: string;
  readonly createdAt: string;
  readonly risk: boolean;
  readonly deliveries: readonly { readonly partnerId: string; readonly state: string }[];
}

interface Page {
  readonly hits: readonly Hit[];
  readonly next?: string;
}

const FIELDS = [
  "ucr",
  "documentId",
  "number",
  "party",
  "type",
  "partner",
  "status",
  "from",
  "to",
  "risk",
] as const;
type Field = (typeof FIELDS)[number];

const TYPES = [
  "commercial-invoice",
  "packing-list",
  "certificate-of-origin",
  "export-declaration",
  "inspection-application",
  "inspection-certificate",
  "insurance-certificate",
  "shipping-instruction",
  "bill-of-lading",
  "lc-presentation",
];

function TextField(p: {
  name: Field;
  label: string;
  value: string;
  onInput: (v: string) => void;
  type?: "text" | "date";
}) {
  return (
    <div class="field">
      <label for={`f-${p.name}`}>{p.label}</label>
      {p.type === "date" ? (
        <input
          id={`f-${p.name}`}
          name={p.name}
          type="date"
          value={p.value}
          onInput={(e) => p.onInput(e.currentTarget.value)}
        />
      ) : (
        <input
          id={`f-${p.name}`}
          name={p.name}
          value={p.value}
          onInput={(e) => p.onInput(e.currentTarget.value)}
        />
      )}
    </div>
  );
}

export function Search({ params, who }: { params: URLSearchParams; who: Session }) {
  const initial = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ""])) as Record<Field, string>;
  const [form, setForm] = useState(initial);
  const [cursors, setCursors] = useState<string[]>([]);
  const key = FIELDS.map((f) => params.get(f) ?? "").join("|");
  const cursor = cursors.at(-1);
  const [page] = useLoad(
    () =>
      getJson<Page>(
        `/v1/trace/search${q({
          ...Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? undefined])),
          limit: "25",
          cursor,
        })}`,
      ),
    [key, cursor],
  );
  const set = (f: Field) => (v: string) => setForm({ ...form, [f]: v });
  const submit = (e: Event) => {
    e.preventDefault();
    setCursors([]);
    go(`/search${q(form)}`);
  };
  const toIso = (v: string, end: boolean) => (v ? `${v}T${end ? "23:59:59.999" : "00:00:00.000"}Z` : "");
  const dateOf = (v: string) => v.slice(0, 10);

  return (
    <>
      <h1>Search the trace</h1>
      <form class="search" onSubmit={submit} aria-label="Search filters">
        <TextField name="ucr" label="Consignment (UCR)" value={form.ucr} onInput={set("ucr")} />
        <TextField
          name="documentId"
          label="Document id"
          value={form.documentId}
          onInput={set("documentId")}
        />
        <TextField name="number" label="Document number" value={form.number} onInput={set("number")} />
        {who.role !== "exporter" && (
          <TextField name="party" label="Issuing party id" value={form.party} onInput={set("party")} />
        )}
        <div class="field">
          <label for="f-type">Document type</label>
          <select
            id="f-type"
            name="type"
            value={form.type}
            onChange={(e) => set("type")(e.currentTarget.value)}
          >
            <option value="">any</option>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <TextField name="partner" label="Partner id" value={form.partner} onInput={set("partner")} />
        <TextField
          name="status"
          label="Status (e.g. dead, customs.released)"
          value={form.status}
          onInput={set("status")}
        />
        <TextField
          name="from"
          label="From (date)"
          type="date"
          value={dateOf(form.from)}
          onInput={(v) => set("from")(toIso(v, false))}
        />
        <TextField
          name="to"
          label="To (date)"
          type="date"
          value={dateOf(form.to)}
          onInput={(v) => set("to")(toIso(v, true))}
        />
        <div class="field">
          <label for="f-risk">Risk warnings</label>
          <select
            id="f-risk"
            name="risk"
            value={form.risk}
            onChange={(e) => set("risk")(e.currentTarget.value)}
          >
            <option value="">either</option>
            <option value="true">with a risk warning</option>
            <option value="false">without</option>
          </select>
        </div>
        <div class="actions">
          <button type="submit">Search</button>
        </div>
      </form>
      <section aria-labelledby="results-title">
        <h2 id="results-title">Results</h2>
        <Show loaded={page} what="the results">
          {(p) =>
            p.hits.length === 0 ? (
              <p>No document matches.</p>
            ) : (
              <>
                <table>
                  <caption class="visually-hidden">Documents, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Document</th>
                      <th scope="col">Consignment</th>
                      <th scope="col">Issuer</th>
                      <th scope="col">Status</th>
                      <th scope="col">Partners</th>
                      <th scope="col">Risk</th>
                      <th scope="col">Created</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.hits.map((h) => (
                      <tr key={h.documentId}>
                        <td>
                          <a href={href("document", h.documentId)}>
                            {h.type} {h.number ?? ""} v{h.version}
                          </a>
                        </td>
                        <td>
                          <a href={href("consignment", h.ucr)}>{h.ucr}</a>
                        </td>
                        <td>{h.issuerPartyId}</td>
                        <td>
                          <Badge status={h.status} />
                        </td>
                        <td>
                          {h.deliveries.length === 0
                            ? "—"
                            : h.deliveries.map((d) => (
                                <span key={d.partnerId} class="pair">
                                  {d.partnerId} <Badge status={d.state} />
                                </span>
                              ))}
                        </td>
                        <td>{h.risk ? <Badge status="risk warning" /> : "none"}</td>
                        <td>{when(h.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div class="pager">
                  {cursors.length > 0 && (
                    <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>
                      Previous page
                    </button>
                  )}
                  {p.next && (
                    <button type="button" onClick={() => setCursors([...cursors, p.next!])}>
                      Next page
                    </button>
                  )}
                </div>
              </>
            )
          }
        </Show>
      </section>
    </>
  );
}
