import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Issue } from "../../../src/errors/problem.js";
import { DEFAULT_RULES_CONFIG, RULES, runRules } from "../../../src/pipeline/validate/rules/index.js";
import { loadSchemas, schemaIssues, type SchemaSet } from "../../../src/pipeline/validate/schemas.js";
import { projectRoot } from "../../../src/util/root.js";
import { type Fixture, loadFixture } from "./fixture.js";

const DIR = join(projectRoot(), "test", "fixtures", "rules");

let schemas: SchemaSet;
beforeAll(() => {
  schemas = loadSchemas();
});

function run(f: Fixture): Issue[] {
  return runRules(f.documents, f.related, { now: f.now, config: DEFAULT_RULES_CONFIG });
}

/** Every fixture document passes its JSON Schema: rules only ever see schema-valid documents. */
function expectSchemaValid(f: Fixture): void {
  for (const d of [...f.documents, ...f.related]) {
    const validate = schemas.validator(d.type);
    expect(validate, `schema for ${d.type}`).toBeDefined();
    validate!(d);
    expect(schemaIssues(validate!.errors), `${d.type} ${d.number}`).toEqual([]);
  }
}

/**
 * Whether a finding's pointer leads somewhere real: every step but the last must exist; the last may
 * name a field the rule found missing (a missing total), so only its parent must exist.
 */
function resolves(doc: unknown, pointer: string): boolean {
  let node = doc;
  for (const seg of pointer.split("/").slice(1)) {
    if (node === null || typeof node !== "object") return false;
    const key = seg.replace(/~1/g, "/").replace(/~0/g, "~");
    node = Array.isArray(node) ? (node[Number(key)] as unknown) : (node as Record<string, unknown>)[key];
  }
  return true;
}

describe("the rule catalogue", () => {
  it("has unique ids in the SWG-<PREFIX>-NNN form", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^SWG-(INV|PKL|DEC|COO|BL|INS|LC|ID|CL|X|DT)-\d{3}$/);
  });

  it("meets the issue's minimum per category", () => {
    const count = (c: string): number => RULES.filter((r) => r.category === c).length;
    expect(RULES.length).toBeGreaterThanOrEqual(60);
    expect(count("arithmetic")).toBeGreaterThanOrEqual(10);
    expect(count("identifier")).toBeGreaterThanOrEqual(6);
    expect(count("code-list")).toBeGreaterThanOrEqual(8);
    expect(count("cross-document")).toBeGreaterThanOrEqual(15);
    expect(count("lc")).toBeGreaterThanOrEqual(12);
    expect(count("dates")).toBeGreaterThanOrEqual(6);
  });

  it("has a fixture folder for every rule and none for a rule that does not exist", () => {
    const folders = readdirSync(DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith("_"))
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual(RULES.map((r) => r.id).sort());
  });
});

describe.each(RULES.map((r) => [r.id, r] as const))("%s", (id, rule) => {
  it("passes its passing fixture with no finding at all", () => {
    const path = join(DIR, id, "pass.json");
    expect(existsSync(path)).toBe(true);
    const f = loadFixture(path);
    expectSchemaValid(f);
    expect(run(f)).toEqual([]);
  });

  it("raises exactly this rule on its failing fixture, on a submitted document and a real pointer", () => {
    const f = loadFixture(join(DIR, id, "fail.json"));
    expectSchemaValid(f);
    const issues = run(f);
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) {
      expect(i.ruleId, i.message).toBe(id);
      expect(i.severity).toBe(rule.severity);
      expect(i.document).toBeTypeOf("number");
      const doc = f.documents[i.document!];
      expect(doc).toBeDefined();
      expect(i.pointer).toMatch(/^\//);
      expect(resolves(doc, i.pointer!)).toBe(true);
      if (rule.article) expect(i.message).toContain(rule.article);
    }
  });
});
