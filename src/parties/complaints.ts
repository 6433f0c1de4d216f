import { ProblemError, type Issue } from "../errors/index.js";
import type { Actor } from "../ports/records.js";
import {
  COMPLAINT_CATEGORIES,
  type ComplaintCategory,
  type ComplaintRecord,
  type EvidenceRef,
} from "../ports/register.js";
import type { Store } from "../ports/store.js";
import { uuidv7 } from "../util/ids.js";
import { recordCreditEvent } from "./credit.js";

export interface ComplaintDeadlines {
  /** Days from receipt within which review must start. */
  readonly reviewDays: number;
  /** Days from receipt within which the complaint must be decided. */
  readonly decisionDays: number;
}

export interface NewComplaint {
  readonly complainantId: string;
  /** The party complained about; taken from the document when only that is named. */
  readonly againstPartyId: string | null;
  readonly documentId: string | null;
  readonly category: ComplaintCategory;
  readonly summary: string;
  readonly evidence: readonly EvidenceRef[];
}

const DAY = 86_400_000;

/** Past its deadline and not yet at the step the deadline asks for. */
export function isOverdue(c: ComplaintRecord, now: Date): boolean {
  const at = now.toISOString();
  return (
    (c.status === "received" && at > c.reviewDueAt) ||
    ((c.status === "received" || c.status === "under-review") && at > c.decisionDueAt)
  );
}

/** Any registered party files a complaint against a party or one of its documents, with its evidence. */
export async function fileComplaint(
  store: Store,
  n: NewComplaint,
  deadlines: ComplaintDeadlines,
  actor: Actor,
  now: Date,
): Promise<ComplaintRecord> {
  const issues: Issue[] = [];
  if (!(COMPLAINT_CATEGORIES as readonly string[]).includes(n.category))
    issues.push({ message: `category is one of ${COMPLAINT_CATEGORIES.join(", ")}`, pointer: "/category" });
  if (n.summary.trim().length === 0) issues.push({ message: "summary is required", pointer: "/summary" });
  if (!n.againstPartyId && !n.documentId)
    issues.push({ message: "name the party (againstPartyId) or the document (documentId)", pointer: "" });
  if (issues.length > 0)
    throw new ProblemError("SWG_VALIDATION_FAILED", "the complaint is incomplete", issues);

  let against = n.againstPartyId;
  if (n.documentId) {
    const doc = await store.read.documents.get(n.documentId);
    if (!doc) throw new ProblemError("SWG_NOT_FOUND", "no such document");
    if (against && against !== doc.issuerPartyId)
      throw new ProblemError("SWG_VALIDATION_FAILED", "the document was issued by another party", [
        { message: `document ${doc.id} is not from ${against}`, pointer: "/againstPartyId" },
      ]);
    against = doc.issuerPartyId;
  }
  if (!against || !(await store.read.parties.get(against)))
    throw new ProblemError("SWG_NOT_FOUND", "no such party to complain about");
  if (against === n.complainantId)
    throw new ProblemError("SWG_VALIDATION_FAILED", "a party does not complain about itself", [
      { message: "against yourself", pointer: "/againstPartyId" },
    ]);
  const at = now.toISOString();
  const c: ComplaintRecord = {
    id: uuidv7(now.getTime()),
    complainantId: n.complainantId,
    againstPartyId: against,
    documentId: n.documentId,
    category: n.category,
    summary: n.summary,
    evidence: n.evidence,
    status: "received",
    receivedAt: at,
    reviewDueAt: new Date(now.getTime() + deadlines.reviewDays * DAY).toISOString(),
    decisionDueAt: new Date(now.getTime() + deadlines.decisionDays * DAY).toISOString(),
    reviewStartedAt: null,
    reviewer: null,
    decidedAt: null,
    decidedBy: null,
    decisionReason: null,
    creditEventId: null,
  };
  await store.transaction(async (tx) => {
    await tx.complaints.insert(c);
    await tx.audit.append({
      chain: `party:${against}`,
      type: "complaint.received",
      at,
      actor,
      subject: { partyId: against, ...(n.documentId ? { documentId: n.documentId } : {}) },
      data: {
        complaintId: c.id,
        complainantId: c.complainantId,
        category: c.category,
        evidence: c.evidence.map((e) => e.digest),
        reviewDueAt: c.reviewDueAt,
        decisionDueAt: c.decisionDueAt,
      },
    });
  });
  return c;
}

export async function startReview(
  store: Store,
  id: string,
  actor: Actor,
  now: Date,
): Promise<ComplaintRecord> {
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const c = await tx.complaints.get(id);
    if (!c) throw new ProblemError("SWG_NOT_FOUND", "no such complaint");
    if (
      !(await tx.complaints.transition(id, "received", {
        status: "under-review",
        reviewStartedAt: at,
        reviewer: actor,
      }))
    )
      throw new ProblemError("SWG_CONFLICT", `complaint ${id} is ${c.status}; review starts from received`);
    await tx.audit.append({
      chain: `party:${c.againstPartyId}`,
      type: "complaint.under-review",
      at,
      actor,
      subject: { partyId: c.againstPartyId },
      data: { complaintId: id, late: at > c.reviewDueAt },
    });
    return { ...c, status: "under-review", reviewStartedAt: at, reviewer: actor };
  });
}

/** Upheld complaints become credit events against the party; every decision states its reason. */
export async function decideComplaint(
  store: Store,
  d: { id: string; decision: "upheld" | "dismissed"; reason: string; points: number | null },
  actor: Actor,
  now: Date,
): Promise<ComplaintRecord> {
  if (d.reason.trim().length === 0)
    throw new ProblemError("SWG_VALIDATION_FAILED", "a decision states its reason", [
      { message: "reason is required", pointer: "/reason" },
    ]);
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const c = await tx.complaints.get(d.id);
    if (!c) throw new ProblemError("SWG_NOT_FOUND", "no such complaint");
    if (c.status !== "under-review")
      throw new ProblemError("SWG_CONFLICT", `complaint ${d.id} is ${c.status}; a decision follows review`);
    const credit =
      d.decision === "upheld"
        ? await recordCreditEvent(
            tx,
            {
              partyId: c.againstPartyId,
              kind: "complaint-upheld",
              points: d.points,
              sourceType: "complaint",
              sourceId: c.id,
              summary: `${c.category} complaint upheld: ${d.reason}`,
              at,
              actor,
            },
            now,
          )
        : undefined;
    const patch = {
      status: d.decision,
      decidedAt: at,
      decidedBy: actor,
      decisionReason: d.reason,
      creditEventId: credit?.id ?? null,
    };
    if (!(await tx.complaints.transition(d.id, "under-review", patch)))
      throw new ProblemError("SWG_CONFLICT", `complaint ${d.id} was decided meanwhile`);
    await tx.audit.append({
      chain: `party:${c.againstPartyId}`,
      type: `complaint.${d.decision}`,
      at,
      actor,
      subject: { partyId: c.againstPartyId },
      data: {
        complaintId: d.id,
        category: c.category,
        reason: d.reason,
        creditEventId: patch.creditEventId,
        late: at > c.decisionDueAt,
      },
    });
    return { ...c, ...patch };
  });
}
