import { ProblemError } from "../errors/index.js";
import type { PartyRecord } from "../ports/records.js";
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

/**
 * What a regulator supervises, from its party profile's `jurisdiction`: the partners whose traffic
 * it sees (e.g. one customs authority) and the countries of the parties whose register entries it
 * sees. Undefined for everyone else, and for a regulator without one: it sees everything.
 */
export interface Jurisdiction {
  readonly partners?: readonly string[];
  readonly countries?: readonly string[];
}

export function jurisdictionOf(who: Principal): Jurisdiction | undefined {
  if (who.role !== "regulator") return undefined;
  const j = who.party.profile["jurisdiction"];
  if (!j || typeof j !== "object") return undefined;
  const list = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;
  const o = j as Record<string, unknown>;
  const partners = list(o["partners"]);
  const countries = list(o["countries"]);
  return {
    ...(partners ? { partners } : {}),
    ...(countries ? { countries } : {}),
  };
}

/** Whether a regulator's jurisdiction covers traffic to these partners (any of them). */
function coversPartners(j: Jurisdiction | undefined, partners: readonly string[]): boolean {
  return !j?.partners || partners.some((p) => j.partners!.includes(p));
}

/**
 * THE check for reading a document: exporters their own (or what they submitted for another
 * under a mandate), regulators what their jurisdiction covers, operators and admins everything.
 */
export async function canReadDocument(
  store: Store,
  who: Principal,
  doc: { readonly id: string; readonly issuerPartyId: string; readonly submissionId: string },
): Promise<boolean> {
  if (who.role === "operator" || who.role === "admin") return true;
  if (who.role === "regulator") {
    const j = jurisdictionOf(who);
    if (!j?.partners) return true;
    return coversPartners(
      j,
      (await store.read.deliveries.listByDocument(doc.id)).map((d) => d.partnerId),
    );
  }
  if (who.role !== "exporter") return false;
  if (doc.issuerPartyId === who.partyId) return true;
  const s = await store.read.submissions.get(doc.submissionId);
  return s !== undefined && ownsSubmission(who, s);
}

/** Whether a party's register entry (credit file, measures, trace) is within the caller's reach. */
export function canSeeParty(who: Principal, party: PartyRecord): boolean {
  if (who.role === "operator" || who.role === "admin") return true;
  if (who.role === "regulator") {
    const j = jurisdictionOf(who);
    return !j?.countries || (party.country !== null && j.countries.includes(party.country));
  }
  return party.id === who.partyId;
}

/** A regulator with partners in its jurisdiction searches only their traffic; undefined means no limit. */
export function searchPartners(who: Principal): readonly string[] | undefined {
  return jurisdictionOf(who)?.partners;
}

export async function requireUcrAccess(store: Store, who: Principal, ucr: string): Promise<void> {
  const j = jurisdictionOf(who);
  if (j?.partners) {
    const partners = (await store.read.deliveries.listByUcr(ucr)).map((d) => d.partnerId);
    if (coversPartners(j, partners)) return;
    throw new ProblemError("SWG_NOT_FOUND", `no consignment ${ucr} visible to you`);
  }
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
