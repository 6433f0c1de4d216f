import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DOCUMENT_TYPES } from "../../../src/model/canonical.js";
import { loadSchemas, schemaIssues } from "../../../src/pipeline/validate/schemas.js";
import { ROOT } from "../../helpers/corpora.js";

interface Expectation {
  readonly pointer: string;
  readonly keyword: string;
}

type Json = { readonly [k: string]: unknown };

const FIXTURES = join(ROOT, "test", "fixtures", "documents");
const SCHEMAS = join(ROOT, "schemas");
const schemaSet = loadSchemas();

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, "utf8")) as Json;
}

function fixtures(type: string, prefix: "valid-" | "invalid-"): string[] {
  return readdirSync(join(FIXTURES, type))
    .filter((f) => f.startsWith(prefix) && f.endsWith(".json") && !f.endsWith(".expect.json"))
    .sort();
}

/** Every schema object that declares properties, with where it is, so each property can be checked. */
function propertyOwners(node: unknown, where: string, out: [string, Json][]): [string, Json][] {
  if (Array.isArray(node)) node.forEach((n, i) => propertyOwners(n, `${where}/${i}`, out));
  else if (node !== null && typeof node === "object") {
    const o = node as Json;
    if (o["properties"] !== null && typeof o["properties"] === "object")
      out.push([where, o["properties"] as Json]);
    for (const [k, v] of Object.entries(o)) propertyOwners(v, `${where}/${k}`, out);
  }
  return out;
}

const TYPES = [...DOCUMENT_TYPES, "dossier"];

describe("canonical model schemas", () => {
  it("compile in strict mode, one validator per document type and the dossier", () => {
    expect([...schemaSet.types].sort()).toEqual([...TYPES].sort());
  });

  it("document every property", () => {
    const undocumented: string[] = [];
    for (const dir of ["common", "canonical"]) {
      for (const file of readdirSync(join(SCHEMAS, dir, "v1")).filter((f) => f.endsWith(".schema.json"))) {
        const schema = readJson(join(SCHEMAS, dir, "v1", file));
        for (const [where, props] of propertyOwners(schema, `${dir}/${file}#`, [])) {
          for (const [name, p] of Object.entries(props)) {
            // A boolean schema (the envelope's field list) only names a field declared elsewhere.
            if (typeof p === "boolean") continue;
            // Conditional subschemas (if/then) restate a property to constrain it; the property's own declaration documents it.
            if (/\/(if|then|else)(\/|$)/.test(where)) continue;
            const d = (p as Json)["description"];
            if (typeof d !== "string" || d.length === 0) undocumented.push(`${where}/properties/${name}`);
          }
        }
      }
    }
    expect(undocumented).toEqual([]);
  });

  for (const type of TYPES) {
    describe(type, () => {
      const validate = schemaSet.validator(type);

      it("has at least 2 valid and 3 invalid fixtures, each invalid one with its expectation", () => {
        expect(fixtures(type, "valid-").length).toBeGreaterThanOrEqual(2);
        const invalid = fixtures(type, "invalid-");
        expect(invalid.length).toBeGreaterThanOrEqual(3);
        for (const f of invalid)
          expect(readdirSync(join(FIXTURES, type))).toContain(f.replace(/\.json$/, ".expect.json"));
      });

      for (const f of fixtures(type, "valid-")) {
        it(`accepts ${f}`, () => {
          const ok = validate?.(readJson(join(FIXTURES, type, f)));
          expect(schemaIssues(validate?.errors)).toEqual([]);
          expect(ok).toBe(true);
        });
      }

      for (const f of fixtures(type, "invalid-")) {
        it(`rejects ${f} with exactly the expected error`, () => {
          const expected = readJson(
            join(FIXTURES, type, f.replace(/\.json$/, ".expect.json")),
          ) as unknown as Expectation;
          expect(validate?.(readJson(join(FIXTURES, type, f)))).toBe(false);
          const found = schemaIssues(validate?.errors).map((i) => ({
            pointer: i.pointer,
            keyword: (i.ruleId ?? "").replace(/^SCHEMA-/, ""),
          }));
          expect(found).toEqual([{ pointer: expected.pointer, keyword: expected.keyword }]);
        });
      }
    });
  }
});
