import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES_CONFIG, RULES, runRules } from "../../../src/pipeline/validate/rules/index.js";
import { loadSchemas } from "../../../src/pipeline/validate/schemas.js";
import { projectRoot } from "../../../src/util/root.js";
import { type Fixture, loadFixture } from "./fixture.js";

const DIR = join(projectRoot(), "test", "fixtures", "lc");

/** The 8 discrepancies planted in discrepant.json, each with the article its finding must cite. */
const PLANTED: readonly (readonly [string, string])[] = [
  ["SWG-LC-001", "UCP 600 art. 30"], // amount over the 39A tolerance
  ["SWG-LC-006", "UCP 600 art. 20(a)(ii)"], // shipment after 44C
  ["SWG-LC-004", "UCP 600 art. 20(a)(iii)"], // wrong port of loading, 44E
  ["SWG-LC-007", "UCP 600 art. 2"], // a 46A document missing
  ["SWG-LC-011", "UCP 600 art. 14(c)"], // presentation after the 48 period
  ["SWG-LC-009", "UCP 600 art. 18(c)"], // invoice description not matching 45A
  ["SWG-LC-013", "UCP 600 art. 28(e)"], // insurance dated after shipment
  ["SWG-LC-003", "UCP 600 art. 20(b)-(c)"], // transhipment against 43T
];

function check(f: Fixture) {
  return runRules(f.documents, f.related, { now: f.now, config: DEFAULT_RULES_CONFIG });
}

describe("the LC check on the hand-made dossier", () => {
  const schemas = loadSchemas();
  const clean = loadFixture(join(DIR, "clean.json"));
  const discrepant = loadFixture(join(DIR, "discrepant.json"));

  it("both twins are schema-valid", () => {
    for (const d of [...clean.documents, ...discrepant.documents])
      expect(schemas.validator(d.type)!(d)).toBe(true);
  });

  it("finds nothing in the clean twin", () => {
    expect(check(clean)).toEqual([]);
  });

  it("finds exactly the 8 planted discrepancies, each citing its article", () => {
    const issues = check(discrepant);
    expect(issues.map((i) => i.ruleId).sort()).toEqual(PLANTED.map(([id]) => id).sort());
    for (const [id, article] of PLANTED) {
      const issue = issues.find((i) => i.ruleId === id)!;
      expect(issue.severity).toBe("error");
      expect(issue.message).toContain(article);
      expect(issue.message).toContain(RULES.find((r) => r.id === id)!.article!);
      expect(issue.pointer).toMatch(/^\//);
      expect(issue.document).toBeTypeOf("number");
    }
  });

  it("reports on the stored documents' counterpart when only the presentation is submitted", () => {
    // The documents were stored earlier; the presentation alone is submitted: every finding lands on it.
    const presentation = discrepant.documents.filter((d) => d.type === "lc-presentation");
    const stored = discrepant.documents.filter((d) => d.type !== "lc-presentation");
    const issues = runRules(presentation, stored, { now: discrepant.now, config: DEFAULT_RULES_CONFIG });
    expect(issues.map((i) => i.ruleId).sort()).toEqual(PLANTED.map(([id]) => id).sort());
    for (const i of issues) expect(i.document).toBe(0);
  });
});
