import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CanonicalDocument } from "../../../src/model/canonical.js";
import {
  derive,
  type DeriveConfig,
  type DerivedDocument,
  type TraderSupplied,
} from "../../../src/pipeline/derive/index.js";
import { DEFAULT_RULES_CONFIG, runRules } from "../../../src/pipeline/validate/rules/index.js";
import { loadSchemas } from "../../../src/pipeline/validate/schemas.js";
import { projectRoot } from "../../../src/util/root.js";
import { loadFixture } from "../rules/fixture.js";

const DIR = join(projectRoot(), "test", "fixtures", "derive");
const CONFIG = JSON.parse(readFileSync(join(DIR, "config.json"), "utf8")) as DeriveConfig;
const CASES = ["fob-no-inspection", "cif-inspection", "lc-financed"] as const;

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

function run(
  name: string,
  supplied?: TraderSupplied,
): { dossier: CanonicalDocument[]; derived: DerivedDocument[] } {
  const dossier = loadFixture(join(DIR, name, "dossier.json")).documents;
  const suppliedPath = join(DIR, name, "supplied.json");
  const trader = supplied ?? (existsSync(suppliedPath) ? readJson<TraderSupplied>(suppliedPath) : {});
  return { dossier, derived: derive(dossier, CONFIG, trader) };
}

/** Every leaf of a JSON value by its JSON Pointer: what "field by field" compares. */
function leaves(value: unknown, pointer = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    if (entries.length === 0) out.set(pointer, Array.isArray(value) ? [] : {});
    for (const [k, v] of entries) leaves(v, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, out);
  } else out.set(pointer, value);
  return out;
}

/** The differences between two JSON values, one line per differing field. */
function fieldDiff(expected: unknown, actual: unknown): string[] {
  const e = leaves(expected);
  const a = leaves(actual);
  const out: string[] = [];
  for (const [p, v] of e) {
    if (!a.has(p)) out.push(`${p}: missing (expected ${JSON.stringify(v)})`);
    else if (JSON.stringify(a.get(p)) !== JSON.stringify(v))
      out.push(`${p}: ${JSON.stringify(a.get(p))}, expected ${JSON.stringify(v)}`);
  }
  for (const [p, v] of a) if (!e.has(p)) out.push(`${p}: unexpected ${JSON.stringify(v)}`);
  return out;
}

/** What the gateway adds when it stores a derived document. */
function stored(d: DerivedDocument, i: number): CanonicalDocument {
  return {
    ...d.document,
    id: `0195c000-0000-7000-8000-${String(i).padStart(12, "0")}`,
    version: 1,
    original: { format: "derived", mediaType: "application/json", digest: `sha256:${"0".repeat(63)}1` },
  };
}

describe.each(CASES)("derivation from the %s dossier", (name) => {
  const { dossier, derived } = run(name);
  const expectedDir = join(DIR, name, "expected");

  it("derives exactly the documents the expected files name", () => {
    const files = readdirSync(expectedDir)
      .map((f) => f.replace(/\.json$/, ""))
      .sort();
    expect(derived.map((d) => d.document.type).sort()).toEqual(files);
  });

  it.each(readdirSync(expectedDir))("%s matches field by field, with its provenance", (file) => {
    const actual = derived.find((d) => `${d.document.type}.json` === file);
    expect(fieldDiff(readJson(join(expectedDir, file)), actual)).toEqual([]);
  });

  it("gives every field of every derived document a provenance", () => {
    for (const d of derived) {
      const covered = d.provenance.map((p) => p.pointer);
      for (const pointer of leaves(d.document).keys()) {
        expect(
          covered.some((c) => pointer === c || pointer.startsWith(`${c}/`)),
          `${d.document.type} ${pointer}`,
        ).toBe(true);
      }
      for (const p of d.provenance) {
        for (const s of p.sources)
          expect(dossier.some((x) => x.id === s.id && x.type === s.type && x.number === s.number)).toBe(true);
      }
    }
  });

  it("derives schema-valid documents that raise no rule error against their dossier", () => {
    const schemas = loadSchemas();
    const docs = derived.map(stored);
    for (const d of docs) expect(schemas.validator(d.type)!(d), d.type).toBe(true);
    const errors = runRules(docs, dossier, {
      now: new Date("2025-06-30T00:00:00Z"),
      config: DEFAULT_RULES_CONFIG,
    }).filter((i) => i.severity === "error");
    expect(errors).toEqual([]);
  });
});

describe("trader-supplied fields", () => {
  it("override the derived value, and the provenance says so", () => {
    const { derived } = run("cif-inspection");
    const dec = derived.find((d) => d.document.type === "export-declaration")!;
    expect(dec.document["declarant"]).toMatchObject({
      name: "Zhanjiang Example Customs Brokerage Co., Ltd.",
    });
    const declarant = dec.provenance.filter(
      (p) => p.pointer === "/declarant" || p.pointer.startsWith("/declarant/"),
    );
    expect(declarant).toEqual([
      { pointer: "/declarant", origin: "trader", sources: [], note: "supplied by trader" },
    ]);
  });

  it("can replace a derived leaf", () => {
    const { derived } = run("fob-no-inspection", { "shipping-instruction": { "/freightTerms": "prepaid" } });
    const si = derived.find((d) => d.document.type === "shipping-instruction")!;
    expect(si.document["freightTerms"]).toBe("prepaid");
    expect(si.provenance.filter((p) => p.pointer === "/freightTerms")).toEqual([
      { pointer: "/freightTerms", origin: "trader", sources: [], note: "supplied by trader" },
    ]);
  });
});

describe("shipment data", () => {
  it("falls back to the Incoterms place (port of shipment under FOB) and reports what no document gives", () => {
    const dossier = loadFixture(join(DIR, "fob-no-inspection", "dossier.json")).documents.map((d) => {
      const { portOfLoading: _l, portOfDischarge: _d, ...rest } = d;
      return rest;
    });
    const si = derive(dossier, CONFIG).find((d) => d.document.type === "shipping-instruction")!;
    expect(si.document["portOfLoading"]).toEqual({ locode: "CNYTN", name: "Yantian" });
    expect(si.provenance.find((p) => p.pointer === "/portOfLoading")).toMatchObject({
      sources: [{ type: "commercial-invoice", pointer: "/incoterms/place" }],
      note: "the named place of FOB is the port of shipment",
    });
    expect(si.missing).toEqual(["/portOfDischarge"]);
  });

  it("derives nothing without an invoice", () => {
    const pl = loadFixture(join(DIR, "fob-no-inspection", "dossier.json")).documents.filter(
      (d) => d.type === "packing-list",
    );
    expect(derive(pl, CONFIG)).toEqual([]);
  });
});
