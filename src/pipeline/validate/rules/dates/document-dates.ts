import { DOCUMENT_TYPES } from "../../../../model/canonical.js";
import { dayNumber } from "../dates.js";
import type { Findings } from "../findings.js";
import type { DocEntry, DocumentRule, RuleContext } from "../types.js";
import { asInvoice } from "../views/invoice.js";
import { asBillOfLading } from "../views/transport-document.js";

/** The last calendar day that is not yet "in the future" anywhere on earth, given the configured skew. */
function lastAcceptableDay(ctx: RuleContext): number {
  return Math.floor((ctx.now.getTime() + ctx.config.clockSkewHours * 3_600_000) / 86_400_000);
}

export const issueDateNotInFuture: DocumentRule = {
  id: "SWG-DT-003",
  scope: "document",
  types: DOCUMENT_TYPES,
  severity: "error",
  category: "dates",
  message: "A document cannot be issued in the future",
  fields: ["*#/issuedAt"],
  check(e: DocEntry, out: Findings, ctx: RuleContext) {
    const day = dayNumber(e.doc.issuedAt);
    if (day !== undefined && day > lastAcceptableDay(ctx))
      out.add(e, "/issuedAt", `Issued on ${e.doc.issuedAt}, which is in the future`);
  },
};

export const dueDateNotBeforeIssue: DocumentRule = {
  id: "SWG-DT-004",
  scope: "document",
  types: ["commercial-invoice"],
  severity: "error",
  category: "dates",
  message: "The payment due date (BT-9) cannot be before the invoice issue date (BT-2)",
  fields: ["commercial-invoice#/dueDate", "commercial-invoice#/issuedAt"],
  article: "EN 16931-1 BT-9",
  check(e: DocEntry, out: Findings) {
    const inv = asInvoice(e.doc);
    const due = dayNumber(inv.dueDate);
    const issued = dayNumber(inv.issuedAt);
    if (due !== undefined && issued !== undefined && due < issued)
      out.add(e, "/dueDate", `Due on ${inv.dueDate}, before the invoice date ${inv.issuedAt}`);
  },
};

export const shipmentNotInFuture: DocumentRule = {
  id: "SWG-DT-007",
  scope: "document",
  types: ["bill-of-lading"],
  severity: "error",
  category: "dates",
  message: "A bill of lading cannot evidence an on-board date in the future",
  fields: ["bill-of-lading#/shippedOnBoardDate"],
  article: "UCP 600 art. 20(a)(ii)",
  check(e: DocEntry, out: Findings, ctx: RuleContext) {
    const bl = asBillOfLading(e.doc);
    const onBoard = dayNumber(bl.shippedOnBoardDate);
    if (onBoard !== undefined && onBoard > lastAcceptableDay(ctx)) {
      out.add(e, "/shippedOnBoardDate", `Shipped on board ${bl.shippedOnBoardDate}, which is in the future`);
    }
  },
};
