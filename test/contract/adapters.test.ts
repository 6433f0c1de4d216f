import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { allowedFields, loadAdapters, relatedTypes } from "../../src/delivery/adapters.js";
import { isProblem } from "../../src/errors/index.js";
import { DOCUMENT_TYPES } from "../../src/model/canonical.js";
import { PARTNER_KINDS } from "../../src/ports/records.js";
import type { Adapter } from "../../src/ports/adapter.js";
import { ROOT } from "../helpers/corpora.js";
import {
  IDENTITY,
  formatProblem,
  garbage,
  partnerOf,
  renderFor,
  responseFixtures,
  validFixtures,
} from "./support.js";

/**
 * One contract, run over every adapter found under adapters/ (by folder, as the gateway finds
 * them): a new adapter is covered by adding its folder, its fixtures and nothing else.
 */
const registry = await loadAdapters();
const adapters = registry.list();

describe("adapter discovery", () => {
  it("finds every adapter folder with a manifest", () => {
    const ids = adapters.map((a) => a.manifest.id);
    expect(ids).toEqual(expect.arrayContaining(["customs-wco", "bank", "inspection"]));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe.each(adapters.map((a) => [a.manifest.id, a] as const))("adapter %s", (id, adapter: Adapter) => {
  const m = adapter.manifest;

  describe("manifest", () => {
    it("declares known types, a partner kind and a data grant for each rendered type", () => {
      expect(PARTNER_KINDS).toContain(m.partnerKind);
      for (const t of m.documentTypes) {
        expect(DOCUMENT_TYPES).toContain(t);
        expect(m.dataAccess[t], `dataAccess for ${t}`).toBeDefined();
      }
      for (const t of Object.keys(m.dataAccess)) expect(DOCUMENT_TYPES).toContain(t);
      for (const k of m.statusAccess ?? []) expect(PARTNER_KINDS).toContain(k);
      expect(m.formats.outbound.length).toBeGreaterThan(0);
      expect(m.formats.inbound.length).toBeGreaterThan(0);
    });

    it("declares statuses in its own category", () => {
      expect(m.statuses?.length ?? 0).toBeGreaterThan(0);
      for (const s of m.statuses ?? []) expect(s).toMatch(new RegExp(`^${m.partnerKind}\\.[a-z-]+$`));
    });

    it("has a config schema that compiles and accepts an empty profile", () => {
      const ajv = new Ajv2020({ strict: false });
      const validate = ajv.compile(m.configSchema);
      expect(validate({})).toBe(true);
      expect(validate({ surelyNotAnOption: 1 })).toBe(false);
    });

    it("is listed in docs/adapters.md with its formats and its need-to-know grant", () => {
      const doc = readFileSync(join(ROOT, "docs", "adapters.md"), "utf8");
      expect(doc).toContain(`(../adapters/${id}/README.md)`);
      for (const f of [...m.formats.outbound, ...m.formats.inbound]) expect(doc, f).toContain(`\`${f}\``);
      // Prettier pads the cells: compare them trimmed.
      const rows = doc
        .split("\n")
        .map((l) => l.split("|").map((c) => c.trim()))
        .filter((c) => c[1] === id);
      for (const [type, fields] of Object.entries(m.dataAccess)) {
        const row = rows.find((c) => c[2]!.split(" ")[0] === type);
        expect(row, `need-to-know row for ${type}`).toBeDefined();
        expect(row![3]!.split(",").map((x) => x.trim())).toEqual(fields.map((f) => f.slice(1)));
      }
    });

    it("documents every format it speaks in its README", () => {
      const readme = join(ROOT, "adapters", id, "README.md");
      expect(existsSync(readme)).toBe(true);
      const text = readFileSync(readme, "utf8");
      for (const f of [...m.formats.outbound, ...m.formats.inbound]) expect(text, f).toContain(f);
    });
  });

  describe("render", () => {
    const cases = m.documentTypes.flatMap((t) => validFixtures(t).map((f) => [f.name, f.doc] as const));

    it("has a valid fixture for every type it renders", () => {
      for (const t of m.documentTypes) expect(validFixtures(t).length, t).toBeGreaterThan(0);
    });

    it.each(cases)("renders %s well-formed in a declared format", (_name, doc) => {
      const { rendered } = renderFor(adapter, doc);
      expect(rendered.body.length).toBeGreaterThan(0);
      expect(m.formats.outbound).toContain(rendered.format);
      expect(formatProblem(rendered)).toBeUndefined();
      // The partner must be able to name what it answers.
      expect(rendered.body.toString("utf8")).toContain(doc.number);
      // Deterministic: a retry sends the same bytes.
      expect(renderFor(adapter, doc).rendered.body.equals(rendered.body)).toBe(true);
    });

    it.each(cases)("is given only what its manifest grants: %s", (_name, doc) => {
      const { input } = renderFor(adapter, doc);
      const allowed = (t: string) =>
        new Set([...IDENTITY, ...allowedFields(m, {}, t).map((p) => p.slice(1))]);
      for (const k of Object.keys(input.document)) expect(allowed(doc.type), `${doc.type}${k}`).toContain(k);
      for (const r of input.related ?? []) {
        expect(relatedTypes(m)).toContain(r.type);
        for (const k of Object.keys(r)) expect(allowed(r.type), `related ${r.type}/${k}`).toContain(k);
      }
      for (const s of input.statuses ?? []) expect(m.statusAccess ?? []).toContain(s.partnerKind);
      if (!m.statusAccess?.length) expect(input.statuses).toBeUndefined();
    });
  });

  describe("responses", () => {
    const fixtures = responseFixtures(id);

    it("has response fixtures covering every status it declares", () => {
      expect(fixtures.length).toBeGreaterThan(0);
      const covered = new Set(fixtures.map((f) => f.expect.status));
      for (const s of m.statuses ?? []) expect(covered, `a fixture answering ${s}`).toContain(s);
    });

    it.each(fixtures.map((f) => [f.name, f] as const))("parses %s into a declared status", (_n, f) => {
      const parsed = adapter.parseResponse({
        body: f.body,
        mediaType: f.expect.mediaType,
        partner: partnerOf(adapter),
      });
      expect(m.statuses).toContain(parsed.status);
      expect(parsed.status).toBe(f.expect.status);
      expect(parsed.correlation).toEqual(f.expect.correlation);
      expect(parsed.partnerMessageId).not.toBe("");
      if (f.expect.partnerMessageId) expect(parsed.partnerMessageId).toBe(f.expect.partnerMessageId);
      if (f.expect.details) expect(parsed.details).toMatchObject(f.expect.details);
      // A repeat is recognised by the partner's id, so it must be stable.
      const again = adapter.parseResponse({
        body: f.body,
        mediaType: f.expect.mediaType,
        partner: partnerOf(adapter),
      });
      expect(again.partnerMessageId).toBe(parsed.partnerMessageId);
    });

    const media = ["application/json", "application/xml", "application/edifact", "text/plain"];
    it.each(garbage().map((g) => [g.name, g.body] as const))("refuses %s with a ProblemError", (_n, body) => {
      for (const mediaType of media) {
        let thrown: unknown;
        try {
          adapter.parseResponse({ body, mediaType, partner: partnerOf(adapter) });
        } catch (e) {
          thrown = e;
        }
        expect(isProblem(thrown), `${mediaType}: ${String(thrown)}`).toBe(true);
        expect((thrown as { status: number }).status).toBeGreaterThanOrEqual(400);
        expect((thrown as { status: number }).status).toBeLessThan(500);
      }
    });
  });
});

describe("the registry", () => {
  it("accepts a type only for adapters whose manifest names it", () => {
    for (const a of adapters)
      for (const t of DOCUMENT_TYPES)
        expect(registry.accepts(a.manifest.id, t)).toBe(a.manifest.documentTypes.includes(t));
  });
});
