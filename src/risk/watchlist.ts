import { readFileSync } from "node:fs";
import { extname } from "node:path";
import type { PartyIdentifier } from "../ports/records.js";
import { nameTokens, skeleton } from "./normalize.js";
import { tokenSetSimilarity } from "./similarity.js";

/** One restricted party as a list publishes it (docs/register.md#restricted-party-list). */
export interface ListEntry {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly country: string | null;
  readonly identifiers: readonly PartyIdentifier[];
  readonly reason: string | null;
  readonly listedOn: string | null;
}

export interface Watchlist {
  readonly source: string;
  readonly entries: readonly ListEntry[];
}

export interface ListMatch {
  readonly entry: ListEntry;
  /** 1 for an identifier match, else the best name or alias similarity. */
  readonly score: number;
  readonly by: "identifier" | "name";
  /** The listed name or alias that matched. */
  readonly matched: string;
}

/** Splits CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== "")) rows.push(row);
  return rows;
}

const split = (s: string | undefined): string[] =>
  (s ?? "")
    .split("|")
    .map((x) => x.trim())
    .filter(Boolean);

function identifiersOf(s: string | undefined, where: string): PartyIdentifier[] {
  return split(s).map((x) => {
    const at = x.indexOf(":");
    if (at <= 0) throw new Error(`${where}: identifier ${x} is not SCHEME:VALUE`);
    return { scheme: x.slice(0, at).trim(), value: x.slice(at + 1).trim() };
  });
}

/** CSV with a header row: id,name,aliases,country,identifiers,reason,listed_on (aliases and identifiers `|`-separated). */
export function watchlistFromCsv(text: string, source: string): Watchlist {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ""));
  const cols = (header ?? []).map((h) => h.trim().toLowerCase());
  for (const need of ["id", "name"])
    if (!cols.includes(need)) throw new Error(`${source}: the header has no ${need} column`);
  const get = (r: string[], c: string) => {
    const i = cols.indexOf(c);
    return i < 0 ? undefined : r[i]?.trim();
  };
  const entries = rows.map((r, n) => {
    const where = `${source} line ${n + 2}`;
    const id = get(r, "id");
    const name = get(r, "name");
    if (!id || !name) throw new Error(`${where}: id and name are required`);
    return {
      id,
      name,
      aliases: split(get(r, "aliases")),
      country: get(r, "country") || null,
      identifiers: identifiersOf(get(r, "identifiers"), where),
      reason: get(r, "reason") || null,
      listedOn: get(r, "listed_on") || null,
    };
  });
  return { source, entries };
}

/** JSON: {"source"?: string, "entries": [{id, name, aliases?, country?, identifiers?, reason?, listedOn?}]}. */
export function watchlistFromJson(text: string, source: string): Watchlist {
  const doc = JSON.parse(text) as { source?: unknown; entries?: unknown };
  if (!Array.isArray(doc.entries)) throw new Error(`${source}: entries is a list`);
  const entries = doc.entries.map((raw: unknown, n) => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const where = `${source} entries/${n}`;
    if (typeof e["id"] !== "string" || typeof e["name"] !== "string")
      throw new Error(`${where}: id and name are strings`);
    const ids = Array.isArray(e["identifiers"]) ? (e["identifiers"] as unknown[]) : [];
    return {
      id: e["id"],
      name: e["name"],
      aliases: Array.isArray(e["aliases"])
        ? e["aliases"].filter((a): a is string => typeof a === "string")
        : [],
      country: typeof e["country"] === "string" ? e["country"] : null,
      identifiers: ids.map((i) => {
        const o = (i ?? {}) as Record<string, unknown>;
        if (typeof o["scheme"] !== "string" || typeof o["value"] !== "string")
          throw new Error(`${where}: an identifier has scheme and value`);
        return { scheme: o["scheme"], value: o["value"] };
      }),
      reason: typeof e["reason"] === "string" ? e["reason"] : null,
      listedOn: typeof e["listedOn"] === "string" ? e["listedOn"] : null,
    };
  });
  return { source: typeof doc.source === "string" ? doc.source : source, entries };
}

/** Reads a list file; the extension (.csv or .json) decides the format. Fails loudly: a broken list is no list. */
export function loadWatchlist(file: string): Watchlist {
  const text = readFileSync(file, "utf8");
  const ext = extname(file).toLowerCase();
  if (ext === ".csv") return watchlistFromCsv(text, file);
  if (ext === ".json") return watchlistFromJson(text, file);
  throw new Error(`${file}: a restricted-party list is .csv or .json`);
}

export const EMPTY_WATCHLIST: Watchlist = { source: "none", entries: [] };

interface Indexed {
  readonly entry: ListEntry;
  readonly names: readonly { readonly text: string; readonly tokens: readonly string[] }[];
}

/**
 * Screens names and identifiers against a list. Candidates are found through an index on the first
 * three letters of each token's skeleton, so a long list costs little per party; only candidates are
 * scored in full. A misspelt first letter can hide a candidate: a trade-off made for speed.
 */
export class Screener {
  private readonly byKey = new Map<string, Indexed[]>();
  private readonly byId = new Map<string, ListEntry>();

  constructor(
    readonly list: Watchlist,
    private readonly threshold: number,
  ) {
    for (const entry of list.entries) {
      const names = [entry.name, ...entry.aliases].map((text) => ({ text, tokens: nameTokens(text) }));
      const ix: Indexed = { entry, names };
      const keys = new Set(names.flatMap((n) => n.tokens.map(keyOf)));
      for (const k of keys) this.byKey.set(k, [...(this.byKey.get(k) ?? []), ix]);
      for (const i of entry.identifiers) this.byId.set(`${i.scheme}:${i.value}`, entry);
    }
  }

  /** Parties recur (an exporter names itself, its buyers and carriers again and again): remember answers. */
  private readonly seen = new Map<string, ListMatch | undefined>();

  match(name: string, identifiers: readonly PartyIdentifier[] = []): ListMatch | undefined {
    const key = `${name}\u0000${identifiers.map((i) => `${i.scheme}:${i.value}`).join("\u0000")}`;
    if (this.seen.has(key)) return this.seen.get(key);
    const m = this.lookup(name, identifiers);
    if (this.seen.size >= 10_000) this.seen.clear();
    this.seen.set(key, m);
    return m;
  }

  private lookup(name: string, identifiers: readonly PartyIdentifier[]): ListMatch | undefined {
    for (const i of identifiers) {
      const entry = this.byId.get(`${i.scheme}:${i.value}`);
      if (entry) return { entry, score: 1, by: "identifier", matched: `${i.scheme} ${i.value}` };
    }
    const tokens = nameTokens(name);
    const candidates = new Set<Indexed>();
    for (const t of tokens) for (const c of this.byKey.get(keyOf(t)) ?? []) candidates.add(c);
    let best: ListMatch | undefined;
    for (const c of candidates) {
      for (const n of c.names) {
        const score = tokenSetSimilarity(tokens, n.tokens);
        if (score >= this.threshold && (!best || score > best.score))
          best = { entry: c.entry, score, by: "name", matched: n.text };
      }
    }
    return best;
  }
}

function keyOf(token: string): string {
  return skeleton(token).slice(0, 3);
}
