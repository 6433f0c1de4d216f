/**
 * China Unified Social Credit Identifier, GB 32100-2015: 18 characters from a 31-character alphabet
 * (digits and capitals without I, O, S, V, Z): registration authority (1), entity type (1),
 * administrative division (6 digits), organisation code (9, GB 11714), check character (1).
 * The check character is 31 − (Σ value × 3^i mod 31) mod 31, over the first 17 characters.
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCI = /^[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}$/;

const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

const WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** The check character for the first 17 characters, or undefined when one is outside the alphabet. */
export function usciCheckCharacter(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = first17.charCodeAt(i);
    const v = c < 128 ? VALUE[c]! : -1;
    if (v < 0) return undefined;
    sum += v * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export function isUsci(value: string): boolean {
  return USCI.test(value) && usciCheckCharacter(value) === value[17];
}
