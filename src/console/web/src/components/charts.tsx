export interface Bar {
  readonly label: string;
  readonly value: number;
}

const W = 640;
const LABEL_W = 200;
const ROW = 26;

/**
 * A horizontal bar chart in SVG, with the numbers written beside the bars and the same data as a
 * table for screen readers (the picture is aria-hidden behind its text alternative).
 */
export function BarChart({ title, bars, unit = "" }: { title: string; bars: readonly Bar[]; unit?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const h = 12 + bars.length * ROW;
  const id = `chart-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <figure class="chart" aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      {bars.length === 0 ? (
        <p>No data yet.</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${W} ${h}`} width="100%" aria-hidden="true" focusable="false">
            {bars.map((b, i) => {
              const y = 6 + i * ROW;
              const w = Math.max(1, ((W - LABEL_W - 80) * b.value) / max);
              return (
                <g key={b.label}>
                  <text x={LABEL_W - 8} y={y + 15} text-anchor="end" class="l2">
                    {b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label}
                  </text>
                  <rect x={LABEL_W} y={y} width={w} height={ROW - 8} rx="3" fill="#0969da" />
                  <text x={LABEL_W + w + 6} y={y + 15} class="l2">
                    {b.value.toLocaleString("en")}
                    {unit}
                  </text>
                </g>
              );
            })}
          </svg>
          <table class="visually-hidden">
            <caption>{title}</caption>
            <tbody>
              {bars.map((b) => (
                <tr key={b.label}>
                  <th scope="row">{b.label}</th>
                  <td>
                    {b.value}
                    {unit}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}

export function countBy<T>(items: readonly T[], key: (t: T) => string): Bar[] {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return [...m].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value);
}
