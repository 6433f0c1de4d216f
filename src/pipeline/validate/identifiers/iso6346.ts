/**
 * ISO 6346 freight container identification: owner code (3 letters), equipment category
 * (U freight container, J detachable equipment, Z trailer or chassis), 6-digit serial, check digit.
 */
const CONTAINER = /^[A-Z]{3}[UJZ][0-9]{7}$/;

/** Letter values skip multiples of 11 (A=10, B=12, … K=21, L=23 …), as ISO 6346 Annex A sets them. */
const LETTER_VALUES: readonly number[] = (() => {
  const out: number[] = [];
  let v = 10;
  for (let i = 0; i < 26; i++) {
    if (v % 11 === 0) v++;
    out.push(v++);
  }
  return out;
})();

/** The check digit of the first 10 characters (owner, category, serial), or -1 when they are malformed. */
export function iso6346CheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = first10.charCodeAt(i);
    let v: number;
    if (c >= 65 && c <= 90) v = LETTER_VALUES[c - 65]!;
    else if (c >= 48 && c <= 57) v = c - 48;
    else return -1;
    sum += v * (1 << i);
  }
  // A remainder of 10 is written 0 (ISO 6346 advises owners not to issue such serials).
  return (sum % 11) % 10;
}

export function isContainerNumber(id: string): boolean {
  if (!CONTAINER.test(id)) return false;
  return iso6346CheckDigit(id) === id.charCodeAt(10) - 48;
}

/** Container numbers are often written with spaces or a dash before the check digit (MSCU 123456-7). */
export function normalizeContainerNumber(id: string): string {
  return id.replace(/[\s-]/g, "").toUpperCase();
}
