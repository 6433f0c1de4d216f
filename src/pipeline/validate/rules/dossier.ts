import type { CanonicalDocument, DocumentType } from "../../../model/canonical.js";
import type { DocEntry } from "./types.js";

const NONE: readonly DocEntry[] = [];

/** The documents of one run indexed by type, built once per run. */
export class Dossier {
  readonly entries: DocEntry[] = [];
  private readonly byType = new Map<DocumentType, DocEntry[]>();

  constructor(documents: readonly CanonicalDocument[], related: readonly CanonicalDocument[]) {
    for (let i = 0; i < documents.length; i++) this.push({ doc: documents[i]!, index: i, facts: undefined });
    for (const doc of related) {
      if (!this.supersededBySubmission(doc, documents))
        this.push({ doc, index: undefined, facts: undefined });
    }
  }

  /** A stored version that a submitted document replaces (same lineage or same type and number) is not context. */
  private supersededBySubmission(doc: CanonicalDocument, documents: readonly CanonicalDocument[]): boolean {
    for (const d of documents) {
      if (d.supersedes === doc.id || d.id === doc.id) return true;
      if (d.type === doc.type && d.number === doc.number) return true;
    }
    return false;
  }

  private push(e: DocEntry): void {
    this.entries.push(e);
    const list = this.byType.get(e.doc.type);
    if (list) list.push(e);
    else this.byType.set(e.doc.type, [e]);
  }

  of(type: DocumentType): readonly DocEntry[] {
    return this.byType.get(type) ?? NONE;
  }

  /** The one document of a type, when the dossier holds exactly one. */
  single(type: DocumentType): DocEntry | undefined {
    const l = this.byType.get(type);
    return l?.length === 1 ? l[0] : undefined;
  }

  /**
   * The document of `type` that `from` belongs with: the one `from` references by number, else the one
   * referencing `from`, else the only one of that type.
   */
  counterpart(from: DocEntry, type: DocumentType): DocEntry | undefined {
    const list = this.byType.get(type);
    if (!list) return undefined;
    const refs = from.doc.references;
    if (refs) {
      for (const r of refs) {
        if (r.type !== type) continue;
        for (const e of list) if (e.doc.number === r.number || e.doc.id === r.id) return e;
      }
    }
    if (type === "commercial-invoice") {
      for (const n of invoiceNumbersNamedBy(from.doc)) for (const e of list) if (e.doc.number === n) return e;
    }
    for (const e of list) {
      const back = e.doc.references;
      if (
        back?.some((r) => r.type === from.doc.type && (r.number === from.doc.number || r.id === from.doc.id))
      ) {
        return e;
      }
    }
    return list.length === 1 ? list[0] : undefined;
  }
}

/** The invoice numbers a document names in its own fields (the model gives several types such a field). */
function invoiceNumbersNamedBy(doc: CanonicalDocument): string[] {
  const out: string[] = [];
  const one = doc["invoiceNumber"];
  if (typeof one === "string") out.push(one);
  const many = doc["invoiceNumbers"];
  if (Array.isArray(many)) for (const n of many) if (typeof n === "string") out.push(n);
  const inv = doc["invoice"];
  if (inv !== null && typeof inv === "object" && typeof (inv as { number?: unknown }).number === "string") {
    out.push((inv as { number: string }).number);
  }
  const refs = doc["invoices"];
  if (Array.isArray(refs)) {
    for (const r of refs)
      if (r !== null && typeof r === "object" && typeof (r as { number?: unknown }).number === "string")
        out.push((r as { number: string }).number);
  }
  return out;
}
