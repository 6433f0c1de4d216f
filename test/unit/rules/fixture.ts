/**
 * The rule fixture format (test/fixtures/rules/README.md): a file either lists its documents, or names a
 * `base` fixture and edits it with `remove` (JSON Pointers) and then `set` (pointer → value; a last
 * segment "-" appends). Edits keep each fixture to the few fields that make it pass or fail.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CanonicalDocument } from "../../../src/model/canonical.js";

export interface FixtureFile {
  readonly description?: string;
  /** What a fixture plants, for the reader; not read by the loader. */
  readonly discrepancies?: readonly string[];
  readonly base?: string;
  readonly now?: string;
  readonly documents?: unknown[];
  readonly related?: unknown[];
  readonly remove?: readonly string[];
  readonly set?: Readonly<Record<string, unknown>>;
}

export interface Fixture {
  readonly now: Date;
  readonly documents: CanonicalDocument[];
  readonly related: CanonicalDocument[];
}

interface Raw {
  now?: string;
  documents: unknown[];
  related: unknown[];
}

function segments(pointer: string): string[] {
  if (!pointer.startsWith("/")) throw new Error(`not a JSON Pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function parentOf(
  root: unknown,
  pointer: string,
): { parent: Record<string, unknown> | unknown[]; key: string } {
  const segs = segments(pointer);
  let node: unknown = root;
  for (const s of segs.slice(0, -1)) {
    if (node === null || typeof node !== "object") throw new Error(`${pointer}: no such path`);
    node = Array.isArray(node) ? node[Number(s)] : (node as Record<string, unknown>)[s];
  }
  if (node === null || typeof node !== "object") throw new Error(`${pointer}: no such path`);
  return { parent: node as Record<string, unknown> | unknown[], key: segs[segs.length - 1]! };
}

function remove(root: unknown, pointer: string): void {
  const { parent, key } = parentOf(root, pointer);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (key in parent) delete parent[key];
  else throw new Error(`${pointer}: nothing to remove`);
}

function set(root: unknown, pointer: string, value: unknown): void {
  const { parent, key } = parentOf(root, pointer);
  const copy: unknown = structuredClone(value);
  if (Array.isArray(parent)) {
    if (key === "-") parent.push(copy);
    else parent[Number(key)] = copy;
  } else parent[key] = copy;
}

function loadRaw(path: string): Raw {
  const f = JSON.parse(readFileSync(path, "utf8")) as FixtureFile;
  const raw: Raw = f.base ? loadRaw(join(dirname(path), f.base)) : { documents: [], related: [] };
  if (f.now !== undefined) raw.now = f.now;
  if (f.documents) raw.documents = structuredClone(f.documents);
  if (f.related) raw.related = structuredClone(f.related);
  for (const p of f.remove ?? []) remove(raw, p);
  for (const [p, v] of Object.entries(f.set ?? {})) set(raw, p, v);
  return raw;
}

export function loadFixture(path: string): Fixture {
  const raw = loadRaw(path);
  return {
    now: new Date(raw.now ?? "2025-06-30T00:00:00Z"),
    documents: raw.documents as CanonicalDocument[],
    related: raw.related as CanonicalDocument[],
  };
}
