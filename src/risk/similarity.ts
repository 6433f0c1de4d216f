import { skeleton } from "./normalize.js";

/** Levenshtein distance, two rows. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * How alike two normalised tokens are: 1 when equal, 0.95 when they share a skeleton of at least
 * three letters (a transliteration variant), else the edit-distance ratio when it is at least 0.8
 * (a typing error), else 0.
 */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const sa = skeleton(a);
  if (sa.length >= 3 && sa === skeleton(b)) return 0.95;
  const r = 1 - levenshtein(a, b) / Math.max(a.length, b.length);
  return r >= 0.8 ? r : 0;
}

/**
 * Token-set similarity of two names (Sørensen–Dice over fuzzily matched tokens): tokens are paired
 * one to one, best pairs first, and the score is 2·Σ similarity / (|A| + |B|). Word order does not
 * matter, and an extra word lowers the score, so "Sunrise" alone does not match "Sunrise Houseware".
 */
export function tokenSetSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const pairs: { i: number; j: number; s: number }[] = [];
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < b.length; j++) {
      const s = tokenSimilarity(a[i]!, b[j]!);
      if (s > 0) pairs.push({ i, j, s });
    }
  pairs.sort((x, y) => y.s - x.s);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let sum = 0;
  for (const p of pairs) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue;
    usedA.add(p.i);
    usedB.add(p.j);
    sum += p.s;
  }
  return (2 * sum) / (a.length + b.length);
}
