import type { Cursor } from "../xml/cursor.js";
import type { MappingTrace } from "../mapping.js";

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const UNIT = /^[A-Z0-9]{2,3}$/;
const LOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;
const MASS_UNITS = new Set(["KGM", "GRM", "TNE", "LBR"]);

export interface Quantity {
  readonly value: number;
  readonly unit: string;
}

/**
 * Canonical fields read from one element, with the element's XPath recorded for the pointer.
 * A value that does not fit its canonical field (a country that is no ISO code, a mass in
 * litres) is not mapped: it is reported with a warning and stays in the unmapped list, so no
 * data is silently bent into shape.
 */
export class FieldReader {
  constructor(readonly trace: MappingTrace) {}

  text(c: Cursor | undefined, pointer: string): string | undefined {
    const t = c?.text()?.trim();
    if (t === undefined || t === "") return undefined;
    this.trace.from(pointer, c!.path);
    return t;
  }

  /** xs:decimal text → number; anything else is reported, not silently dropped. */
  num(c: Cursor | undefined, pointer: string): number | undefined {
    const t = c?.text()?.trim();
    if (t === undefined || t === "") return undefined;
    if (!DECIMAL.test(t))
      return this.reject(c!, pointer, `"${t}" is not a decimal number`, "MAP-NUMBER", "error");
    this.trace.from(pointer, c!.path);
    return Number(t);
  }

  /** A whole number at least `min` (counts, sequence numbers). */
  int(c: Cursor | undefined, pointer: string, min = 0): number | undefined {
    const v = this.num(c, pointer);
    if (v === undefined) return undefined;
    if (!Number.isInteger(v) || v < min)
      return this.reject(c!, pointer, `${v} is not a whole number of at least ${min}`, "MAP-INTEGER");
    return v;
  }

  attr(c: Cursor | undefined, name: string, pointer: string): string | undefined {
    const v = c?.attr(name)?.trim();
    if (v === undefined || v === "") return undefined;
    this.trace.from(pointer, `${c!.path}/@${name}`);
    return v;
  }

  /** An xs:date, or the date part of an xs:dateTime (also the compact CCYYMMDD form). */
  date(c: Cursor | undefined, pointer: string): string | undefined {
    const t = c?.text()?.trim();
    if (t === undefined || t === "") return undefined;
    const iso = /^(\d{4}-\d{2}-\d{2})/.exec(t)?.[1] ?? compactDate(t);
    if (!iso || Number.isNaN(Date.parse(iso)))
      return this.reject(c!, pointer, `"${t}" is not a date`, "MAP-DATE", "error");
    this.trace.from(pointer, c!.path);
    return iso;
  }

  /** A value that must match `pattern` (after trimming and, when `upper`, upper-casing). */
  code(
    c: Cursor | undefined,
    pointer: string,
    pattern: RegExp,
    what: string,
    upper = true,
  ): string | undefined {
    const raw = c?.text()?.trim();
    if (raw === undefined || raw === "") return undefined;
    const v = upper ? raw.toUpperCase() : raw;
    if (!pattern.test(v)) return this.reject(c!, pointer, `"${raw}" is not ${what}`, "MAP-CODE");
    this.trace.from(pointer, c!.path);
    return v;
  }

  country(c: Cursor | undefined, pointer: string): string | undefined {
    return this.code(c, pointer, COUNTRY, "an ISO 3166-1 alpha-2 country code");
  }

  currency(c: Cursor | undefined, pointer: string): string | undefined {
    return this.code(c, pointer, CURRENCY, "an ISO 4217 currency code");
  }

  locode(c: Cursor | undefined, pointer: string): string | undefined {
    const raw = c?.text()?.replace(/\s+/g, "").toUpperCase();
    if (!raw || !LOCODE.test(raw)) return undefined;
    c!.text();
    this.trace.from(pointer, c!.path);
    return raw;
  }

  /** A measure with @unitCode as a quantity; no unit is Rec 20 C62 (one), stated as a default. */
  quantity(c: Cursor | undefined, pointer: string, defaultUnit = "C62"): Quantity | undefined {
    if (!c) return undefined;
    const value = this.num(c, `${pointer}/value`);
    if (value === undefined) return undefined;
    const raw = c.attr("unitCode")?.trim().toUpperCase();
    if (raw === undefined || raw === "") {
      this.trace.defaulted(`${pointer}/unit`, defaultUnit, `no unitCode; Rec 20 ${defaultUnit} assumed`);
      return { value, unit: defaultUnit };
    }
    if (!UNIT.test(raw)) {
      this.unread(c);
      return this.reject(c, pointer, `unit "${raw}" is not a Rec 20 code`, "MAP-UNIT");
    }
    this.trace.from(`${pointer}/unit`, `${c.path}/@unitCode`);
    return { value, unit: raw };
  }

