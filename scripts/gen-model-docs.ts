/**
 * Generates docs/model.md from the JSON Schemas of the canonical model (schemas/common/v1 and
 * schemas/canonical/v1): one table of fields per document type and per shared definition, with the
 * standards' annotations (x-wco-id, x-ubl, x-uncefact, x-en16931, x-swift, x-dcsa, x-edifact).
 *
 *   npx tsx scripts/gen-model-docs.ts          writes docs/model.md
 *
 * The output depends only on the schema files, so regenerating gives identical bytes; a unit test
 * (test/unit/model/docs-current.test.ts) compares it with the committed file.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

type Schema = { readonly [k: string]: unknown };

interface SchemaFile {
  /** File name without .schema.json, e.g. "party" or "commercial-invoice". */
  readonly name: string;
  readonly kind: "common" | "canonical";
  readonly schema: Schema;
}

interface Row {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string;
  readonly wco: string;
  readonly ubl: string;
  readonly other: string;
}

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const COMMON_REF = /^(?:\.\.\/\.\.\/common\/v1\/|)([a-z0-9-]+)\.schema\.json$/;

function readDir(dir: string, kind: SchemaFile["kind"]): SchemaFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".schema.json"))
    .sort()
    .map((f) => ({
      name: f.replace(/\.schema\.json$/, ""),
      kind,
      schema: JSON.parse(readFileSync(join(dir, f), "utf8")) as Schema,
    }));
}

function isSchema(v: unknown): v is Schema {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(s: Schema, key: string): string {
  const v = s[key];
  return typeof v === "string" ? v : "";
}

function schemas(s: Schema, key: string): Schema[] {
  const v = s[key];
  return Array.isArray(v) ? v.filter(isSchema) : [];
}

function props(s: Schema): [string, Schema][] {
  const p = s["properties"];
  return isSchema(p) ? Object.entries(p).filter((e): e is [string, Schema] => isSchema(e[1])) : [];
}

function requiredOf(s: Schema): Set<string> {
  const r = s["required"];
  return new Set(Array.isArray(r) ? r.filter((x): x is string => typeof x === "string") : []);
}

/** Markdown table cells: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();
}

function code(text: string): string {
  return text ? `\`${text}\`` : "";
}

function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replace(/ /g, "-");
}

class Docs {
  private readonly common = new Map<string, SchemaFile>();

  constructor(commonFiles: readonly SchemaFile[]) {
    for (const f of commonFiles) this.common.set(f.name, f);
  }

  /** A $ref to a shared definition, or undefined. */
  commonTarget(ref: string): SchemaFile | undefined {
    const m = COMMON_REF.exec(ref);
    return m?.[1] ? this.common.get(m[1]) : undefined;
  }

  /** The $defs entry a local $ref names, or undefined. */
  localTarget(ref: string, file: SchemaFile): Schema | undefined {
    if (!ref.startsWith("#/$defs/")) return undefined;
    const defs = file.schema["$defs"];
    const d = isSchema(defs) ? defs[ref.slice("#/$defs/".length)] : undefined;
    return isSchema(d) ? d : undefined;
  }

  link(f: SchemaFile): string {
    const title = str(f.schema, "title") || f.name;
    return `[${title}](#${anchor(title)})`;
  }

  typeOf(s: Schema, file: SchemaFile): string {
    const ref = str(s, "$ref");
    if (ref) {
      const c = this.commonTarget(ref);
      if (c) return this.link(c);
      const d = this.localTarget(ref, file);
      if (d) return this.typeOf(d, file);
      return ref;
    }
    if ("const" in s) return `const ${JSON.stringify(s["const"])}`;
    const e = s["enum"];
    if (Array.isArray(e)) return `enum: ${e.map((v) => code(String(v))).join(", ")}`;
    const base = this.extended(s, file);
    if (base) return `${base} +`;
    const t = str(s, "type");
    if (t === "array") {
      const items = s["items"];
      return isSchema(items) ? `array of ${this.typeOf(items, file)}` : "array";
    }
    const format = str(s, "format");
    const pattern = str(s, "pattern");
    return [t || "any", format ? `(${format})` : "", pattern ? code(pattern) : ""].filter(Boolean).join(" ");
  }

  /** A shared definition an object extends through allOf, e.g. a goods item with extra fields. */
  extended(s: Schema, file: SchemaFile): string {
    for (const a of schemas(s, "allOf")) {
      const c = this.commonTarget(str(a, "$ref"));
      if (c && !(file.kind === "canonical" && c.name === "envelope")) return this.link(c);
    }
    return "";
  }

  /** The object whose properties a field expands to: a local definition or an inline object. */
  expansion(s: Schema, file: SchemaFile): Schema | undefined {
    const ref = str(s, "$ref");
    if (ref) return this.localTarget(ref, file);
    if (str(s, "type") === "array") {
      const items = s["items"];
      return isSchema(items) ? this.expansion(items, file) : undefined;
    }
    return props(s).length > 0 ? s : undefined;
  }

  rows(s: Schema, file: SchemaFile, prefix: string, out: Row[]): Row[] {
    const required = requiredOf(s);
    for (const [key, p] of props(s)) {
      const path = `${prefix}/${key}`;
      out.push({
        path,
        type: this.typeOf(p, file),
        required: required.has(key),
        description: str(p, "description"),
        wco: str(p, "x-wco-id"),
        ubl: str(p, "x-ubl"),
        other: other(p),
      });
      const child = this.expansion(p, file);
      if (child) this.rows(child, file, str(p, "type") === "array" ? `${path}/*` : path, out);
    }
    return out;
  }

  table(s: Schema, file: SchemaFile): string[] {
    const rows = this.rows(s, file, "", []);
    if (rows.length === 0) return [];
    return [
      "| Field | Type | Req. | Description | WCO ID | UBL | UN/CEFACT · EN 16931 · other |",
      "|---|---|---|---|---|---|---|",
      ...rows.map(
        (r) =>
          `| ${code(r.path)} | ${cell(r.type)} | ${r.required ? "yes" : ""} | ${cell(r.description)} | ${cell(r.wco)} | ${cell(code(r.ubl))} | ${cell(r.other)} |`,
      ),
    ];
  }
}

