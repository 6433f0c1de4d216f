import { writeFileSync } from "node:fs";
import { format, resolveConfig } from "prettier";
import type { CodeListFile } from "../../src/codelists/types.js";

/**
 * Writes a code-list file formatted by the project's Prettier settings, so regenerating a list
 * leaves `prettier --check` clean and diffs show only real data changes.
 */
export async function writeList<E>(path: string, file: CodeListFile<E>): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(JSON.stringify(file), { ...options, parser: "json" }));
}
