import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers/corpora.js";

export type Expectation =
  "become" | "rejected" | "template" | "unsupported" | "broken" | "harness" | "not-a-document" | "delegated";

export interface Entry {
  readonly expect: Expectation;
  readonly type?: string;
  readonly documents?: number;
  readonly after?: string;
  readonly functionCode?: string;
  readonly code?: string;
  readonly match?: string;
  readonly pointers?: readonly string[];
  readonly owner?: string;
  readonly why?: string;
}

export interface Manifest {
  readonly sections: Readonly<
    Record<
      string,
      { readonly owner: string; readonly sets: Readonly<Record<string, Readonly<Record<string, Entry>>>> }
    >
  >;
}

export function loadManifest(): Manifest {
  return JSON.parse(readFileSync(join(ROOT, "test", "corpus-manifest.json"), "utf8")) as Manifest;
}

/** A manifest path: a corpus file of the set, or fixture:<path> under test/fixtures/formats. */
export function manifestPath(set: string, path: string): { corpus: string } | { fixture: string } {
  return path.startsWith("fixture:")
    ? { fixture: join(ROOT, "test", "fixtures", "formats", path.slice("fixture:".length)) }
    : { corpus: `${set}/${path}` };
}
