import { join } from "node:path";
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { CanonicalDocument } from "../../../src/model/canonical.js";
import { DEFAULT_RULES_CONFIG, runRules } from "../../../src/pipeline/validate/rules/index.js";
import { loadSchemas } from "../../../src/pipeline/validate/schemas.js";
import { projectRoot } from "../../../src/util/root.js";
import { loadFixture } from "./fixture.js";

const FIXTURES = join(projectRoot(), "test", "fixtures");
const schemas = loadSchemas();
const base = [
  ...loadFixture(join(FIXTURES, "rules", "_base", "dossier.json")).documents,
  ...loadFixture(join(FIXTURES, "lc", "clean.json")).documents.filter((d) => d.type === "lc-presentation"),
];
const ctx = { now: new Date("2025-06-30T00:00:00Z"), config: DEFAULT_RULES_CONFIG };

/** Every object member of the documents, as [document index, path]: the candidates for deletion. */
function members(docs: readonly unknown[]): [number, string[]][] {
  const out: [number, string[]][] = [];
  const walk = (node: unknown, d: number, path: string[]): void => {
    if (node === null || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node)) {
      const p = [...path, k];
      if (!Array.isArray(node)) out.push([d, p]);
      walk(v, d, p);
    }
  };
  docs.forEach((doc, d) => walk(doc, d, []));
  return out;
}

const MEMBERS = members(base);

function without(
  docs: readonly CanonicalDocument[],
  picks: readonly [number, string[]][],
): CanonicalDocument[] {
  const copy = structuredClone(docs) as CanonicalDocument[];
  for (const [d, path] of picks) {
    let node: unknown = copy[d];
    for (const k of path.slice(0, -1))
      node = node === null || typeof node !== "object" ? undefined : (node as Record<string, unknown>)[k];
    if (node !== null && typeof node === "object" && !Array.isArray(node))
      delete (node as Record<string, unknown>)[path[path.length - 1]!];
  }
  return copy;
}

describe("rules never throw on absent optional fields", () => {
  fcTest.prop([fc.uniqueArray(fc.nat({ max: MEMBERS.length - 1 }), { minLength: 1, maxLength: 12 })], {
    numRuns: 300,
  })("any schema-valid dossier with optional fields removed is checked without throwing", (indexes) => {
    const docs = without(
      base,
      indexes.map((i) => MEMBERS[i]!),
    );
    // Only what passed schema validation reaches the rules.
    fc.pre(docs.every((d) => schemas.validator(d.type)?.(d) === true));
    const issues = runRules(docs, [], ctx);
    for (const i of issues) {
      expect(i.ruleId).toMatch(/^SWG-/);
      expect(i.pointer).toMatch(/^\//);
      expect(i.document).toBeTypeOf("number");
    }
  });

  it("reports nothing about stored documents when none is submitted", () => {
    expect(runRules([], base, ctx)).toEqual([]);
  });
});

describe("rules never throw on schema-invalid documents", () => {
  // The pipeline runs the rules on documents with schema errors too, so a trader sees every problem at once.
  fcTest.prop(
    [
      fc.uniqueArray(fc.nat({ max: MEMBERS.length - 1 }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 8, maxLength: 8 }),
    ],
    { numRuns: 300 },
  )("any member replaced by any JSON value", (indexes, values) => {
    const docs = structuredClone(base) as unknown as Record<string, unknown>[];
    indexes.forEach((i, k) => {
      const [d, path] = MEMBERS[i]!;
      let node: unknown = docs[d];
      for (const key of path.slice(0, -1)) {
        node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
      }
      if (node !== null && typeof node === "object")
        (node as Record<string, unknown>)[path[path.length - 1]!] = values[k];
    });
    expect(() => runRules(docs as unknown as CanonicalDocument[], [], ctx)).not.toThrow();
  });
});
