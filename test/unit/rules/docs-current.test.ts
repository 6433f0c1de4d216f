import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { generateRulesDocs } from "../../../scripts/gen-rules-docs.js";
import { projectRoot } from "../../../src/util/root.js";

it("docs/rules.md is generated from the current rule catalogue", () => {
  const committed = readFileSync(join(projectRoot(), "docs", "rules.md"), "utf8");
  expect(
    committed === generateRulesDocs(),
    "docs/rules.md is stale: run npx tsx scripts/gen-rules-docs.ts",
  ).toBe(true);
});
