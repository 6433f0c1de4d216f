import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { projectRoot } from "../util/root.js";

/** Reads a JSON config file and checks it against schemas/config/<schema>; names every problem. */
export function loadJsonConfig<T>(file: string, schema: string): T {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`, { cause: e });
  }
  const ajv = new Ajv2020({ allErrors: true, strict: true, useDefaults: true, allowUnionTypes: true });
  const s = JSON.parse(readFileSync(join(projectRoot(), "schemas", "config", schema), "utf8")) as object;
  const validate = ajv.compile(s);
  if (!validate(value)) {
    const lines = (validate.errors ?? []).map(
      (e) => `  ${e.instancePath || "/"} ${e.message ?? "is invalid"}`,
    );
    throw new Error(`${file} does not match ${schema}:\n${lines.join("\n")}`);
  }
  return value as T;
}
