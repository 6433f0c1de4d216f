import { useState } from "preact/hooks";
import { getJson, getText, postJson, q, type Session } from "../api";
import { Badge, ErrorNote, Show, useLoad, when } from "../components/ui";
import { href } from "../router";

interface DocumentSummary {
  readonly id: string;
  readonly type: string;
  readonly number: string | null;
  readonly version: number;
  readonly status: string;
  readonly ucr: string;
  readonly submissionId: string;
  readonly canonical: unknown;
  readonly original: {
    readonly format: string;
    readonly mediaType: string;
    readonly digest: string;
    readonly size: number;
  };
  readonly findings: unknown;
  readonly partners: readonly {
    readonly partnerId: string;
    readonly state: string;
    readonly status?: string | null;
  }[];
}

interface Verification {
  readonly purged: boolean;
  readonly seal: { readonly ok: boolean | null; readonly kid?: string | null; readonly reason?: string };
  readonly canonicalDigest: { readonly recorded: string; readonly ok: boolean | null };
  readonly originalDigest: { readonly recorded: string; readonly ok: boolean | null };
  readonly receipt: {
    readonly submissionId: string;
    readonly signature: { readonly ok: boolean; readonly reason?: string };
    readonly namesThisDocument: boolean;
    readonly digestsMatch: boolean;
  };
}

/** The register's risk warnings (GET /v1/risk/warnings?documentId=), as the console shows them. */
interface RiskWarning {
  readonly id: string;
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly status: string;
  readonly decisionReason?: string | null;
}

interface Finding {
  readonly message?: string;
  readonly rule?: string;
  readonly ruleId?: string;
  readonly pointer?: string;
  readonly severity?: string;
}

