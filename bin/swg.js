#!/usr/bin/env node
// Runs the compiled CLI; `npm run build` (or `npm start`, `npm test`) produces it.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("../dist/src/cli/swg.js", import.meta.url));
if (!existsSync(entry)) {
  console.error("swg: not built yet; run `npm run build` first");
  process.exit(1);
}
await import(entry);
