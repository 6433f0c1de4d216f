import { ProblemError } from "../errors/index.js";
import type { Store } from "../ports/store.js";
import type { Principal } from "./types.js";

/** Regulators, operators and admins see across parties; their reads of documents are audited. */
export function seesAll(who: Principal): boolean {
  return who.role === "regulator" || who.role === "operator" || who.role === "admin";
}

/** An exporter sees what it submitted or what was submitted for it. */
export function ownsSubmission(who: Principal, s: { partyId: string; actingFor: string | null }): boolean {
  return s.partyId === who.partyId || s.actingFor === who.partyId;
}

export async function requireUcrAccess(store: Store, who: Principal, ucr: string): Promise<void> {
  if (seesAll(who)) return;
  if (who.role === "exporter") {
    const docs = await store.read.documents.listByUcr(ucr);
    if (docs.some((d) => d.issuerPartyId === who.partyId)) return;
  }
  // The same answer whether the consignment exists or not: no probing of others' UCRs.
  throw new ProblemError("SWG_NOT_FOUND", `no consignment ${ucr} visible to you`);
}

/** A regulator's or operator's read of a document is itself an audit event on its consignment. */
export async function auditRead(
  store: Store,
  who: Principal,
  ucr: string,
  documentId: string,
  what: string,
  at: Date,
): Promise<void> {
  if (!seesAll(who)) return;
  await store.unit((tx) =>
    tx.audit.append({
      chain: ucr,
      type: "document.read",
      at: at.toISOString(),
      actor: { partyId: who.partyId, role: who.role, credentialId: who.credentialId },
      subject: { documentId },
      data: { part: what },
    }),
  );
}
