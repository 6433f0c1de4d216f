import { ProblemError, type Issue } from "../../errors/index.js";
import { Cursor } from "../xml/cursor.js";
import { parseXml } from "../xml/parse.js";

export const CERTIFICATE_FORMAT = "swg-insurance-certificate-1.0";
export const INSURER_ANSWERS = ["issued", "declined"] as const;
export type InsurerAnswerStatus = (typeof INSURER_ANSWERS)[number];

const CLAUSES = ["ICC-A", "ICC-B", "ICC-C", "ICC-AIR", "IWC", "ISC", "OTHER"];

export interface InsurerAnswer {
  readonly status: InsurerAnswerStatus;
  /** The insurer's id for this answer: the certificate number, or its own id of a refusal. */
  readonly answerId: string;
  readonly messageId?: string;
  /** The number of the request answered. */
  readonly requestNumber?: string;
  readonly issuedAt?: string;
  /** The issued certificate in the fields of the canonical insurance-certificate (status issued). */
  readonly certificate?: Readonly<Record<string, unknown>>;
  readonly reasons?: readonly { readonly code?: string; readonly text?: string }[];
}

const num = (c: Cursor | undefined): number | undefined => {
  const t = c?.text();
  if (t === undefined) return undefined;
  const n = Number(t);
  return Number.isFinite(n) && /^-?[0-9]+(\.[0-9]+)?$/.test(t.trim()) ? n : undefined;
};

function party(c: Cursor | undefined): Record<string, unknown> | undefined {
  const name = c?.child("Name")?.text();
  if (!c || !name) return undefined;
  const identifiers = c
    .all("ID")
    .map((i) => ({ scheme: i.attr("schemeID") ?? "", value: i.text() ?? "" }))
    .filter((i) => i.scheme && i.value);
  const country = c.at("Address", "Country")?.text();
  const city = c.at("Address", "City")?.text();
  return {
    name,
    ...(identifiers.length > 0 ? { identifiers } : {}),
    ...(country ? { address: { ...(city ? { city } : {}), country } } : {}),
  };
}

function location(c: Cursor | undefined): Record<string, unknown> | undefined {
  if (!c) return undefined;
  const locode = c.child("LOCODE")?.text();
  const name = c.child("Name")?.text();
  const country = c.child("Country")?.text();
  return locode || name
    ? { ...(locode ? { locode } : {}), ...(name ? { name } : {}), ...(country ? { country } : {}) }
    : undefined;
}

/**
 * An insurer's answer to a cover request: the issued certificate (its number, cover, insured
 * amount, clauses, claims terms) or a refusal with reasons.
 */
