import { useState } from "preact/hooks";
import { getJson } from "../api";
import { Badge, Show, useLoad, when } from "../components/ui";
import { go, href } from "../router";

interface Party {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly partnerKind: string | null;
  readonly identifiers: readonly { readonly scheme: string; readonly value: string }[];
  readonly country: string | null;
  readonly verification: string;
  readonly status: string;
  readonly createdAt: string;
}

/** Shown as they come: the register's credit file and measures (issue 9) are lists of records. */
type Rows = readonly Readonly<Record<string, unknown>>[];

function listOf(v: unknown): Rows {
  if (Array.isArray(v)) return v as Rows;
  if (v && typeof v === "object") for (const x of Object.values(v)) if (Array.isArray(x)) return x as Rows;
  return [];
}

const cell = (v: unknown): string =>
  v === null || v === undefined
    ? "—"
    : typeof v === "string" || typeof v === "number" || typeof v === "boolean"
      ? String(v)
      : JSON.stringify(v);

function RecordTable({ rows, caption }: { rows: Rows; caption: string }) {
  if (rows.length === 0) return <p>None recorded.</p>;
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))].slice(0, 7);
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {cols.map((c) => (
                <td key={c}>{cell(r[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Section({ id, path, title }: { id: string; path: string; title: string }) {
  const [data] = useLoad(() => getJson<unknown>(path), [path]);
  const score = (v: unknown) => (v && typeof v === "object" && "score" in v ? v.score : undefined);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <Show loaded={data} what={title.toLowerCase()}>
        {(v) => (
          <>
            {score(v) !== undefined && (
              <p>
                Score: <strong>{cell(score(v))}</strong>
              </p>
            )}
            <RecordTable rows={listOf(v)} caption={title} />
          </>
        )}
      </Show>
    </section>
  );
}

export function Party({ id }: { id: string }) {
  const [pick, setPick] = useState(id);
  const [party] = useLoad(
    () => (id ? getJson<Party>(`/v1/parties/${encodeURIComponent(id)}`) : Promise.resolve(null)),
    [id],
  );
  return (
    <>
      <h1>Party {id}</h1>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          go(href("party", pick.trim()));
        }}
      >
        <label for="party-id">Party id</label>
        <input id="party-id" value={pick} onInput={(e) => setPick(e.currentTarget.value)} required />
        <button type="submit">Open</button>
      </form>
      {id && (
        <Show loaded={party} what="the party">
          {(p) =>
            p && (
              <>
                <section aria-labelledby="register-title">
                  <h2 id="register-title">Register</h2>
                  <dl class="checks">
                    <dt>Name</dt>
                    <dd>{p.name}</dd>
                    <dt>Kind</dt>
                    <dd>
                      {p.kind}
                      {p.partnerKind ? ` (${p.partnerKind})` : ""}
                    </dd>
                    <dt>Country</dt>
                    <dd>{p.country ?? "—"}</dd>
                    <dt>Identifiers</dt>
                    <dd>{p.identifiers.map((i) => `${i.scheme} ${i.value}`).join(", ") || "—"}</dd>
                    <dt>Verification</dt>
                    <dd>
                      <Badge status={p.verification} />
                    </dd>
                    <dt>Status</dt>
                    <dd>
                      <Badge status={p.status} /> since {when(p.createdAt)}
                    </dd>
                  </dl>
                  <p>
                    <a href={`${href("search")}?party=${encodeURIComponent(p.id)}`}>
                      Documents issued by this party
                    </a>
                  </p>
                </section>
                <Section
                  id="verification"
                  path={`/v1/parties/${encodeURIComponent(p.id)}/verification`}
                  title="Verification steps"
                />
                <Section
                  id="credit"
                  path={`/v1/parties/${encodeURIComponent(p.id)}/credit`}
                  title="Credit file"
                />
                <Section
                  id="measures"
                  path={`/v1/parties/${encodeURIComponent(p.id)}/measures`}
                  title="Measures"
                />
              </>
            )
          }
        </Show>
      )}
    </>
  );
}
