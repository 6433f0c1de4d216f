/**
 * Goods descriptions compared word by word. ISBP 821 C3 asks for correspondence, not a mirror image:
 * case, punctuation, word order and plurals do not matter; the words that name the goods do.
 */
const SPLIT = /[^\p{L}\p{N}]+/u;
const NUMERIC = /^[0-9]+$/;

/** Words that name no goods (articles, prepositions, trade-term filler). */
const STOP = new Set([
  "A",
  "AN",
  "AND",
  "AS",
  "AT",
  "BY",
  "EACH",
  "FOR",
  "FROM",
  "IN",
  "OF",
  "ON",
  "OR",
  "PER",
  "THE",
  "TO",
  "WITH",
  "PCS",
  "PIECES",
  "PIECE",
  "UNITS",
  "UNIT",
  "SET",
  "SETS",
  "ABOUT",
  "APPROX",
  "ORIGIN",
  "GOODS",
  "PROFORMA",
  "INVOICE",
  "CONTRACT",
  "ORDER",
  "NO",
  "NUMBER",
  "DATED",
]);

function stem(w: string): string {
  if (w.length > 4 && w.endsWith("IES")) return `${w.slice(0, -3)}Y`;
  if (w.length > 4 && (w.endsWith("SES") || w.endsWith("XES") || w.endsWith("CHES") || w.endsWith("SHES")))
    return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("S") && !w.endsWith("SS")) return w.slice(0, -1);
  return w;
}

/** The significant words of a text: upper-cased, stemmed, without numbers and filler. */
export function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toUpperCase().split(SPLIT)) {
    if (raw.length < 2 || NUMERIC.test(raw) || STOP.has(raw)) continue;
    out.add(stem(raw));
  }
  return out;
}

export function addWords(into: Set<string>, text: string): void {
  for (const w of words(text)) into.add(w);
}

/** The words of `required` that `have` lacks. */
export function missingWords(required: ReadonlySet<string>, have: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const w of required) if (!have.has(w)) out.push(w);
  return out;
}

export function sharesWord(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const w of a) if (b.has(w)) return true;
  return false;
}