export function readInsurerAnswer(body: Buffer): InsurerAnswer {
  const xml = parseXml(body);
  if (xml.root !== "CargoInsuranceCertificate")
    throw new ProblemError(
      "SWG_UNSUPPORTED_DOCUMENT",
      `expected a CargoInsuranceCertificate, got ${xml.root}`,
    );
  const r = Cursor.root(xml.tree, xml.root);
  const h = r.child("Header");
  const status = h?.child("Status")?.text()?.trim();
  const certificateId = h?.child("CertificateID")?.text();
  const answerId = certificateId ?? h?.child("AnswerID")?.text();
  const requestNumber = h?.child("RequestID")?.text();
  const messageId = h?.child("MessageID")?.text();
  const issuedAt = h?.child("IssueDate")?.text();
  const issues: Issue[] = [];
  if (!status || !(INSURER_ANSWERS as readonly string[]).includes(status))
    issues.push({
      message: `Status is one of ${INSURER_ANSWERS.join(", ")}`,
      xpath: "/CargoInsuranceCertificate/Header/Status",
    });
  if (!answerId)
    issues.push({
      message: "CertificateID (or AnswerID for a refusal) is required",
      xpath: "/CargoInsuranceCertificate/Header/CertificateID",
    });
  if (!requestNumber && !messageId)
    issues.push({
      message: "name the request: MessageID or RequestID",
      xpath: "/CargoInsuranceCertificate/Header/RequestID",
    });
  const cover = r.child("Cover");
  const amount = num(cover?.child("InsuredAmount"));
  const currency = cover?.child("InsuredAmount")?.attr("currencyID");
  const insurer = party(r.child("Insurer"));
  const clauses = (cover?.all("Clause") ?? []).map((c) => ({
    code: c.child("Code")?.text() ?? "",
    text: c.child("Text")?.text(),
  }));
  if (status === "issued") {
    if (!certificateId)
      issues.push({
        message: "an issued certificate has a CertificateID",
        xpath: "/CargoInsuranceCertificate/Header/CertificateID",
      });
    if (!insurer)
      issues.push({
        message: "an issued certificate names the Insurer",
        xpath: "/CargoInsuranceCertificate/Insurer/Name",
      });
    if (amount === undefined || !currency || !/^[A-Z]{3}$/.test(currency))
      issues.push({
        message: "an issued certificate states InsuredAmount with its currencyID",
        xpath: "/CargoInsuranceCertificate/Cover/InsuredAmount",
      });
    clauses.forEach((c, i) => {
      if (!CLAUSES.includes(c.code))
        issues.push({
          message: `Clause Code is one of ${CLAUSES.join(", ")}`,
          xpath: `/CargoInsuranceCertificate/Cover/Clause[${i + 1}]/Code`,
        });
    });
  }
  if (issues.length > 0)
    throw new ProblemError("SWG_VALIDATION_FAILED", "the insurer's answer is incomplete", issues);

  const reasons = r.all("Reason").map((x) => {
    const code = x.child("Code")?.text();
    const text = x.child("Text")?.text();
    return { ...(code ? { code } : {}), ...(text ? { text } : {}) };
  });
  let certificate: Record<string, unknown> | undefined;
  if (status === "issued") {
    const basis = cover?.child("ValueBasis");
    const basisCode = basis?.child("Basis")?.text();
    const percent = num(basis?.child("Percent"));
    const premium = num(r.child("Premium"));
    const premiumCurrency = r.child("Premium")?.attr("currencyID");
    const insured = party(r.child("Insured"));
    const effective = cover?.child("EffectiveDate")?.text();
    const claimsAt = location(cover?.child("ClaimsPayableAt"));
    const claimsCurrency = cover?.child("ClaimsCurrency")?.text();
    const originals = num(cover?.child("Originals"));
    const policy = r.child("PolicyNumber")?.text();
    certificate = {
      type: "insurance-certificate",
      status: "issued",
      number: certificateId,
      ...(issuedAt ? { issuedAt } : {}),
      insurer,
      ...(insured ? { insured } : {}),
      ...(policy ? { policyNumber: policy } : {}),
      currency,
      insuredAmount: amount,
      ...(basisCode && percent !== undefined ? { insuredValueBasis: { basis: basisCode, percent } } : {}),
      ...(clauses.length > 0
        ? { coverage: clauses.map((c) => ({ code: c.code, ...(c.text ? { text: c.text } : {}) })) }
        : {}),
      ...(effective ? { effectiveDate: effective } : {}),
      ...(claimsAt ? { claimsPayableAt: claimsAt } : {}),
      ...(claimsCurrency ? { claimsCurrency } : {}),
      ...(originals !== undefined ? { originals } : {}),
      ...(premium !== undefined && premiumCurrency
        ? { premium: { value: premium, currency: premiumCurrency } }
        : {}),
    };
  }
  return {
    status: status as InsurerAnswerStatus,
    answerId: answerId!,
    ...(messageId ? { messageId } : {}),
    ...(requestNumber ? { requestNumber } : {}),
    ...(issuedAt ? { issuedAt } : {}),
    ...(certificate ? { certificate } : {}),
    ...(reasons.length > 0 ? { reasons } : {}),
  };
}
