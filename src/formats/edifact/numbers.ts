/**
 * Numeric values (ISO 9735: an optional minus sign, digits, one decimal mark, no triad separators).
 * Both "." and "," are read as the decimal mark whatever the UNA advises: ISO 9735 allows either, and
 * with triad separators forbidden the two cannot be confused.
 */
const NUMERIC = /^(-?)(\d+)(?:[.,](\d+))?$/;

/**
 * The value as canonical decimal text ("-12.50" stays "-12.50", ",5" is refused: ISO 9735 wants a digit
 * before the mark), so amounts keep their precision. Undefined when it is not a number.
 */
export function parseDecimal(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = NUMERIC.exec(value);
  if (!m) return undefined;
  const [, sign, int, frac] = m;
  return `${sign}${int}${frac !== undefined ? `.${frac}` : ""}`;
}

export function parseNumber(value: string | undefined): number | undefined {
  const decimal = parseDecimal(value);
  return decimal === undefined ? undefined : Number(decimal);
}