  /** A mass: kilograms unless the unitCode names another Rec 20 mass unit. */
  weight(c: Cursor | undefined, pointer: string): Quantity | undefined {
    if (!c) return undefined;
    const raw = c.attr("unitCode")?.trim().toUpperCase();
    if (raw !== undefined && raw !== "" && !MASS_UNITS.has(raw)) {
      this.unread(c);
      return this.reject(c, pointer, `unit "${raw}" is not a mass unit (KGM, GRM, TNE, LBR)`, "MAP-UNIT");
    }
    const value = this.num(c, `${pointer}/value`);
    if (value === undefined) return undefined;
    if (raw === undefined || raw === "") {
      this.trace.defaulted(`${pointer}/unit`, "KGM", "no unitCode on a mass; kilograms assumed");
      return { value, unit: "KGM" };
    }
    this.trace.from(`${pointer}/unit`, `${c.path}/@unitCode`);
    return { value, unit: raw };
  }

  /**
   * An amount in the document currency: its currencyID is read with it, and an amount in
   * another currency is reported (its currency stays in the unmapped list).
   */
  money(c: Cursor | undefined, pointer: string, currency: string | undefined): number | undefined {
    const v = this.num(c, pointer);
    if (v === undefined) return undefined;
    const cur = c!.attr("currencyID")?.trim().toUpperCase();
    if (cur && currency && cur !== currency) {
      c!.log.leaves.delete(`${c!.key}/@currencyID`);
      this.trace.issue({
        message: `amount in ${cur}, not in the document currency ${currency}`,
        pointer,
        xpath: c!.path,
        ruleId: "MAP-CURRENCY",
        severity: "warning",
      });
    }
    return v;
  }

  /** A tax category's scheme: VAT is what the canonical tax fields mean; any other scheme stays unmapped. */
  vat(category: Cursor | undefined): void {
    const id = category?.at("cac:TaxScheme", "cbc:ID");
    if (id && id.text()?.trim().toUpperCase() !== "VAT") id.log.leaves.delete(id.key);
  }

  /** An amount with its currencyID → canonical Amount. */
  amount(c: Cursor | undefined, pointer: string): { value: number; currency: string } | undefined {
    const value = this.num(c, `${pointer}/value`);
    if (value === undefined) return undefined;
    const currency = c!.attr("currencyID")?.trim().toUpperCase();
    if (!currency || !CURRENCY.test(currency))
      return this.reject(c!, pointer, "an amount without an ISO 4217 currencyID", "MAP-CURRENCY");
    this.trace.from(`${pointer}/currency`, `${c!.path}/@currencyID`);
    return { value, currency };
  }

  /** true/false (xs:boolean). */
  bool(c: Cursor | undefined, pointer: string): boolean | undefined {
    const t = c?.text()?.trim().toLowerCase();
    if (t === undefined || t === "") return undefined;
    if (t !== "true" && t !== "false" && t !== "1" && t !== "0")
      return this.reject(c!, pointer, `"${t}" is not a boolean`, "MAP-BOOLEAN");
    this.trace.from(pointer, c!.path);
    return t === "true" || t === "1";
  }

  /** Records why a value was not mapped and leaves it in the unmapped list. */
  reject(
    c: Cursor,
    pointer: string,
    message: string,
    ruleId: string,
    severity: "error" | "warning" = "warning",
  ): undefined {
    this.unread(c);
    this.trace.issue({ message, pointer, xpath: c.path, ruleId, severity });
    return undefined;
  }

  private unread(c: Cursor): void {
    c.log.leaves.delete(c.key);
    c.log.leaves.delete(`${c.key}/@unitCode`);
  }
}

/** CCYYMMDD (UN/EDIFACT 2379 format 102, China customs) → ISO date. */
export function compactDate(t: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{6}(\d{3})?)?$/.exec(t);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** Drops undefined values and empty arrays/objects, so a canonical document carries only what was given. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const v = o[k];
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out as T;
}
