import { ProblemError } from "../../errors/index.js";
import type { DocumentType, DraftDocument } from "../../model/canonical.js";
import { compact, type FieldReader } from "../ubl/values.js";
import type { Cursor } from "../xml/cursor.js";
import { RETURN_STATUSES } from "./codes.js";
import { chinaTime } from "./common.js";

/** Which document a receipt answers, and by which of its numbers. */
export interface ReceiptKind {
  readonly answers: Exclude<DocumentType, "status-event">;
  /** Element holding the answered document's number, first found wins. */
  readonly number: readonly string[];
}

/**
 * A CEB receipt (回执) → customs status-event: the e-port and customs answer each message with
 * a returnStatus (codes.ts). A status without a canonical customs meaning (the e-port's own
 * processing steps 1–3) is refused with its meaning.
 */
export function readReceipt(r: Cursor, kind: ReceiptKind, f: FieldReader): DraftDocument {
  const statusEl = r.child("returnStatus", "ceb");
  const code = statusEl?.text()?.trim() ?? "";
  const known =
    RETURN_STATUSES[code] ??
    (/^-\d+$/.test(code) ? { status: "rejected", text: "processing error" } : undefined);
  if (!known?.status) {
    throw new ProblemError(
      "SWG_UNSUPPORTED_DOCUMENT",
      `receipt status ${code || "(none)"} has no canonical customs status`,
      [
        {
          message: `returnStatus ${code}${known ? ` (${known.text})` : ""} is an e-port processing step or unknown, not a customs decision (accepted, rejected, released, held for examination, documents required)`,
          xpath: statusEl?.path ?? r.path,
          ruleId: "CEB-RETURN-STATUS",
        },
      ],
    );
  }
  f.text(statusEl, "/status");
  const numberEl = kind.number.map((n) => r.child(n, "ceb")).find((c) => c?.text()?.trim());
  const occurred = chinaTime(r.child("returnTime", "ceb"), f, "/occurredAt");
  const info = f.text(r.child("returnInfo", "ceb"), "/reasons/0/text");
  const invt = r.child("invtNo", "ceb") ?? r.child("preNo", "ceb");
  f.trace.defaulted(
    "/issuer",
    "China E-Port (中国电子口岸)",
    "receipts come from the China E-Port on behalf of customs",
  );
  return compact({
    type: "status-event",
    number: f.text(r.child("guid", "ceb"), "/number") ?? "",
    issuedAt: occurred?.slice(0, 10) ?? "",
    issuer: { name: "China E-Port (中国电子口岸)" },
    category: "customs",
    status: known.status,
    answers: compact({
      documentType: kind.answers,
      documentNumber: f.text(numberEl, "/answers/documentNumber")?.slice(0, 70),
    }),
    occurredAt: occurred,
    reasons: info ? [{ text: info.slice(0, 4000) }] : undefined,
    text: known.text,
    customs: compact({
      lrn: f.text(r.child("copNo", "ceb"), "/customs/lrn")?.slice(0, 35),
      mrn: f.text(invt, "/customs/mrn")?.slice(0, 35),
    }),
  });
}