/** Every leaf of the canonical JSON with its JSON Pointer, in document order. */
function leaves(v: unknown, pointer = ""): [string, string][] {
  if (v === null || typeof v !== "object") return [[pointer || "/", JSON.stringify(v)]];
  const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
  return entries.flatMap(([k, x]) => leaves(x, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`));
}

/** JSON originals are shown indented for reading; the digest above is of the bytes as received. */
function readable(text: string, mediaType: string): string {
  if (!mediaType.includes("json")) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const verdict = (ok: boolean | null) => (ok === null ? "not checkable" : ok ? "verified" : "failed");

function RiskWarnings({ documentId, who }: { documentId: string; who: Session }) {
  const [list, reload] = useLoad(
    () => getJson<{ warnings: RiskWarning[] }>(`/v1/risk/warnings${q({ documentId })}`),
    [documentId],
  );
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error | null>(null);
  // The register lets regulators decide; admins may read.
  const mayDecide = who.role === "regulator";
  const act = async (w: RiskWarning, action: "acknowledge" | "dismiss") => {
    setError(null);
    try {
      const text = reasons[w.id];
      // Acknowledging takes an optional note; dismissing needs the reason.
      await postJson(
        `/v1/risk/warnings/${encodeURIComponent(w.id)}/${action}`,
        text ? (action === "acknowledge" ? { note: text } : { reason: text }) : {},
      );
      reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Show loaded={list} what="risk warnings">
      {({ warnings }) =>
        warnings.length === 0 ? (
          <p>No risk warning.</p>
        ) : (
          <>
            {error && <ErrorNote error={error} what="the decision" />}
            <ul class="cards">
              {warnings.map((w) => (
                <li key={w.id}>
                  <p>
                    <Badge status={w.severity} /> <strong>{w.ruleId}</strong> {w.message}{" "}
                    <Badge status={w.status} />
                  </p>
                  {w.decisionReason && <p class="muted">Reason: {w.decisionReason}</p>}
                  {mayDecide && w.status === "open" && (
                    <div class="inline-form">
                      <label for={`reason-${w.id}`}>Note or reason</label>
                      <input
                        id={`reason-${w.id}`}
                        value={reasons[w.id] ?? ""}
                        onInput={(e) => setReasons({ ...reasons, [w.id]: e.currentTarget.value })}
                      />
                      <button type="button" onClick={() => void act(w, "acknowledge")}>
                        Acknowledge
                      </button>
                      <button type="button" onClick={() => void act(w, "dismiss")} disabled={!reasons[w.id]}>
                        Dismiss
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </>
        )
      }
    </Show>
  );
}

export function DocumentView({ id, who }: { id: string; who: Session }) {
  const path = `/v1/documents/${encodeURIComponent(id)}`;
  const [doc] = useLoad(() => getJson<DocumentSummary>(path), [id]);
  const [original] = useLoad(() => getText(`${path}?part=original`), [id]);
  const [check] = useLoad(() => getJson<Verification>(`${path}/verification`), [id]);

  return (
    <Show loaded={doc} what="the document">
      {(d) => {
        const findings = (Array.isArray(d.findings) ? d.findings : []) as Finding[];
        return (
          <>
            <h1>
              {d.type} {d.number ?? ""} v{d.version}
            </h1>
            <p>
              <Badge status={d.status} /> in consignment <a href={href("consignment", d.ucr)}>{d.ucr}</a> ·
              submission {d.submissionId}
            </p>
            <section aria-labelledby="checks-title">
              <h2 id="checks-title">Seal and receipt</h2>
              <Show loaded={check} what="the seal and receipt status">
                {(v) => (
                  <dl class="checks">
                    <dt>Gateway seal over the canonical bytes</dt>
                    <dd>
                      <Badge status={verdict(v.seal.ok)} />{" "}
                      {v.seal.kid ? `key ${v.seal.kid}` : (v.seal.reason ?? "")}
                    </dd>
                    <dt>Canonical digest</dt>
                    <dd>
                      <Badge status={verdict(v.canonicalDigest.ok)} />{" "}
                      <code>{v.canonicalDigest.recorded}</code>
                    </dd>
                    <dt>Original digest</dt>
                    <dd>
                      <Badge status={verdict(v.originalDigest.ok)} /> <code>{v.originalDigest.recorded}</code>
                    </dd>
                    <dt>Submission receipt signature</dt>
                    <dd>
                      <Badge status={verdict(v.receipt.signature.ok)} /> {v.receipt.signature.reason ?? ""}
                    </dd>
                    <dt>Receipt names this document's digests</dt>
                    <dd>
                      <Badge status={verdict(v.receipt.namesThisDocument && v.receipt.digestsMatch)} />
                    </dd>
                  </dl>
                )}
              </Show>
            </section>
            <section aria-labelledby="partners-title">
              <h2 id="partners-title">Partners</h2>
              {d.partners.length === 0 ? (
                <p>Not routed to any partner.</p>
              ) : (
                <ul>
                  {d.partners.map((p) => (
                    <li key={p.partnerId}>
                      {p.partnerId}: <Badge status={p.state} /> {p.status && <Badge status={p.status} />}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {(who.role === "regulator" || who.role === "admin") && (
              <section aria-labelledby="risk-title">
                <h2 id="risk-title">Risk warnings</h2>
                <RiskWarnings documentId={d.id} who={who} />
              </section>
            )}
            <section aria-labelledby="findings-title">
              <h2 id="findings-title">Validation findings</h2>
              {findings.length === 0 ? (
                <p>No finding: the document passed every rule.</p>
              ) : (
                <ul>
                  {findings.map((f, i) => (
                    <li key={i}>
                      <Badge status={f.severity ?? "warning"} /> {f.ruleId ?? f.rule ?? ""} {f.message ?? ""}{" "}
                      {f.pointer && <code>{f.pointer}</code>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="side-title">
              <h2 id="side-title">Canonical fields beside the original</h2>
              <div class="side">
                <div class="scroll" tabIndex={0} role="region" aria-label="Canonical fields">
                  <table>
                    <caption>Canonical document (sealed)</caption>
                    <thead>
                      <tr>
                        <th scope="col">Field (JSON Pointer)</th>
                        <th scope="col">Value</th>
                      </tr>
                    </thead>
                    <tbody>
                      {leaves(d.canonical).map(([p, v]) => (
                        <tr key={p}>
                          <th scope="row">
                            <code>{p}</code>
                          </th>
                          <td>{v}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <div class="scroll" tabIndex={0} role="region" aria-label="Original document">
                  <p class="caption">
                    Original as received ({d.original.format}, {d.original.mediaType}, {d.original.size}{" "}
                    bytes)
                  </p>
                  <Show loaded={original} what="the original">
                    {(text) => <pre>{readable(text, d.original.mediaType)}</pre>}
                  </Show>
                </div>
              </div>
              {who.role !== "exporter" && (
                <p class="muted">
                  Read at {when(new Date().toISOString())}: this read is recorded in the audit trail.
                </p>
              )}
            </section>
          </>
        );
      }}
    </Show>
  );
}
