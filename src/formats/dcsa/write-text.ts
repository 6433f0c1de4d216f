/**
 * DCSA text fields: most carry `^\S(?:.*\S)?$` (no outer whitespace) and a maximum length;
 * multi-line ones (descriptionOfGoods, shippingMarks, displayedName…) are lists of short lines.
 */

/** A text trimmed and cut to `max` characters, trimmed again at the cut; undefined when empty. */
export function fit(text: string | undefined, max: number): string | undefined {
  const cut = text?.trim().slice(0, max).trimEnd();
  return cut ? cut : undefined;
}

/**
 * A text as at most `count` lines of at most `size` characters: its own lines, each wrapped at
 * spaces (a word longer than a line is cut). What does not fit is dropped; `lost` says so.
 */
export function lines(
  text: string | undefined,
  size: number,
  count: number,
): { lines: string[]; lost: boolean } {
  const out: string[] = [];
  for (const own of (text ?? "").split("\n")) {
    let line = "";
    for (const word of own.split(/\s+/).filter(Boolean)) {
      for (let w = word; w; w = w.slice(size)) {
        const piece = w.slice(0, size);
        if (!line) line = piece;
        else if (line.length + 1 + piece.length <= size && piece === w) line += ` ${piece}`;
        else {
          out.push(line);
          line = piece;
        }
      }
    }
    if (line) out.push(line);
  }
  return { lines: out.slice(0, count), lost: out.length > count };
}
