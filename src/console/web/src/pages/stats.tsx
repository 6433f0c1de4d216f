import { download, getJson } from "../api";
import { BarChart, countBy, type Bar } from "../components/charts";
import { Show, useLoad } from "../components/ui";

interface Hit {
  readonly type: string;
  readonly status: string;
  readonly createdAt: string;
  readonly risk: boolean;
  readonly deliveries: readonly { readonly partnerId: string; readonly state: string }[];
}

/** Numbers anywhere in the statistics document, as tiles. */
function tiles(v: unknown, prefix = ""): [string, number][] {
  if (typeof v === "number") return [[prefix, v]];
  if (!v || typeof v !== "object" || Array.isArray(v)) return [];
  return Object.entries(v).flatMap(([k, x]) =>
    typeof x === "number" ? [[prefix ? `${prefix} ${k}` : k, x] as [string, number]] : [],
  );
}

/** Objects of numbers (e.g. documents by type) and lists of {label, count} become bar charts. */
function series(v: unknown, path = ""): { title: string; bars: Bar[] }[] {
  if (!v || typeof v !== "object") return [];
  if (Array.isArray(v)) {
    const bars = v.flatMap((x: unknown) => {
      if (!x || typeof x !== "object") return [];
      const o = x as Record<string, unknown>;
      const label = ["label", "key", "day", "week", "month", "type", "partnerId", "name"]
        .map((k) => o[k])
        .find((y) => typeof y === "string");
      const value = ["count", "value", "documents", "submissions", "total"]
        .map((k) => o[k])
        .find((y) => typeof y === "number");
      return typeof label === "string" && typeof value === "number" ? [{ label, value }] : [];
    });
    return bars.length > 0 ? [{ title: path, bars }] : [];
  }
  const entries = Object.entries(v as Record<string, unknown>);
  const numeric = entries.filter(([, x]) => typeof x === "number") as [string, number][];
  const own =
    path && numeric.length >= 2 && numeric.length === entries.length
      ? [{ title: path, bars: numeric.map(([label, value]) => ({ label, value })) }]
      : [];
  return [...own, ...entries.flatMap(([k, x]) => series(x, path ? `${path} › ${k}` : k))];
}

export function Stats() {
  const [stats] = useLoad(() => getJson<unknown>("/v1/stats"), []);
  const [recent] = useLoad(() => getJson<{ hits: Hit[] }>("/v1/trace/search?limit=200"), []);
  return (
    <>
      <h1>Statistics</h1>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">The latest 200 documents</h2>
        <Show loaded={recent} what="recent documents">
          {({ hits }) => (
            <div class="charts">
              <BarChart title="Documents by type" bars={countBy(hits, (h) => h.type)} />
              <BarChart
                title="Documents by day"
                bars={countBy(hits, (h) => h.createdAt.slice(0, 10)).sort((a, b) =>
                  a.label < b.label ? -1 : 1,
                )}
              />
              <BarChart
                title="Deliveries by partner and state"
                bars={countBy(
                  hits.flatMap((h) => h.deliveries),
                  (d) => `${d.partnerId}: ${d.state}`,
                )}
              />
              <BarChart
                title="Risk warnings"
                bars={countBy(hits, (h) => (h.risk ? "with a risk warning" : "without"))}
              />
            </div>
          )}
        </Show>
      </section>
      <section aria-labelledby="gateway-title">
        <h2 id="gateway-title">Gateway statistics</h2>
        <Show loaded={stats} what="gateway statistics">
          {(s) => (
            <>
              <ul class="tiles">
                {tiles(s).map(([k, v]) => (
                  <li key={k}>
                    <span class="n">{v.toLocaleString("en")}</span> {k}
                  </li>
                ))}
              </ul>
              <div class="charts">
                {series(s)
                  .slice(0, 12)
                  .map((x) => (
                    <BarChart key={x.title} title={x.title} bars={x.bars.slice(0, 20)} />
                  ))}
              </div>
              <button type="button" onClick={() => void download("/v1/stats.csv", "statistics.csv")}>
                Download statistics as CSV
              </button>
            </>
          )}
        </Show>
      </section>
    </>
  );
}
