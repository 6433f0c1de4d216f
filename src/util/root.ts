import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/**
 * The project root (the folder holding package.json), whether this runs from src/ under tsx
 * or vitest, or from the compiled dist/src/.
 */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find the project root (package.json)");
    dir = up;
  }
  cached = dir;
  return dir;
}
