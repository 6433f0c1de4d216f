import { ProblemError } from "../../errors/index.js";
import type { DraftDocument } from "../../model/canonical.js";
import { compact, type FieldReader } from "../ubl/values.js";
import type { Cursor } from "../xml/cursor.js";
import { dateTime304, mrnIsExport, NOTIFICATIONS } from "./codes.js";

type Obj = Record<string, unknown>;

function when(c: Cursor | undefined, f: FieldReader, pointer: string): string | undefined {
  const el = c?.child("DateTimeString");
  const raw = el?.text();
  const v = raw ? dateTime304(raw) : undefined;
  if (v) f.trace.from(pointer, el!.path);
  return v;
}

/**
 * A WCO DM response (RES, the CDS DMS notifications) → canonical customs status-event. The
 * function code gives the status (codes.ts); a notification with no canonical customs status
 * (received, tax calculation, amendment processed…) is refused with its name, since the
 * canonical customs statuses are accepted, rejected, released, held for examination and
 * documents required. The declaration is named by its LRN and MRN; the gateway correlates.
 */
export function readResponse(meta: Cursor, res: Cursor, f: FieldReader): DraftDocument {
  const fcEl = res.child("FunctionCode");
  const fc = fcEl?.text()?.trim() ?? "";
  const notification = NOTIFICATIONS[fc];
  if (!notification?.status) {
    const what = notification
      ? `notification ${notification.name}`
      : `response function code ${fc || "(none)"}`;
    throw new ProblemError("SWG_UNSUPPORTED_DOCUMENT", `${what} has no canonical customs status`, [
      {
        message: `${what} is not accepted, rejected, released, held for examination or documents required`,
        xpath: fcEl?.path ?? res.path,
        ruleId: "WCO-RES-STATUS",
      },
    ]);
  }
  f.text(fcEl, "/status");
  const decl = res.child("Declaration");
  const lrn = f.text(decl?.child("FunctionalReferenceID"), "/customs/lrn");
  const mrn = f.text(decl?.child("ID"), "/customs/mrn");
  const issued = when(res.child("IssueDateTime"), f, "/occurredAt");
  const reasons: Obj[] = [
    ...res.all("Error").map((e, i) =>
      compact({
        code: f.text(e.child("ValidationCode"), `/reasons/${i}/code`)?.slice(0, 35),
        codeList: "CDS",
        text: [
          f.text(e.child("Description"), `/reasons/${i}/text`),
          ...e.all("Pointer").map((p) => f.text(p.child("DocumentSectionCode"), `/reasons/${i}/text`)),
        ]
          .filter((x): x is string => x !== undefined)
          .join(" / "),
      }),
    ),
    ...res.all("AdditionalInformation").map((a, k) =>
      compact({
        code: f.text(a.child("StatementCode"), `/reasons/${k}/code`)?.slice(0, 35),
        codeList: f.text(a.child("StatementTypeCode"), `/reasons/${k}/codeList`),
        text: f.text(a.child("StatementDescription"), `/reasons/${k}/text`),
      }),
    ),
  ].filter((r) => r["code"] !== undefined || (typeof r["text"] === "string" && r["text"] !== ""));
  const documentsRequired =
    notification.status === "documents-required"
      ? res.all("AdditionalInformation").map((a) =>
          compact({
            typeCode: a.child("StatementCode")?.text()?.trim(),
            text: a.child("StatementDescription")?.text()?.trim() || "documents required",
          }),
        )
      : [];
  for (const k of [
    "WCODataModelVersionCode",
    "WCOTypeName",
    "ResponsibleCountryCode",
    "ResponsibleAgencyName",
    "AgencyAssignedCustomizationCode",
    "AgencyAssignedCustomizationVersionCode",
  ])
    meta.child(k)?.consume();
  const isExport = mrn ? mrnIsExport(mrn) : undefined;
  return compact({
    type: "status-event" as const,
    number: f.text(res.child("FunctionalReferenceID"), "/number") ?? "",
    issuedAt: issued?.slice(0, 10) ?? "",
    issuer: { name: "" },
    category: "customs",
    status: notification.status,
    answers: compact({
      documentType: isExport ? "export-declaration" : undefined,
      documentNumber: (lrn ?? mrn)?.slice(0, 70),
    }),
    occurredAt: issued,
    reasons,
    text: notification.text,
    customs: compact({
      mrn: mrn?.slice(0, 35),
      lrn: lrn?.slice(0, 35),
      acceptanceDate: when(decl?.child("AcceptanceDateTime"), f, "/customs/acceptanceDate"),
      documentsRequired,
    }),
  });
}
