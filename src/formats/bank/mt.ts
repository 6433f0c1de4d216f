import { ProblemError, type Issue } from "../../errors/index.js";

/** One field of block 4: its tag (`20`, `32A`, `77J`) and its value, lines joined with "\n". */
export interface MtField {
  readonly tag: string;
  readonly value: string;
  /** 1-based line of the field's tag in the message text, for error locations. */
  readonly line: number;
}

/** A SWIFT FIN message (MT) as text blocks: `{1:…}{2:…}{3:{108:…}}{4:\n:20:…\n-}{5:…}`. */
export interface MtMessage {
  /** Basic header: application id, service id, the logical terminal address. */
  readonly basicHeader: string;
  /** The three-digit message type from the application header (`750`). */
  readonly messageType: string;
  /** `I` (input, as the sender wrote it) or `O` (output, as the receiver got it). */
  readonly direction: "I" | "O";
  /** BICs from the logical terminal addresses: block 1 holds the sender's on input, the receiver's on output. */
  readonly senderBic: string | undefined;
  readonly receiverBic: string | undefined;
  /** User header tags, e.g. 108 (message user reference) and 121 (UETR). */
  readonly userHeader: Readonly<Record<string, string>>;
  readonly fields: readonly MtField[];
}

/** FIN text is short: a Category 7 message is at most 10,000 characters in block 4. */
const MAX_CHARS = 64 * 1024;

const bad = (message: string, issues: Issue[] = []): ProblemError =>
  new ProblemError("SWG_VALIDATION_FAILED", message, issues);

/** Splits `{n:…}` blocks at the top level; a block may nest `{…}` (blocks 3 and 5) or hold raw text (block 4). */
function blocks(text: string): Map<string, { body: string; offset: number }> {
  const out = new Map<string, { body: string; offset: number }>();
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\r" || c === "\n" || c === " " || c === "\t" || c === "\uFEFF") {
      i++;
      continue;
    }
    const m = /^\{([0-9A-Z]{1,3}):/.exec(text.slice(i, i + 6));
    if (!m) throw bad(`unexpected text at offset ${i}: a FIN message is a sequence of {n:…} blocks`);
    const id = m[1]!;
    const start = i + m[0].length;
    let end: number;
    if (id === "4") {
      // Block 4 ends with CRLF "-}" and may itself contain braces in narrative fields.
      const close = /\r?\n-\}/g;
      close.lastIndex = start;
      const hit = close.exec(text);
      if (!hit) throw bad("block 4 is not closed with a line holding '-}'");
      end = hit.index;
      i = hit.index + hit[0].length;
    } else {
      let depth = 1;
      let j = start;
      for (; j < text.length && depth > 0; j++) {
        if (text[j] === "{") depth++;
        else if (text[j] === "}") depth--;
      }
      if (depth !== 0) throw bad(`block ${id} is not closed`);
      end = j - 1;
      i = j;
    }
    if (out.has(id)) throw bad(`block ${id} appears twice`);
    out.set(id, { body: text.slice(start, end), offset: start });
  }
  return out;
}

/** A 12-character logical terminal address (BIC8, terminal code, branch) → BIC8 or BIC11. */
function bicOf(lt: string | undefined): string | undefined {
  if (!lt || !/^[A-Z0-9]{12}$/.test(lt)) return undefined;
  const branch = lt.slice(9, 12);
  return branch === "XXX" ? lt.slice(0, 8) : lt.slice(0, 8) + branch;
}

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split("\n").length;

function fieldsOf(body: string, firstLine: number): MtField[] {
  const lines = body.split(/\r?\n/);
  const fields: { tag: string; lines: string[]; line: number }[] = [];
  lines.forEach((l, n) => {
    const m = /^:([0-9]{2}[A-Z]?):(.*)$/.exec(l);
    if (m) fields.push({ tag: m[1]!, lines: [m[2]!], line: firstLine + n });
    else if (fields.length > 0) fields.at(-1)!.lines.push(l);
    else if (l.trim() !== "")
      throw bad("block 4 must start with a field tag such as :20:", [
        { message: `line ${firstLine + n} holds no field tag`, location: `line ${firstLine + n}` },
      ]);
  });
  return fields.map((f) => ({ tag: f.tag, value: f.lines.join("\n").trimEnd(), line: f.line }));
}

