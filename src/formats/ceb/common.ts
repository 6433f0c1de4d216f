import type { PartyData } from "../../model/canonical.js";
import { identifier } from "../ubl/party.js";
import type { FieldReader, Quantity } from "../ubl/values.js";
import type { Cursor } from "../xml/cursor.js";
import { country, CURRENCIES, UNITS } from "./codes.js";

export const CEB_NS = "http://www.chinaport.gov.cn/ceb";

/** China time: CEB times (YYYYMMDDhhmmss[fff]) carry no zone and are Beijing time. */
const CHINA = "+08:00";

/** A China enterprise code: 18 characters is the USCI (GB 32100), 10 the customs registration code. */
export function enterprise(
  code: Cursor | undefined,
  name: Cursor | undefined,
  f: FieldReader,
  pointer: string,
): PartyData | undefined {
  const id = f.text(code, `${pointer}/identifiers/0/value`);
  const n = f.text(name, `${pointer}/name`);
  if (!id && !n) return undefined;
  const scheme = id && id.length === 18 ? "USCI" : id && id.length === 10 ? "CN-CUSTOMS" : undefined;
  const identifiers = id ? [identifier(scheme, id, "OTHER")] : [];
  if (!n) f.trace.defaulted(`${pointer}/name`, id, "the enterprise has no name; its code stands for it");
  return { name: (n ?? id!).slice(0, 200), ...(identifiers.length > 0 ? { identifiers } : {}) };
}

/** YYYYMMDDhhmmss[fff] (Beijing time) → RFC 3339; a bare YYYYMMDD → ISO date via `date`. */
export function chinaTime(c: Cursor | undefined, f: FieldReader, pointer: string): string | undefined {
  const t = c?.text()?.trim();
  if (!t) return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})?$/.exec(t);
  const v = m
    ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ? `.${m[7]}` : ""}${CHINA}`
    : undefined;
  if (!v || Number.isNaN(Date.parse(v)))
    return f.reject(c!, pointer, `"${t}" is not a CEB time (YYYYMMDDhhmmss)`, "MAP-DATE");
  f.trace.from(pointer, c!.path);
  return v;
}

/** A JGS-20 code through a table; an unknown code is reported, not guessed. */
function coded(
  c: Cursor | undefined,
  f: FieldReader,
  pointer: string,
  table: (code: string) => string | undefined,
  what: string,
): string | undefined {
  const raw = c?.text()?.trim();
  if (!raw) return undefined;
  const v = table(raw);
  if (!v) return f.reject(c!, pointer, `"${raw}" is not a ${what} code the gateway knows`, "MAP-CODE");
  f.trace.from(pointer, c!.path);
  return v;
}

export const currency = (c: Cursor | undefined, f: FieldReader, pointer: string) =>
  coded(c, f, pointer, (x) => CURRENCIES[x], "JGS-20 currency");

export const countryOf = (c: Cursor | undefined, f: FieldReader, pointer: string) =>
  coded(c, f, pointer, country, "JGS-20 country");

/** qty with a JGS-20 unit → canonical quantity. */
export function quantity(
  qty: Cursor | undefined,
  unit: Cursor | undefined,
  f: FieldReader,
  pointer: string,
): Quantity | undefined {
  const u = coded(unit, f, `${pointer}/unit`, (x) => UNITS[x], "JGS-20 unit");
  if (!u) return undefined;
  const value = f.num(qty, `${pointer}/value`);
  return value === undefined ? undefined : { value, unit: u };
}

/** appType: 1 new, 2 change, 3 delete → canonical function code. */
export function functionCode(
  c: Cursor | undefined,
  f: FieldReader,
): "original" | "replacement" | "cancellation" | undefined {
  const t = c?.text()?.trim();
  const fc = t === "1" ? "original" : t === "2" ? "replacement" : t === "3" ? "cancellation" : undefined;
  if (fc) f.trace.from("/functionCode", c!.path);
  return fc;
}
