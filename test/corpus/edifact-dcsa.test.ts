import { describe, expect, it } from "vitest";
import type { ProblemError } from "../../src/errors/index.js";
import { listCorpus, readCorpus } from "../helpers/corpora.js";
import { ingest, refusal } from "./ingest.js";
import { loadManifest, type Entry } from "./manifest.js";

/**
 * The UN/EDIFACT and DCSA sets of the corpus manifest: every file behaves as its entry says.
 * become: ingests (sniff → normalize → enrich → schema) to `documents` schema-valid documents of
 * `type`, with no mapping error; rejected: maps, but validation fails at `pointers`; broken,
 * unsupported, template: refused with `code`, and `match` names the problem (in the detail, an
 * issue's text, or its rule id, e.g. EDIFACT-0085-29 for a wrong count).
 */
const manifest = loadManifest();
const sections = ["edifact", "dcsa"].map((s) => manifest.sections[s]!);

const mediaType = (path: string) =>
  path.endsWith(".json")
    ? "application/json"
    : /\.(md|yaml|pdf)$/.test(path)
      ? "text/plain"
      : "application/edifact";

const names = (e: ProblemError, match: string) =>
  e.message.includes(match) || e.issues.some((i) => i.ruleId === match || i.message.includes(match));

function check(set: string, path: string, e: Entry): string | undefined {
  const bytes = readCorpus(`${set}/${path}`);
  switch (e.expect) {
    case "become": {
      let detail: string | undefined;
      const err = refusal(() => {
        const run = ingest(bytes, mediaType(path));
        const wrong = [
          ...run.problems.map((p) => `${p.pointer ?? p.location ?? ""}: ${p.message}`),
          ...run.docs.filter((d) => d.canonical.type !== e.type).map((d) => `type ${d.canonical.type}`),
          ...(run.docs.length !== (e.documents ?? 1)
            ? [`${run.docs.length} documents, expected ${e.documents ?? 1}`]
            : []),
        ];
        detail = wrong.length > 0 ? wrong.slice(0, 4).join("; ") : undefined;
      });
      return err ? `refused ${err.code}: ${err.message}` : detail;
    }
    case "rejected": {
      let pointers: string[] = [];
      const err = refusal(() => {
        pointers = ingest(bytes, mediaType(path)).problems.map((p) => p.pointer ?? "");
      });
      if (err) return `refused ${err.code}: ${err.message}`;
      const missing = (e.pointers ?? []).filter((p) => !pointers.includes(p));
      return missing.length > 0 || pointers.length === 0 ? `no finding at ${missing.join(", ")}` : undefined;
    }
    case "broken":
    case "unsupported":
    case "template":
    case "harness": {
      const err = refusal(() => ingest(bytes, mediaType(path)));
      if (!err) return "accepted";
      if (err.code !== e.code) return `${err.code}: ${err.message}`;
      return e.match === undefined || names(err, e.match) ? undefined : `no "${e.match}" in ${err.message}`;
    }
    case "not-a-document":
    case "delegated":
      return undefined;
  }
}

describe("corpus manifest: UN/EDIFACT and DCSA sets", () => {
  it("names every file of each set, and only files that exist, with a reason for each exclusion", () => {
    for (const section of sections)
      for (const [set, files] of Object.entries(section.sets)) {
        const onDisk = listCorpus(set).map((f) => f.slice(set.length + 1));
        expect(onDisk.length, `${set} is present`).toBeGreaterThan(0);
        expect(Object.keys(files).sort(), set).toEqual(onDisk.sort());
        for (const [path, e] of Object.entries(files))
          if (e.expect !== "become") expect(e.why, `${set}/${path}`).toBeTruthy();
      }
  });

  for (const section of sections)
    for (const [set, files] of Object.entries(section.sets))
      it(`${set}: every file behaves as the manifest says`, () => {
        const counts = new Map<string, number>();
        let documents = 0;
        const failures: string[] = [];
        for (const [path, e] of Object.entries(files)) {
          counts.set(e.expect, (counts.get(e.expect) ?? 0) + 1);
          if (e.expect === "become") documents += e.documents ?? 1;
          const wrong = check(set, path, e);
          if (wrong) failures.push(`${path} (${e.expect}): ${wrong}`);
        }
        console.log(
          `${set}: ${[...counts].map(([k, v]) => `${k} ${v}`).join(", ")}; ${documents} canonical documents`,
        );
        expect(failures).toEqual([]);
      });
});
