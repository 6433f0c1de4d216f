import type { CanonicalDocument, DraftDocument } from "../../model/canonical.js";

type Obj = Record<string, unknown>;

/** Envelope fields the gateway owns for every version; an amendment never inherits them. */
const GATEWAY_OWNED = new Set(["schemaVersion", "id", "version", "original", "supersedes"]);
/** Fields the amendment itself decides. */
const OWN = new Set(["number", "issuedAt", "issuer", "functionCode", "references", "notes"]);

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Objects merge field by field; anything else (values, lists) is replaced by the change. */
function merge(base: unknown, change: unknown): unknown {
  if (!isObj(base) || !isObj(change)) return change;
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(change)) out[k] = merge(base[k], v);
  return out;
}

/** Goods items change by sequence number (WCO pointers address items by SequenceNumeric); new ones are added. */
function mergeItems(base: unknown, change: unknown): unknown {
  if (!Array.isArray(base) || !Array.isArray(change)) return change ?? base;
  const bySeq = new Map<unknown, unknown>(base.map((it) => [isObj(it) ? it["sequence"] : undefined, it]));
  for (const it of change) {
    const seq = isObj(it) ? it["sequence"] : undefined;
    bySeq.set(seq, merge(bySeq.get(seq), it));
  }
  return [...bySeq.values()].sort(
    (a, b) =>
      ((isObj(a) ? (a["sequence"] as number) : 0) ?? 0) - ((isObj(b) ? (b["sequence"] as number) : 0) ?? 0),
  );
}

/**
 * Completes a WCO DEC amendment or cancellation (ReadDocument.delta) from the current version
 * it supersedes: an amendment is that version with the changes applied (values and
 * aggregates replaced, goods items matched by sequence, new items added); a cancellation is
 * that version marked cancelled. The document keeps its number; the request's own reference
 * joins the references, its reasons the notes. Deletions addressed only by pointer
 * (Amendment/Pointer without data) are not applied: the pointers stay in the mapping report.
 */
export function completeAmendment(prior: CanonicalDocument, delta: DraftDocument): DraftDocument {
  const out: Obj = {};
  for (const [k, v] of Object.entries(prior)) if (!GATEWAY_OWNED.has(k)) out[k] = v;
  if (delta.functionCode !== "cancellation") {
    for (const [k, v] of Object.entries(delta)) {
      if (OWN.has(k)) continue;
      out[k] = k === "goodsItems" ? mergeItems(out[k], v) : merge(out[k], v);
    }
  } else if (delta["mrn"] !== undefined) {
    out["mrn"] = delta["mrn"];
  }
  out["functionCode"] = delta.functionCode ?? "replacement";
  out["issuedAt"] = delta.issuedAt || prior.issuedAt;
  if (delta.issuer.name) out["issuer"] = delta.issuer;
  const refs = [...(prior.references ?? []), ...(delta.references ?? [])];
  if (refs.length > 0) out["references"] = refs;
  const notes = [
    ...((prior["notes"] as string[] | undefined) ?? []),
    ...((delta["notes"] as string[] | undefined) ?? []),
  ];
  if (notes.length > 0) out["notes"] = notes;
  return out as DraftDocument;
}
