/**
 * Date/time/period values as qualified by data element 2379 (date or time or period format code), read
 * into ISO 8601 text. Two-digit years (formats 101, 201) fall in 1950–2049.
 */
export type EdifactDate =
  | { readonly kind: "point"; readonly iso: string }
  | { readonly kind: "period"; readonly start: string; readonly end: string };

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** CCYYMMDD → "CCYY-MM-DD", or undefined when it is not a calendar date. */
function ymd(text: string): string | undefined {
  if (!/^\d{8}$/.test(text)) return undefined;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(4, 6));
  const d = Number(text.slice(6, 8));
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return undefined;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** HHMM or HHMMSS → "HH:MM[:SS]". */
function hm(text: string): string | undefined {
  if (!/^\d{4}(\d{2})?$/.test(text)) return undefined;
  const h = Number(text.slice(0, 2));
  const mi = Number(text.slice(2, 4));
  const s = text.length === 6 ? Number(text.slice(4, 6)) : 0;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return text.length === 6
    ? `${text.slice(0, 2)}:${text.slice(2, 4)}:${text.slice(4, 6)}`
    : `${text.slice(0, 2)}:${text.slice(2, 4)}`;
}

const century = (yy: string) => (Number(yy) < 50 ? `20${yy}` : `19${yy}`);

function dateTime(text: string, dateLength: 6 | 8, timeLength: 4 | 6): string | undefined {
  if (text.length !== dateLength + timeLength) return undefined;
  const datePart = dateLength === 6 ? century(text.slice(0, 2)) + text.slice(2, 6) : text.slice(0, 8);
  const date = ymd(datePart);
  const time = hm(text.slice(dateLength));
  return date && time ? `${date}T${time}` : undefined;
}

const point = (iso: string | undefined): EdifactDate | undefined =>
  iso === undefined ? undefined : { kind: "point", iso };

function period(text: string, half: (t: string) => string | undefined): EdifactDate | undefined {
  const parts = text.split("-");
  if (parts.length !== 2) return undefined;
  const start = half(parts[0]!);
  const end = half(parts[1]!);
  return start && end ? { kind: "period", start, end } : undefined;
}

/** The formats the readers meet; others return undefined, as do values that do not fit their format. */
export function parseDate(value: string, format: string): EdifactDate | undefined {
  switch (format) {
    case "101":
      return point(/^\d{6}$/.test(value) ? ymd(century(value.slice(0, 2)) + value.slice(2)) : undefined);
    case "102":
      return point(ymd(value));
    case "201":
      return point(dateTime(value, 6, 4));
    case "203":
      return point(dateTime(value, 8, 4));
    case "204":
      return point(dateTime(value, 8, 6));
    case "205": {
      const m = /^(\d{12})([+-])(\d{2})(\d{2})$/.exec(value);
      const local = m ? dateTime(m[1]!, 8, 4) : undefined;
      return point(
        m && local && Number(m[3]) < 15 && Number(m[4]) < 60 ? `${local}${m[2]}${m[3]}:${m[4]}` : undefined,
      );
    }
    case "401":
      return point(value.length === 4 ? hm(value) : undefined);
    case "602":
      return point(/^\d{4}$/.test(value) ? value : undefined);
    case "610":
      return point(
        /^\d{4}(0[1-9]|1[0-2])$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4)}` : undefined,
      );
    case "616": {
      const w = Number(value.slice(4));
      return point(
        /^\d{6}$/.test(value) && w >= 1 && w <= 53 ? `${value.slice(0, 4)}-W${value.slice(4)}` : undefined,
      );
    }
    case "718":
      return period(value, ymd);
    case "719":
      return period(value, (t) => dateTime(t, 8, 4));
    default:
      return undefined;
  }
}
