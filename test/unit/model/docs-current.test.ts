import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateModelDocs } from "../../../scripts/gen-model-docs.js";
import { ROOT } from "../../helpers/corpora.js";

describe("docs/model.md", () => {
  it("is what the schemas generate", () => {
    const committed = readFileSync(join(ROOT, "docs", "model.md"), "utf8");
    const generated = generateModelDocs(ROOT);
    expect(
      generated === committed,
      "docs/model.md is stale: run `npx tsx scripts/gen-model-docs.ts` and commit it",
    ).toBe(true);
  });

  it("is deterministic", () => {
    expect(generateModelDocs(ROOT)).toBe(generateModelDocs(ROOT));
  });
});
