import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { Issue } from "../../errors/index.js";
import { projectRoot } from "../../util/root.js";

/** Annotations that trace fields to the standards; ajv must know them to stay in strict mode. */
export const ANNOTATION_KEYWORDS = [
  "x-wco-id",
  "x-ubl",
  "x-uncefact",
  "x-en16931",
  "x-edifact",
  "x-codelist",
  "x-swift",
  "x-dcsa",
] as const;

export const SCHEMA_BASE = "https://swg.invalid/schemas/";

function readSchemas(dir: string): Record<string, unknown>[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".schema.json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, unknown>);
}

export interface SchemaSet {
  readonly ajv: Ajv2020;
  readonly types: readonly string[];
  validator(type: string): ValidateFunction | undefined;
}

/** Compiles every common and canonical schema once, at boot (ajv in strict mode, all errors). */
export function loadSchemas(root: string = join(projectRoot(), "schemas")): SchemaSet {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats.default(ajv);
  ajv.addVocabulary([...ANNOTATION_KEYWORDS]);
  for (const s of readSchemas(join(root, "common", "v1"))) ajv.addSchema(s);
  const canonical = readSchemas(join(root, "canonical", "v1"));
  for (const s of canonical) ajv.addSchema(s);
  const validators = new Map<string, ValidateFunction>();
  for (const s of canonical) {
    const id = String(s["$id"]);
    const type = id.slice(id.lastIndexOf("/") + 1).replace(/\.schema\.json$/, "");
    validators.set(type, ajv.getSchema(id) ?? ajv.compile(s));
  }
  return { ajv, types: [...validators.keys()], validator: (t) => validators.get(t) };
}

function oneIssue(e: ErrorObject, docIndex?: number): Issue {
  const extra =
    e.keyword === "required"
      ? `/${String(e.params["missingProperty"])}`
      : e.keyword === "unevaluatedProperties"
        ? `/${String(e.params["unevaluatedProperty"])}`
        : e.keyword === "additionalProperties"
          ? `/${String(e.params["additionalProperty"])}`
          : "";
  const pointer = `${e.instancePath}${extra}`;
  const message =
    e.keyword === "unevaluatedProperties" || e.keyword === "additionalProperties"
      ? `${pointer || "/"} is not a field of the canonical model`
      : e.keyword === "required"
        ? `${pointer} is required`
        : `${e.instancePath || "/"} ${e.message ?? "is invalid"}`;
  return {
    message,
    pointer,
    ruleId: `SCHEMA-${e.keyword}`,
    severity: "error",
    ...(docIndex !== undefined ? { document: docIndex } : {}),
  };
}

/**
 * ajv errors → issues with JSON Pointers. The failed branches of one anyOf (e.g. "a date or a
 * date-time") become one issue, so one mistake is reported once.
 */
export function schemaIssues(errors: readonly ErrorObject[] | null | undefined, docIndex?: number): Issue[] {
  const out: Issue[] = [];
  const alternatives = new Map<string, ErrorObject[]>();
  for (const e of errors ?? []) {
    if (e.keyword === "if" || e.keyword === "anyOf") continue;
    const at = e.schemaPath.lastIndexOf("/anyOf/");
    if (at < 0) {
      out.push(oneIssue(e, docIndex));
      continue;
    }
    const key = `${e.instancePath}|${e.schemaPath.slice(0, at)}`;
    alternatives.set(key, [...(alternatives.get(key) ?? []), e]);
  }
  for (const group of alternatives.values()) {
    const first = oneIssue(group[0]!, docIndex);
    out.push(
      group.length === 1
        ? first
        : {
            ...first,
            message: `${group[0]!.instancePath || "/"} ${group.map((e) => e.message ?? "is invalid").join(", or ")}`,
          },
    );
  }
  return out;
}
