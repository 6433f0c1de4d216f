import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { corpusPath, readCorpus } from "../../../helpers/corpora.js";
import { ingest } from "../../../corpus/ingest.js";

type Obj = Record<string, unknown>;

/** A message of the DCSA corpus set, parsed. */
export const message = (name: string): Obj =>
  JSON.parse(readCorpus(`dcsa-ebl-booking-json/messages/${name}`).toString("utf8")) as Obj;

/**
 * A DCSA conformance template with its placeholders filled in ("{CBR}" → "CBR123456",
 * "SHIPPER_LEGAL_NAME_PLACEHOLDER" → "Shipper Legal Name"): the message a real party would send.
 */
export function filled(v: unknown): unknown {
  if (typeof v === "string") {
    if (v === "{CBR}") return "CBR123456";
    const m = /^([A-Z_]+)_PLACEHOLDER$/.exec(v);
    return m
      ? m[1]!
          .toLowerCase()
          .split("_")
          .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
          .join(" ")
      : v;
  }
  if (Array.isArray(v)) return v.map(filled);
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, filled(x)]));
  return v;
}

/** Ingests JSON as the pipeline does (sniff → normalize → enrich → schema). */
export const ingestJson = (value: unknown) => ingest(Buffer.from(JSON.stringify(value)), "application/json");

// js-yaml comes with the toolchain (no types of its own): the DCSA specifications are YAML.
const { load } = createRequire(import.meta.url)("js-yaml") as { load: (text: string) => unknown };

/** OpenAPI 3.0 writes exclusiveMinimum/Maximum as flags beside minimum/maximum; JSON Schema as the bound. */
function jsonSchema(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(jsonSchema);
  if (typeof v !== "object" || v === null) return v;
  const o: Obj = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonSchema(x)]));
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const)
    if (typeof o[flag] === "boolean") {
      if (o[flag]) {
        o[flag] = o[bound];
        delete o[bound];
      } else delete o[flag];
    }
  return o;
}

/** A schema of a DCSA OpenAPI specification (openapi/ of the corpus set), as a validator. */
export function openApiSchema(spec: string, name: string): ValidateFunction {
  const doc = load(readFileSync(corpusPath(`dcsa-ebl-booking-json/openapi/${spec}`), "utf8")) as Obj;
  // OpenAPI's own keywords (nullable, example, discriminator) are not JSON Schema: not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const id = `https://dcsa.invalid/${spec}`;
  ajv.addSchema({ $id: id, components: jsonSchema(doc["components"]) });
  const v = ajv.getSchema(`${id}#/components/schemas/${name}`);
  if (!v) throw new Error(`${spec} has no schema ${name}`);
  return v;
}
