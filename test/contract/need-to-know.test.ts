import { describe, expect, it } from "vitest";
import { allowedFields, loadAdapters, relatedTypes } from "../../src/delivery/adapters.js";
import type { CanonicalDocument } from "../../src/model/canonical.js";
import type { Adapter, AdapterManifest } from "../../src/ports/adapter.js";
import { IDENTITY, consignment, renderFor, strings, validFixtures } from "./support.js";

/**
 * Need to know, proven on the bytes partners receive: every field an adapter's manifest does
 * not grant is filled with unique marker strings ("canaries"), the document and its whole
 * consignment are rendered the way the adapter host cuts them, and no canary may appear in what
 * the partner would receive.
 */
const adapters = (await loadAdapters()).list();

let counter = 0;
/** Every string leaf replaced by a fresh canary; returns the copy and its canaries. */
function poison(v: unknown, canaries: string[]): unknown {
  if (typeof v === "string") {
    const c = `ZQ${(counter++).toString(36).toUpperCase()}QZ`;
    canaries.push(c);
    return c;
  }
  if (Array.isArray(v)) return v.map((x) => poison(x, canaries));
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x, canaries)]));
  return v;
}

/** The document with every field this adapter's partner may not see poisoned. */
function poisonForbidden(doc: CanonicalDocument, m: AdapterManifest, canaries: string[]): CanonicalDocument {
  const granted = m.dataAccess[doc.type]
    ? new Set(allowedFields(m, {}, doc.type).map((p) => p.slice(1)))
    : undefined;
  return Object.fromEntries(
    Object.entries(doc).map(([k, v]) => {
      // A type not granted at all never reaches the partner, its identity included.
      const visible = granted ? IDENTITY.includes(k) || granted.has(k) : false;
      return [k, visible ? v : poison(v, canaries)];
    }),
  ) as CanonicalDocument;
}

function leaks(a: Adapter, doc: CanonicalDocument): { body: string; canaries: string[] } {
  const canaries: string[] = [];
  const target = poisonForbidden(doc, a.manifest, canaries);
  const docs = consignment().map((d) =>
    d.id === doc.id ? target : poisonForbidden(d, a.manifest, canaries),
  );
  const { rendered } = renderFor(a, target, [
    ...docs,
    ...(docs.some((d) => d.id === doc.id) ? [] : [target]),
  ]);
  return { body: rendered.body.toString("utf8"), canaries };
}

describe.each(adapters.map((a) => [a.manifest.id, a] as const))("need to know: %s", (_id, a) => {
  const cases = a.manifest.documentTypes.flatMap((t) => [
    ...validFixtures(t).map((f) => [f.name, f.doc] as const),
    ...consignment()
      .filter((d) => d.type === t && !validFixtures(t).some((f) => f.doc.id === d.id))
      .map((d) => [`${t} ${d.number} of the LC consignment`, d] as const),
  ]);

  it.each(cases)("no field outside its grant reaches the partner: %s", (_name, doc) => {
    const { body, canaries } = leaks(a, doc);
    expect(canaries.length).toBeGreaterThan(0);
    const found = canaries.filter((c) => body.includes(c));
    expect(found, `leaked: ${found.join(", ")}`).toEqual([]);
    // What the partner may see does arrive (the check above is not vacuous).
    expect(body).toContain(doc.number);
  });
});

describe("need to know: the check itself", () => {
  it("catches a partner handed fields outside its grant", () => {
    const bank = adapters.find((a) => a.manifest.id === "bank")!;
    const docs = consignment();
    const presentation = docs.find((d) => d.type === "lc-presentation")!;
    const canaries: string[] = [];
    const poisoned = docs.map((d) => poisonForbidden(d, bank.manifest, canaries));
    // The same adapter under a manifest that grants every field of every type it sees.
    const everything = Object.fromEntries(
      Object.keys(bank.manifest.dataAccess).map((t) => [
        t,
        [...new Set(docs.filter((d) => d.type === t).flatMap((d) => Object.keys(d)))].map((k) => `/${k}`),
      ]),
    );
    const wide: Adapter = { ...bank, manifest: { ...bank.manifest, dataAccess: everything } };
    const target = poisoned.find((d) => d.id === presentation.id)!;
    const body = renderFor(wide, target, poisoned).rendered.body.toString("utf8");
    expect(canaries.filter((c) => body.includes(c)).length).toBeGreaterThan(0);
  });
});

describe("need to know: across documents", () => {
  const docs = consignment();
  const declaration = docs.find((d) => d.type === "export-declaration")!;
  const presentation = docs.find((d) => d.type === "lc-presentation")!;
  const credit = presentation["credit"] as Record<string, unknown>;

  it("a bank does not get the customs declaration", () => {
    const bank = adapters.find((a) => a.manifest.id === "bank")!;
    expect(relatedTypes(bank.manifest)).not.toContain("export-declaration");
    const { input, rendered } = renderFor(bank, presentation, docs);
    expect((input.related ?? []).map((d) => d.type)).not.toContain("export-declaration");
    const body = rendered.body.toString("utf8");
    // Values only the declaration holds.
    const own = strings(declaration)
      .map((s) => s.value)
      .filter((v) => v.length >= 6 && !docs.some((d) => d !== declaration && JSON.stringify(d).includes(v)));
    expect(own.length).toBeGreaterThan(3);
    for (const v of own) expect(body, v).not.toContain(v);
    // The documents 46A names do reach it.
    expect(body).toContain(docs.find((d) => d.type === "bill-of-lading")!.number);
  });

  it("no partner but the bank gets the credit's terms", () => {
    const terms = [
      String(credit["number"]),
      String(credit["goodsDescription"]),
      ...(credit["documentsRequired"] as { text: string }[]).map((r) => r.text),
      String((credit["applicant"] as { name: string }).name),
      String((credit["issuingBank"] as { name: string }).name),
    ];
    for (const a of adapters.filter((x) => x.manifest.id !== "bank")) {
      for (const t of a.manifest.documentTypes) {
        for (const f of validFixtures(t)) {
          const body = renderFor(a, f.doc, docs).rendered.body.toString("utf8");
          for (const term of terms) expect(body, `${a.manifest.id} ${f.name}: ${term}`).not.toContain(term);
        }
      }
    }
  });

  it("a partner's profile narrows what it sees, never widens it", () => {
    const customs = adapters.find((a) => a.manifest.id === "customs-wco")!;
    const partner = {
      id: "customs-narrow",
      name: "Narrow",
      kind: "customs",
      profile: { dataAccess: { "export-declaration": ["/exporter", "/goodsItems", "/lcTerms"] } },
    };
    const { input } = renderFor(customs, declaration, docs, partner);
    expect(
      Object.keys(input.document)
        .filter((k) => !IDENTITY.includes(k))
        .sort(),
    ).toEqual(["exporter", "goodsItems"]);
  });
});