/**
 * Reads a SWIFT FIN message in its text-block form. Headers are read as far as correlation and
 * de-duplication need (message type, direction, counterparty, user header); block 4 gives the
 * fields in order. Every failure is a ProblemError (422), never a crash.
 */
export function parseMt(input: Buffer | string): MtMessage {
  const text = typeof input === "string" ? input : input.toString("utf8");
  if (text.length > MAX_CHARS)
    throw new ProblemError("SWG_BODY_TOO_LARGE", "a FIN message is at most 64 KiB");
  const b = blocks(text);
  const b1 = b.get("1");
  const b2 = b.get("2");
  const b4 = b.get("4");
  if (!b1 || !b2 || !b4) {
    throw bad("a FIN message needs blocks 1 (basic header), 2 (application header) and 4 (text)", [
      ...(!b1 ? [{ message: "block 1 is missing" }] : []),
      ...(!b2 ? [{ message: "block 2 is missing" }] : []),
      ...(!b4 ? [{ message: "block 4 is missing" }] : []),
    ]);
  }
  // Input: I + MT + receiver LT address (12) + priority…; output: O + MT + input time (4) + MIR (28: date 6, LT 12, session 4, ISN 6) + …
  const h2 = /^([IO])([0-9]{3})(.*)$/.exec(b2.body);
  if (!h2) throw bad(`block 2 does not start with I or O and a message type: ${b2.body.slice(0, 20)}`);
  const direction = h2[1] as "I" | "O";
  const rest = h2[3]!;
  const own = bicOf(/^[A-Z]\d{2}(.{12})/.exec(b1.body)?.[1]);
  const other = bicOf(direction === "I" ? rest.slice(0, 12) : rest.slice(10, 22));
  const userHeader: Record<string, string> = {};
  for (const m of (b.get("3")?.body ?? "").matchAll(/\{([0-9]{3}):([^}]*)\}/g)) userHeader[m[1]!] = m[2]!;
  const body = b4.body.replace(/^\r?\n/, "");
  const fields = fieldsOf(
    body,
    lineOf(text, b4.offset) + (b4.body.startsWith("\n") || b4.body.startsWith("\r\n") ? 1 : 0),
  );
  if (fields.length === 0) throw bad("block 4 holds no fields");
  return {
    basicHeader: b1.body,
    messageType: h2[2]!,
    direction,
    senderBic: direction === "I" ? own : other,
    receiverBic: direction === "I" ? other : own,
    userHeader,
    fields,
  };
}

/** The first field with this tag, or with any of these tags (e.g. 32A or 32B for "32a"). */
export function mtField(m: MtMessage, ...tags: string[]): MtField | undefined {
  return m.fields.find((f) => tags.includes(f.tag));
}

/** SWIFT amounts use a comma as decimal mark and no thousands separator: `1234,56`, `100,`. */
export function mtAmount(text: string): number | undefined {
  if (!/^[0-9]{1,15},[0-9]{0,}$/.test(text)) return undefined;
  const n = Number(text.replace(",", "."));
  return Number.isFinite(n) ? n : undefined;
}

/** YYMMDD → ISO date; SWIFT dates in Category 7 fall in 1980–2079. */
export function mtDate(text: string): string | undefined {
  const m = /^([0-9]{2})([0-9]{2})([0-9]{2})$/.exec(text);
  if (!m) return undefined;
  const yy = Number(m[1]);
  const year = yy >= 80 ? 1900 + yy : 2000 + yy;
  const iso = `${year}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}
