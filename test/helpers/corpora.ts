import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root. */
export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** The shared public corpora, read in place (never copied into the repo). */
export const CORPORA = process.env["SWG_CORPORA"] ?? resolve(ROOT, "../shared/corpora");

export function corpusPath(...parts: string[]): string {
  return join(CORPORA, ...parts);
}

export function readCorpus(...parts: string[]): Buffer {
  return readFileSync(corpusPath(...parts));
}

/** Every file under a corpus folder, as paths relative to CORPORA. */
export function listCorpus(...parts: string[]): string[] {
  const base = corpusPath(...parts);
  if (!existsSync(base)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(CORPORA, p));
    }
  };
  walk(base);
  return out;
}
