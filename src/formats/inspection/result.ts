import { ProblemError, type Issue } from "../../errors/index.js";
import { Cursor } from "../xml/cursor.js";
import { parseXml } from "../xml/parse.js";

export const RESULT_FORMAT = "swg-inspection-result-1.0";
export const INSPECTION_RESULTS = ["scheduled", "passed", "failed", "conditional"] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

/** UNCL 1001 certificate codes back to canonical inspection-certificate types. */
const CERTIFICATE_TYPES: Readonly<Record<string, string>> = {
  "851": "phytosanitary",
  "852": "sanitary",
  "853": "veterinary",
  "855": "quality",
  "856": "quantity",
};

export interface InspectionAnswer {
  readonly format: typeof RESULT_FORMAT | "uncefact-sps-certificate";
  readonly result: InspectionResult;
  /** The inspection body's id for this answer. */
  readonly answerId: string;
  /** The gateway message id the body echoes, when it does. */
  readonly messageId?: string;
  /** The application's number. */
  readonly applicationNumber?: string;
  readonly issuedAt?: string;
  readonly certificate?: { readonly number: string; readonly type?: string };
  readonly inspectionDate?: string;
  readonly inspectionPlace?: { readonly name?: string; readonly locode?: string; readonly country?: string };
  readonly reasons?: readonly { readonly code?: string; readonly text?: string }[];
  readonly text?: string;
}

const missing = (xpath: string, message: string): Issue => ({ message, xpath });

function place(c: Cursor | undefined): InspectionAnswer["inspectionPlace"] | undefined {
  if (!c) return undefined;
  const name = c.child("Name")?.text();
  const locode = c.child("ID")?.text();
  const country = c.child("CountryID")?.text();
  return name || locode || country
    ? { ...(name ? { name } : {}), ...(locode ? { locode } : {}), ...(country ? { country } : {}) }
    : undefined;
}

/** `<InspectionResult xmlns="urn:swg:inspection:1">`: the gateway's own result message. */
function readResult(r: Cursor): InspectionAnswer {
  const issues: Issue[] = [];
  const answerId = r.child("ID")?.text();
  const code = r.child("ResultCode")?.text()?.trim();
  const applicationNumber = r.child("ApplicationID")?.text();
  const messageId = r.child("MessageID")?.text();
  if (!answerId) issues.push(missing("/InspectionResult/ID", "ID (your id for this result) is required"));
  if (!code || !(INSPECTION_RESULTS as readonly string[]).includes(code))
    issues.push(
      missing("/InspectionResult/ResultCode", `ResultCode is one of ${INSPECTION_RESULTS.join(", ")}`),
    );
  if (!applicationNumber && !messageId)
    issues.push(
      missing("/InspectionResult/ApplicationID", "name the application: MessageID or ApplicationID"),
    );
  const cert = r.child("IssuedSPSCertificate");
  const certNumber = cert?.child("ID")?.text();
  if (code === "passed" && cert && !certNumber)
    issues.push(missing("/InspectionResult/IssuedSPSCertificate/ID", "a certificate has an ID"));
  if (issues.length > 0)
    throw new ProblemError("SWG_VALIDATION_FAILED", "the inspection result is incomplete", issues);
  const certType = cert?.child("TypeCode")?.text();
  const reasons = r.all("Reason").map((x) => {
    const c = x.child("Code")?.text();
    const t = x.child("Text")?.text();
    return { ...(c ? { code: c } : {}), ...(t ? { text: t } : {}) };
  });
  const ev = r.child("ExaminationSPSEvent");
  const inspectionDate = ev?.child("OccurrenceDateTime")?.text();
  const where = place(ev?.child("OccurrenceSPSLocation"));
  const issuedAt = r.child("IssueDateTime")?.text();
  const text = r.child("Remarks")?.text();
  return {
    format: RESULT_FORMAT,
    result: code as InspectionResult,
    answerId: answerId!,
    ...(messageId ? { messageId } : {}),
    ...(applicationNumber ? { applicationNumber } : {}),
    ...(issuedAt ? { issuedAt } : {}),
    ...(certNumber
      ? {
          certificate: {
            number: certNumber,
            ...(certType ? { type: CERTIFICATE_TYPES[certType] ?? certType } : {}),
          },
        }
      : {}),
    ...(inspectionDate ? { inspectionDate } : {}),
    ...(where ? { inspectionPlace: where } : {}),
    ...(reasons.length > 0 ? { reasons } : {}),
    ...(text ? { text } : {}),
  };
}

/**
 * A UN/CEFACT SPS certificate (the ePhyto / eCert exchange format): issuing it is the body's
 * statement that the consignment passed. The application it answers is the referenced document.
 */
function readSpsCertificate(r: Cursor): InspectionAnswer {
  const ex = r.child("SPSExchangedDocument");
  const number = ex?.child("ID")?.text();
  const refs = ex?.all("ReferenceSPSReferencedDocument") ?? [];
  const applicationNumber = refs.map((x) => x.child("ID")?.text()).find(Boolean);
  const issues: Issue[] = [];
  if (!number) issues.push(missing("/SPSCertificate/SPSExchangedDocument/ID", "the certificate has no ID"));
  if (!applicationNumber)
    issues.push(
      missing(
        "/SPSCertificate/SPSExchangedDocument/ReferenceSPSReferencedDocument/ID",
        "the certificate must reference the application it answers",
      ),
    );
  if (issues.length > 0)
    throw new ProblemError("SWG_VALIDATION_FAILED", "the SPS certificate cannot be correlated", issues);
  const typeCode = ex?.child("TypeCode")?.text();
  const issuedAt = ex?.at("IssueDateTime", "DateTimeString")?.text() ?? ex?.child("IssueDateTime")?.text();
  const ev = r.at("SPSConsignment", "ExaminationSPSEvent");
  const inspectionDate =
    ev?.at("OccurrenceDateTime", "DateTimeString")?.text() ?? ev?.child("OccurrenceDateTime")?.text();
  const where = place(ev?.child("OccurrenceSPSLocation"));
  const notes = (ex?.all("IncludedSPSNote") ?? []).map((n) => n.child("Content")?.text()).filter(Boolean);
  return {
    format: "uncefact-sps-certificate",
    result: "passed",
    answerId: number!,
    applicationNumber: applicationNumber!,
    ...(issuedAt ? { issuedAt } : {}),
    certificate: { number: number!, ...(typeCode ? { type: CERTIFICATE_TYPES[typeCode] ?? typeCode } : {}) },
    ...(inspectionDate ? { inspectionDate } : {}),
    ...(where ? { inspectionPlace: where } : {}),
    ...(notes.length > 0 ? { text: notes.join("\n") } : {}),
  };
}

/** Reads an inspection body's answer: the gateway's InspectionResult, or a UN/CEFACT SPSCertificate. */
export function readInspectionAnswer(body: Buffer): InspectionAnswer {
  const xml = parseXml(body);
  const r = Cursor.root(xml.tree, xml.root);
  if (xml.root === "InspectionResult") return readResult(r);
  if (xml.root === "SPSCertificate") return readSpsCertificate(r);
  throw new ProblemError(
    "SWG_UNSUPPORTED_DOCUMENT",
    `expected an InspectionResult or a UN/CEFACT SPSCertificate, got ${xml.root}`,
  );
}
