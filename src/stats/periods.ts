export const GRANULARITIES = ["day", "week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** The ISO 8601 week of a UTC day (YYYY-Www): weeks start on Monday, week 1 holds the first Thursday. */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  // Move to the Thursday of the same week: its year is the week's year.
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** The period a UTC day (YYYY-MM-DD) falls in. */
export function periodOf(day: string, g: Granularity): string {
  switch (g) {
    case "day":
      return day;
    case "week":
      return isoWeek(day);
    case "month":
      return day.slice(0, 7);
  }
}

/** Sums counts per (period, key), periods in order. */
export function rollUp(
  rows: readonly { readonly day: string; readonly n: number; readonly key?: string }[],
  g: Granularity,
): { period: string; key: string | undefined; n: number }[] {
  const out = new Map<string, { period: string; key: string | undefined; n: number }>();
  for (const r of rows) {
    const period = periodOf(r.day, g);
    const k = `${period}\u0000${r.key ?? ""}`;
    const cur = out.get(k);
    if (cur) cur.n += r.n;
    else out.set(k, { period, key: r.key, n: r.n });
  }
  return [...out.values()].sort(
    (a, b) => a.period.localeCompare(b.period) || (a.key ?? "").localeCompare(b.key ?? ""),
  );
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
