import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { isProblem, type Issue } from "../errors/index.js";
import type { MappingReport } from "../formats/mapping.js";
import type { CanonicalDocument } from "../model/canonical.js";
import { enrich } from "../pipeline/enrich.js";
import { normalize } from "../pipeline/ingest/normalize.js";
import { sniff } from "../pipeline/ingest/sniff.js";
import { newUcr } from "../pipeline/resolve.js";
import type { PreparedDoc } from "../pipeline/types.js";
import { validate } from "../pipeline/validate/index.js";
import { DEFAULT_RULES_CONFIG, runRules } from "../pipeline/validate/rules/index.js";
import { loadSchemas, type SchemaSet } from "../pipeline/validate/schemas.js";

/** One file's outcome, as `swg ingest --json` prints it (one object per line). */
export interface IngestResult {
  readonly file: string;
  readonly format: string | null;
  readonly ok: boolean;
  /** The canonical document, or the documents when the original carries several (a CEB message). */
  readonly document: CanonicalDocument | CanonicalDocument[] | null;
  readonly report: MappingReport | MappingReport[] | null;
  readonly problems: readonly Issue[];
}

/** What only the gateway knows when it correlates a partner's status event with a delivery. */
const CORRELATION = new Set(["/answers/documentId", "/answers/deliveryId", "/partnerId", "/issuer/name"]);

function one<T>(xs: readonly T[]): T | T[] | null {
  return xs.length === 0 ? null : xs.length === 1 ? xs[0]! : [...xs];
}

/**
 * A dry run of one file: sniff (by content, never the file name), read, fill the envelope as
 * the pipeline would (a fresh UCR when the document names none), validate against the
 * schema and the rule catalogue. Nothing is stored or sent.
 */
export function ingestFile(file: string, schemas: SchemaSet, now: Date = new Date()): IngestResult {
  const bytes = readFileSync(file);
  let prepared: PreparedDoc[] = [];
  try {
    const parts = [{ index: 0, bytes, mediaType: "application/octet-stream" }];
    const docs = normalize(parts, new Map([[0, sniff(bytes, undefined)]]));
    const first = docs[0]?.read.draft;
    const country = first?.issuer.address?.country;
    const ucr =
      first?.ucr ??
      newUcr(
        now,
        country && /^[A-Z]{2}$/.test(country) ? country : "XX",
        first?.issuer.identifiers?.[0]?.value ?? "DRYRUN",
      );
    prepared = enrich(docs, { ucr, supersedes: new Map(), related: [] }, now);
    const findings = validate(
      prepared,
      [],
      schemas,
      (d, related, at) => runRules(d, related, { now: at, config: DEFAULT_RULES_CONFIG }),
      now,
    );
    const statusEvent = (i: Issue) => prepared[i.document ?? 0]?.canonical.type === "status-event";
    // A status event's correlation (and an amendment's predecessor) is resolved against the store, which a dry run has not.
    const dryRunOnly = (i: Issue) =>
      (statusEvent(i) && i.pointer !== undefined && CORRELATION.has(i.pointer)) ||
      (i.pointer === "/supersedes" && i.ruleId === "SCHEMA-required") ||
      (i.pointer === "/version" && prepared[i.document ?? 0]?.canonical.functionCode !== "original");
    const problems = [...findings.errors, ...findings.warnings].filter((i) => !dryRunOnly(i));
    return {
      file,
      format: prepared[0]?.canonical.original.format ?? null,
      ok: findings.errors.every(dryRunOnly),
      document: one(prepared.map((d) => d.canonical)),
      report: one(prepared.map((d) => d.report)),
      problems,
    };
  } catch (e) {
    if (!isProblem(e)) throw e;
    return {
      file,
      format: null,
      ok: false,
      document: null,
      report: null,
      problems: e.issues.length > 0 ? e.issues : [{ message: e.message, ruleId: e.code, severity: "error" }],
    };
  }
}

function print(r: IngestResult): void {
  console.log(`${r.ok ? "ACCEPTED" : "REJECTED"}  ${r.file}  (${r.format ?? "not recognised"})`);
  const reports = r.report === null ? [] : Array.isArray(r.report) ? r.report : [r.report];
  for (const rep of reports) {
    console.log(
      `  mapping (${rep.reader}): ${rep.unmapped.length} unmapped, ${rep.defaults.length} defaults`,
    );
    for (const u of rep.unmapped.slice(0, 20)) console.log(`    unmapped ${u.path}`);
    if (rep.unmapped.length > 20) console.log(`    … ${rep.unmapped.length - 20} more`);
    for (const d of rep.defaults)
      console.log(`    default  ${d.pointer} = ${JSON.stringify(d.value)}: ${d.reason}`);
  }
  for (const p of r.problems)
    console.log(
      `  ${p.severity ?? "error"}  ${p.ruleId ?? ""}  ${p.pointer ?? ""}${p.xpath ? ` (${p.xpath})` : ""}  ${p.message}`,
    );
  if (r.document !== null) console.log(JSON.stringify(r.document, null, 2));
}

/** `swg ingest FILE… [--json]`: try files against the readers and validation without a server. */
export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .description(
      "dry run: read files as the gateway would and show the canonical document, mapping report and findings",
    )
    .argument("<files...>", "original documents (UBL, CII, WCO DM, CEB, EDIFACT, canonical JSON)")
    .option("--json", "one JSON object per file: {file, format, ok, document, report, problems}")
    .action((files: string[], o: { json?: boolean }) => {
      const schemas = loadSchemas();
      let rejected = 0;
      for (const file of files) {
        let r: IngestResult;
        try {
          r = ingestFile(file, schemas);
        } catch (e) {
          r = {
            file,
            format: null,
            ok: false,
            document: null,
            report: null,
            problems: [{ message: (e as Error).message, severity: "error" }],
          };
        }
        if (!r.ok) rejected++;
        if (o.json) console.log(JSON.stringify(r));
        else print(r);
      }
      if (rejected > 0) process.exitCode = 1;
    });
}
