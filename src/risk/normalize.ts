/**
 * Name normalisation for restricted-party screening. Spelling that differs only by script, case,
 * accents, punctuation, legal form or common transliteration variants normalises alike:
 *  1. NFKC (full-width forms), lower case;
 *  2. Cyrillic and Greek letters to Latin (a simplified BGN/PCGN romanisation), ß, æ, œ, ø, ł, đ, þ;
 *  3. NFD and removal of combining marks (é → e, ü → u);
 *  4. everything but letters and digits separates tokens;
 *  5. legal forms and filler words are dropped (ltd, co, gmbh, jsc, 有限公司, …);
 *  6. Han characters become overlapping character pairs, since Chinese names have no spaces.
 * `skeleton` then folds the variants romanisation produces (Müller/Mueller, Mohammed/Muhammad,
 * Khan/Han, Rosoboronexport/Рособоронэкспорт): digraphs ae/oe/ue/kh/ph/ck, x → ks, y → i, doubled
 * letters, and vowels after the first letter.
 */
// prettier-ignore
const LETTERS: Readonly<Record<string, string>> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "i", к: "k",
  л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts",
  ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya", і: "i", ї: "i", є: "e",
  ґ: "g", ў: "u",
  α: "a", β: "v", γ: "g", δ: "d", ε: "e", ζ: "z", η: "i", θ: "th", ι: "i", κ: "k", λ: "l", μ: "m",
  ν: "n", ξ: "x", ο: "o", π: "p", ρ: "r", σ: "s", ς: "s", τ: "t", υ: "y", φ: "f", χ: "ch", ψ: "ps",
  ω: "o",
  ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", þ: "th", ð: "d", ı: "i",
};

/** Legal forms and words that say nothing about who a party is. */
// prettier-ignore
const FILLER = new Set([
  "the", "and", "of", "co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited",
  "llc", "llp", "lp", "plc", "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab",
  "as", "oy", "pte", "pty", "jsc", "ojsc", "pjsc", "cjsc", "ooo", "oao", "zao", "ao", "pao", "tov", "mbh", "group",
  "holding", "holdings", "international", "intl", "trading",
]);
const HAN_FILLER = /股份有限公司|有限责任公司|有限公司|集团|公司/g;
const HAN = /\p{Script=Han}/u;

function latin(s: string): string {
  let out = "";
  for (const ch of s) out += LETTERS[ch] ?? ch;
  return out;
}

/** The tokens a name is compared by (step 1–6 above). */
export function nameTokens(name: string): string[] {
  const lowered = latin(
    name
      .normalize("NFKC")
      .toLowerCase()
      .replace(HAN_FILLER, " ")
      .normalize("NFD")
      .replace(/\p{M}+/gu, ""),
  );
  const tokens: string[] = [];
  // Initials spelt with dots ("S.A.", "G.m.b.H.") join into one word, which then reads as a legal form.
  const words: string[] = [];
  let initials = false;
  for (const w of lowered.split(/[^\p{L}\p{N}]+/u)) {
    if (w === "") continue;
    const single = [...w].length === 1 && !HAN.test(w);
    if (single && initials) words[words.length - 1] += w;
    else words.push(w);
    initials = single;
  }
  for (const part of words) {
    if (HAN.test(part)) {
      const chars = [...part];
      if (chars.length === 1) tokens.push(part);
      for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
    } else {
      tokens.push(part);
    }
  }
  const meaningful = tokens.filter((t) => !FILLER.has(t));
  // A name made only of filler ("Trading Co.") is still compared by what it has.
  return meaningful.length > 0 ? meaningful : tokens;
}

/** Folds transliteration variants of one token (see above); Han pairs are left as they are. */
export function skeleton(token: string): string {
  if (HAN.test(token)) return token;
  const folded = token
    .replace(/ae/g, "a")
    .replace(/oe/g, "o")
    .replace(/ue/g, "u")
    .replace(/kh/g, "h")
    .replace(/ph/g, "f")
    .replace(/ck/g, "k")
    .replace(/x/g, "ks")
    .replace(/y/g, "i")
    .replace(/(.)\1+/g, "$1");
  return folded[0]! + folded.slice(1).replace(/[aeiou]/g, "");
}