function other(p: Schema): string {
  const parts: string[] = [];
  const un = str(p, "x-uncefact");
  if (un) parts.push(/^[0-9]{4}$/.test(un) ? `UNTDED ${un}` : un);
  const bt = str(p, "x-en16931");
  if (bt) parts.push(bt);
  const edi = str(p, "x-edifact");
  if (edi) parts.push(`EDIFACT ${edi}`);
  const swift = str(p, "x-swift");
  if (swift) parts.push(`SWIFT :${swift}:`);
  const dcsa = str(p, "x-dcsa");
  if (dcsa) parts.push(`DCSA ${dcsa}`);
  return parts.join("; ");
}

const INTRO = `# Canonical model v1

Generated from \`schemas/\` by \`npx tsx scripts/gen-model-docs.ts\`; do not edit by hand
(\`npm test\` checks that this file is current).

Every canonical document is one JSON object: the [envelope](#envelope) fields plus the fields of its
type. Schemas are JSON Schema 2020-12, validated by ajv in strict mode; objects are closed, so a
misspelt field is an error. Amounts are numbers in the document currency unless the field is an
[Amount](#amount); quantities and weights are \`{ value, unit }\` with UN/ECE Rec 20 units; dates are
ISO 8601.

## Reading the tables

- **Field**: a JSON Pointer from the document root; \`*\` stands for every array index.
- **Type**: links go to the shared definition; \`+\` means the shared definition plus the fields listed below it.
- **WCO ID**: the WCO Data Model (3.x) element ID. For a party or a location, whose element IDs
  depend on the role, the ID is given on the role as \`name/identifier\` (e.g. \`R014/R015\`: consignee
  name / consignee, coded; \`L009/L010\`: place of loading / place of loading, coded). Sources: the
  WCO Data Set v3 element list (016 UCR, 017 message function, 023 acceptance date, 004 reservation
  number); the EU ICS2 harmonised trader interface specifications, whose message tables give the WCO
  DM name and ID of each element (D005, D006, D011, D026, D029, R003/R004, R009/R010, R011/R012,
  R014/R015, R020/R021, R045/R046, R050/R051, R124/R123, 006, 063, 096, 102, 126, 128, 131, 137, 141,
  142, 144, 149, 152, 159, 165, 239-245, L003/L004, L009/L010, L011/L099, L012/L013, L069/L029, T006,
  T014, T022); and the WCO IDs stated in the UBL 2.5 schemas' business terms (062,
  114, 134, 145). Fields without a known WCO element have none rather than a guess.
- **UBL**: the UBL 2.x XPath, relative to the document element unless it starts from an aggregate.
- **UN/CEFACT · EN 16931 · other**: UN/CEFACT Trade Data Element Directory (UNTDED) numbers, EN 16931
  business terms and groups (BT-n, BG-n), SWIFT field tags (MT700 for the credit's terms, MT 750 /
  734 / 754 for bank events), DCSA Track & Trace attribute names.
`;

/** The model documentation, as docs/model.md holds it. */
export function generateModelDocs(root: string = ROOT): string {
  const commonFiles = readDir(join(root, "schemas", "common", "v1"), "common");
  const canonicalFiles = readDir(join(root, "schemas", "canonical", "v1"), "canonical");
  const docs = new Docs(commonFiles);
  const out: string[] = [INTRO.trimEnd(), ""];

  const envelope = commonFiles.find((f) => f.name === "envelope");
  if (envelope) {
    out.push("## Envelope", "", `Schema: \`schemas/common/v1/envelope.schema.json\`.`, "");
    out.push(cell(str(envelope.schema, "description")), "");
    out.push(...docs.table(envelope.schema, envelope), "");
  }

  out.push("## Document types", "");
  const documents = canonicalFiles.filter((f) => f.name !== "dossier");
  for (const f of documents)
    out.push(`- [${str(f.schema, "title")}](#${anchor(str(f.schema, "title"))}) (\`${f.name}\`)`);
  out.push("");
  for (const f of [...documents, ...canonicalFiles.filter((d) => d.name === "dossier")]) {
    const title = str(f.schema, "title");
    out.push(`### ${title}`, "");
    out.push(
      `Schema: \`schemas/canonical/v1/${f.name}.schema.json\`.`,
      "",
      cell(str(f.schema, "description")),
      "",
    );
    if (f.name !== "dossier") out.push("Carries the [envelope](#envelope) fields, and:", "");
    out.push(...docs.table(f.schema, f), "");
  }

  out.push("## Shared definitions", "");
  for (const f of commonFiles.filter((c) => c.name !== "envelope")) {
    const title = str(f.schema, "title") || f.name;
    out.push(`### ${title}`, "");
    out.push(
      `Schema: \`schemas/common/v1/${f.name}.schema.json\`.`,
      "",
      cell(str(f.schema, "description")),
      "",
    );
    const table = docs.table(f.schema, f);
    if (table.length > 0) out.push(...table, "");
    else out.push(`Type: ${cell(docs.typeOf(f.schema, f))}.`, "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = join(ROOT, "docs", "model.md");
  writeFileSync(target, generateModelDocs());
  console.log(`wrote ${target}`);
}
