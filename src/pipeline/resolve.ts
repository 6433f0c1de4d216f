import { randomBytes } from "node:crypto";
import { ProblemError, type Issue } from "../errors/index.js";
import type { CanonicalDocument } from "../model/canonical.js";
import { completeAmendment } from "../formats/wco/amendment.js";
import type { Store } from "../ports/store.js";
import type { NormalizedDoc, Submitter } from "./types.js";

/** What the store says about a submission's documents before they are accepted. */
export interface Resolution {
  readonly ucr: string;
  /** Per normalized document index: the version it supersedes. */
  readonly supersedes: ReadonlyMap<
    number,
    { id: string; lineageId: string; version: number; partners: string[] }
  >;
  /** Current versions of documents already stored for this UCR (context for cross-document rules). */
  readonly related: readonly CanonicalDocument[];
}

export interface Resolved extends Resolution {
  /** The documents, with amendments that carried only their changes completed from the version they supersede. */
  readonly docs: readonly NormalizedDoc[];
}

const UCR_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/**
 * A WCO-style UCR (WCO UCR Guidelines: year digit, country, exporter id, exporter reference),
 * at most 35 characters, for consignments whose documents carry none.
 */
export function newUcr(now: Date, country: string, exporterId: string): string {
  const ref = Array.from(randomBytes(10), (b) => UCR_ALPHABET[b % UCR_ALPHABET.length]).join("");
  const id = exporterId
    .replace(/[^A-Z0-9]/gi, "")
    .toUpperCase()
    .slice(0, 18);
  return `${now.getUTCFullYear() % 10}${country}${id}-${ref}`.slice(0, 35);
}

export async function resolve(
  store: Store,
  docs: readonly NormalizedDoc[],
  given: { ucr: string | null; submitter: Submitter; now: Date },
): Promise<Resolved> {
  const issues: Issue[] = [];
  const supersedes = new Map<
    number,
    { id: string; lineageId: string; version: number; partners: string[]; ucr: string }
  >();
  const owner = given.submitter.onBehalfOf ?? given.submitter.partyId;
  const completed: NormalizedDoc[] = [];
  for (const d of docs) {
    completed.push(d);
    const fc = d.read.draft.functionCode ?? "original";
    if (fc === "original") continue;
    const target = d.read.draft.supersedes;
    const ref = d.read.supersedesRef;
    // An amendment may name what it supersedes by number, LRN or MRN instead of by id.
    const named =
      !target && ref
        ? await store.read.documents.findCurrent(owner, ref.type, ref.key, ref.value)
        : undefined;
    const prev = target
      ? await store.read.documents.get(target)
      : named
        ? await store.read.documents.get(named.id)
        : undefined;
    if (prev && d.read.delta) {
      completed[completed.length - 1] = {
        ...d,
        read: {
          ...d.read,
          draft: completeAmendment(JSON.parse(prev.canonical) as CanonicalDocument, d.read.draft),
        },
      };
    }
    if (!prev) {
      issues.push({
        message: target
          ? `document ${target} to supersede does not exist`
          : ref
            ? `no current ${ref.type} of yours with ${ref.key} ${ref.value} to ${fc === "cancellation" ? "cancel" : "amend"}`
            : `a ${fc} must name the version it supersedes`,
        pointer: "/supersedes",
        document: d.index,
        ruleId: "ENV-SUPERSEDES",
      });
      continue;
    }
    if (prev.issuerPartyId !== owner) {
      issues.push({
        message: `document ${prev.id} was issued by another party`,
        pointer: "/supersedes",
        document: d.index,
        ruleId: "ENV-SUPERSEDES",
      });
    } else if (!prev.isCurrent) {
      issues.push({
        message: `document ${prev.id} is version ${prev.version} and no longer current (it was ${prev.status})`,
        pointer: "/supersedes",
        document: d.index,
        ruleId: "ENV-SUPERSEDES",
      });
    } else {
      const partners = [
        ...new Set((await store.read.deliveries.listByDocument(prev.id)).map((x) => x.partnerId)),
      ];
      supersedes.set(d.index, {
        id: prev.id,
        lineageId: prev.lineageId,
        version: prev.version,
        partners,
        ucr: prev.ucr,
      });
    }
  }
  if (issues.length > 0) throw new ProblemError("SWG_SUPERSEDED_UNKNOWN", issues[0]!.message, issues);

  const candidates = new Set<string>();
  for (const d of completed) if (d.read.draft.ucr) candidates.add(d.read.draft.ucr);
  for (const s of supersedes.values()) candidates.add(s.ucr);
  if (given.ucr) candidates.add(given.ucr);
  if (candidates.size > 1) {
    throw new ProblemError(
      "SWG_VALIDATION_FAILED",
      "the documents of one submission belong to different consignments",
      [{ message: `UCRs found: ${[...candidates].join(", ")}`, pointer: "/ucr", ruleId: "ENV-UCR" }],
    );
  }
  let ucr = [...candidates][0];
  if (!ucr) {
    const first = docs[0]?.read.draft;
    const country = first?.issuer.address?.country ?? "XX";
    const ident = first?.issuer.identifiers?.[0]?.value ?? given.submitter.partyId;
    ucr = newUcr(given.now, /^[A-Z]{2}$/.test(country) ? country : "XX", ident);
  }
  const existing = candidates.size > 0 ? await store.read.documents.listByUcr(ucr) : [];
  const related: CanonicalDocument[] = [];
  for (const s of existing.filter(
    (x) => x.isCurrent && ![...supersedes.values()].some((v) => v.id === x.id),
  )) {
    const full = await store.read.documents.get(s.id);
    if (full) related.push(JSON.parse(full.canonical) as CanonicalDocument);
  }
  return { ucr, supersedes, related, docs: completed };
}
