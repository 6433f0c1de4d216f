import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ERRORS } from "../../../src/errors/index.js";
import { ROOT } from "../../helpers/corpora.js";

describe("error registry", () => {
  it("docs/errors.md lists exactly the registered codes with their status", () => {
    const doc = readFileSync(join(ROOT, "docs", "errors.md"), "utf8");
    const rows = [...doc.matchAll(/^\|\s*`(SWG_[A-Z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map(
      (m) => [m[1], Number(m[2])] as const,
    );
    expect(rows.map((r) => r[0]).sort()).toEqual(Object.keys(ERRORS).sort());
    for (const [code, status] of rows) expect(status).toBe(ERRORS[code as keyof typeof ERRORS].status);
  });
});
