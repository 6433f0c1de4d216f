/**
 * Minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF). The official HS and
 * UN/LOCODE files are plain CSV, so a dependency is not worth it.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // A trailing newline or blank separator lines yield rows holding one empty field.
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

/**
 * UNECE has published UN/LOCODE CSVs in ISO 8859-1 and in UTF-8 over the years: take UTF-8
 * when the bytes are valid UTF-8, Latin-1 otherwise.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("latin1").decode(bytes);
  }
}
