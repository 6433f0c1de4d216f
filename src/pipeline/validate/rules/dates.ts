/**
 * Dates as day numbers (days since 1970-01-01, UTC), so that date rules compare and add days with
 * integer arithmetic. Trade documents carry calendar dates; a date-time counts as its calendar date.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

export function dayNumber(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const m = DATE.exec(s);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

export function showDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
