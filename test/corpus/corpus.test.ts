import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES_CONFIG, runRules } from "../../src/pipeline/validate/rules/index.js";
import { listCorpus, readCorpus } from "../helpers/corpora.js";
import { ingest, refusal } from "./ingest.js";
import { loadManifest, manifestPath, type Entry } from "./manifest.js";

const manifest = loadManifest();
const xml = manifest.sections["xml"]!;

function bytesOf(set: string, path: string): Buffer {
  const p = manifestPath(set, path);
  return "fixture" in p ? readFileSync(p.fixture) : readCorpus(p.corpus);
}

function mediaTypeOf(path: string): string {
  return path.endsWith(".json") ? "application/json" : "application/xml";
}

interface Outcome {
  readonly ok: boolean;
  readonly detail: string;
  readonly ruleErrors: number;
}

/** Runs one manifest entry and says whether the file behaved as the manifest says. */
function check(set: string, path: string, e: Entry): Outcome {
  const bytes = bytesOf(set, path);
  switch (e.expect) {
    case "become": {
      const prior = e.after
        ? ingest(bytesOf(set, e.after), mediaTypeOf(e.after)).docs[0]?.canonical
        : undefined;
      const run = ingest(bytes, mediaTypeOf(path), prior);
      const docs = run.docs.map((d) => d.canonical);
      const wrong = [
        ...run.problems.map((p) => `${p.pointer ?? p.xpath ?? ""}: ${p.message}`),
        ...docs.filter((d) => d.type !== e.type).map((d) => `type ${d.type}, expected ${e.type}`),
        ...(docs.length !== (e.documents ?? 1)
          ? [`${docs.length} documents, expected ${e.documents ?? 1}`]
          : []),
        ...(e.functionCode
          ? docs
              .filter(
                (d) => d.functionCode !== e.functionCode || d.supersedes !== prior?.id || d.version !== 2,
              )
              .map(
                (d) =>
                  `functionCode ${d.functionCode} v${d.version}, expected ${e.functionCode} v2 superseding the prior`,
              )
          : []),
      ];
      const ruleErrors = runRules(docs, [], {
        now: new Date("2026-01-15T10:00:00Z"),
        config: DEFAULT_RULES_CONFIG,
      }).filter((i) => i.severity !== "warning").length;
      return { ok: wrong.length === 0, detail: wrong.slice(0, 5).join("; "), ruleErrors };
    }
    case "rejected":
    case "template": {
      let pointers: string[] = [];
      const err = refusal(() => {
        pointers = ingest(bytes, mediaTypeOf(path)).problems.map((p) => p.pointer ?? "");
      });
      const missing = (e.pointers ?? []).filter((p) => !pointers.includes(p));
      const ok = !err && pointers.length > 0 && missing.length === 0;
      return {
        ok,
        detail: err ? `refused: ${err.message}` : `missing findings at ${missing.join(", ")}`,
        ruleErrors: 0,
      };
    }
    case "unsupported":
    case "harness":
    case "broken": {
      const err = refusal(() => ingest(bytes, mediaTypeOf(path)));
      const ok =
        err !== undefined && err.code === e.code && (e.match === undefined || err.message.includes(e.match));
      return { ok, detail: err ? `${err.code}: ${err.message}` : "accepted", ruleErrors: 0 };
    }
    case "not-a-document":
    case "delegated":
      return { ok: true, detail: "", ruleErrors: 0 };
  }
}

describe("corpus manifest", () => {
  it("names every file of the XML sets, and only files that exist", () => {
    for (const [set, files] of Object.entries(xml.sets)) {
      const onDisk = listCorpus(set).map((f) => f.slice(set.length + 1));
      expect(onDisk.length, `${set} is present`).toBeGreaterThan(0);
      expect(Object.keys(files).sort(), set).toEqual(onDisk.sort());
    }
  });

  it("gives a reason for every exclusion", () => {
    for (const files of Object.values(xml.sets))
      for (const [path, e] of Object.entries(files))
        if (e.expect !== "become") expect(e.why, path).toBeTruthy();
  });
});

describe("corpus: every file behaves as the manifest says", () => {
  const summary: string[] = [];
  for (const [set, files] of Object.entries(xml.sets)) {
    it(set, () => {
      const counts = new Map<string, number>();
      const failures: string[] = [];
      let ruleErrors = 0;
      let documentsWithRuleErrors = 0;
      for (const [path, e] of Object.entries(files)) {
        const out = check(set, path, e);
        counts.set(e.expect, (counts.get(e.expect) ?? 0) + 1);
        if (!out.ok) failures.push(`${path} (${e.expect}): ${out.detail}`);
        ruleErrors += out.ruleErrors;
        if (out.ruleErrors > 0) documentsWithRuleErrors++;
      }
      const line = `${set}: ${[...counts].map(([k, v]) => `${k} ${v}`).join(", ")}; files with rule errors ${documentsWithRuleErrors} (${ruleErrors} errors)`;
      summary.push(line);
      console.log(line);
      expect(failures).toEqual([]);
    });
  }
});
