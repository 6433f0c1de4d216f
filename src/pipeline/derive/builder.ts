import type { CanonicalDocument } from "../../model/canonical.js";
import type { DerivedCanonical, DerivedDocument, FieldProvenance, SourceRef } from "./types.js";

/** A field of a source document: where a derived value is read. */
export interface At {
  readonly doc: CanonicalDocument;
  readonly pointer: string;
}

export function ref(at: At): SourceRef {
  return { type: at.doc.type, number: at.doc.number, id: at.doc.id, pointer: at.pointer };
}

function unescape(seg: string): string {
  return seg.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Sets `value` at `pointer`, creating objects (or arrays, before a numeric segment) on the way. */
function setAt(root: Record<string, unknown>, pointer: string, value: unknown): void {
  const segs = pointer.split("/").slice(1).map(unescape);
  let node: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < segs.length - 1; i++) {
    const key = segs[i]!;
    const nextIsIndex = /^\d+$/.test(segs[i + 1]!);
    const container = node as Record<string, unknown>;
    let child = container[key];
    if (child === undefined || child === null || typeof child !== "object") {
      child = nextIsIndex ? [] : {};
      container[key] = child;
    }
    node = child as Record<string, unknown> | unknown[];
  }
  (node as Record<string, unknown>)[segs[segs.length - 1]!] = value;
}

/** Builds one derived document, recording the provenance of every field it sets. */
export class DraftBuilder {
  private readonly doc: Record<string, unknown> = {};
  private provenance: FieldProvenance[] = [];
  private readonly missing: string[] = [];
  /** Every document a field was read from, by id, in order of first use. */
  private readonly used = new Map<string, CanonicalDocument>();

  private use(at: At): SourceRef {
    if (!this.used.has(at.doc.id)) this.used.set(at.doc.id, at.doc);
    return ref(at);
  }

  /** Copies a source field; nothing when the source does not have it. */
  copy(pointer: string, value: unknown, at: At, note?: string): boolean {
    if (value === undefined) return false;
    setAt(this.doc, pointer, structuredClone(value));
    this.provenance.push({
      pointer,
      origin: "document",
      sources: [this.use(at)],
      ...(note !== undefined ? { note } : {}),
    });
    return true;
  }

  /** Copies the first source that has the field, in order of authority. */
  first(pointer: string, candidates: readonly (readonly [unknown, At, string?])[]): boolean {
    for (const [value, at, note] of candidates) if (this.copy(pointer, value, at, note)) return true;
    return false;
  }

  computed(pointer: string, value: unknown, from: readonly At[], note: string): void {
    setAt(this.doc, pointer, value);
    this.provenance.push({ pointer, origin: "computed", sources: from.map((a) => this.use(a)), note });
  }

  config(pointer: string, value: unknown, key: string): void {
    if (value === undefined) return;
    setAt(this.doc, pointer, value);
    this.provenance.push({ pointer, origin: "config", sources: [], note: `DeriveConfig.${key}` });
  }

  /** A required field no source supplies: reported as missing unless the trader supplies it. */
  need(pointer: string): void {
    this.missing.push(pointer);
  }

  /**
   * Applies the trader's fields over the derived ones, then dates the document and lists its references
   * from the documents its remaining fields were read from: the derived document is as of its newest source.
   */
  build(supplied: Readonly<Record<string, unknown>> | undefined): DerivedDocument {
    const overrides = Object.entries(supplied ?? {});
    for (const [pointer] of overrides) {
      this.provenance = this.provenance.filter(
        (p) => p.pointer !== pointer && !p.pointer.startsWith(`${pointer}/`),
      );
    }
    const sources = new Set<string>();
    for (const p of this.provenance) for (const r of p.sources) sources.add(r.id);
    const docs = [...this.used.values()].filter((d) => sources.has(d.id));
    let date = "";
    for (const d of docs) if (d.issuedAt.slice(0, 10) > date) date = d.issuedAt.slice(0, 10);
    this.computed(
      "/issuedAt",
      date,
      docs.map((doc) => ({ doc, pointer: "/issuedAt" })),
      "the latest issue date of the source documents",
    );
    this.computed(
      "/references",
      docs.map((d) => ({ type: d.type, number: d.number, id: d.id })),
      docs.map((doc) => ({ doc, pointer: "" })),
      "the documents the fields were derived from",
    );
    for (const [pointer, value] of overrides) {
      setAt(this.doc, pointer, structuredClone(value));
      this.provenance = this.provenance.filter(
        (p) => p.pointer !== pointer && !p.pointer.startsWith(`${pointer}/`),
      );
      this.provenance.push({ pointer, origin: "trader", sources: [], note: "supplied by trader" });
      const i = this.missing.indexOf(pointer);
      if (i >= 0) this.missing.splice(i, 1);
    }
    return {
      // The envelope fields were set by envelope() and build(); the schemas check the rest.
      document: this.doc as unknown as DerivedCanonical,
      provenance: this.provenance,
      missing: this.missing,
    };
  }
}
