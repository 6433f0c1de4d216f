/**
 * ISO 17442 Legal Entity Identifier: 18 alphanumeric characters and 2 check digits under
 * ISO/IEC 7064 MOD 97-10 (the IBAN scheme): read as a number with letters A=10 … Z=35, it is ≡ 1 mod 97.
 */
const LEI = /^[0-9A-Z]{18}[0-9]{2}$/;

/** Remainder mod 97 of a string read with A=10 … Z=35, folded digit by digit so no big integers are needed. */
export function mod97(s: string): number {
  let r = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) r = (r * 100 + (c - 55)) % 97;
    else return -1;
  }
  return r;
}

export function isLei(value: string): boolean {
  return LEI.test(value) && mod97(value) === 1;
}

/** The two check digits for an 18-character LEI prefix. */
export function leiCheckDigits(prefix18: string): string {
  const r = mod97(`${prefix18}00`);
  return String(98 - r).padStart(2, "0");
}
