import { ProblemError, type Issue } from "../../errors/index.js";
import { sha256Hex } from "../../util/digest.js";
import { mtAmount, mtDate, mtField, parseMt, type MtField, type MtMessage } from "./mt.js";

/** The canonical bank statuses an MT answer stands for (status-event, category bank). */
export type BankStatus = "discrepant" | "refused" | "authorised" | "paid" | "accepted";

export interface BankDiscrepancy {
  readonly description: string;
  readonly documentType?: string;
  readonly ucpArticle?: string;
}

export interface Category7Answer {
  readonly messageType: "MT750" | "MT734" | "MT752" | "MT754";
  readonly status: BankStatus;
  /** The bank's own id for this message: block 3 tag 108 (MUR), else type, field 20 and a digest of block 4. */
  readonly messageId: string;
  /** Field 21: the reference of the presentation the message answers. */
  readonly relatedReference: string;
  /** Field 20: the sender's reference (MT 750, 734, 754) or the credit number (MT 752). */
  readonly senderReference: string;
  readonly lcNumber?: string;
  readonly amount?: { readonly value: number; readonly currency: string };
  /** Value date (32A) or date of the advice of discrepancy (752 field 30). */
  readonly date?: string;
  readonly discrepancies?: readonly BankDiscrepancy[];
  readonly disposalOfDocuments?: "HOLD" | "NOTIFY" | "RETURN" | "PREVINST";
  readonly disposalText?: string;
  /** MT 752 field 23: ACCEPT, DEBIT, NEGOTIATE, REIMBURSE, REMITTED or SEE72. */
  readonly furtherIdentification?: string;
  readonly chargesDeducted?: string;
  readonly senderToReceiver?: string;
  readonly narrative?: string;
  readonly senderBic?: string;
}

/** Mandatory fields per message type, from the SWIFT Category 7 message reference (MT 750, 734, 752, 754). */
const MANDATORY: Readonly<Record<Category7Answer["messageType"], readonly (readonly string[])[]>> = {
  MT750: [["20"], ["21"], ["32B"], ["77J"]],
  MT734: [["20"], ["21"], ["32A"], ["77J"], ["77B"]],
  MT752: [["20"], ["21"], ["23"], ["30"]],
  MT754: [["20"], ["21"], ["32A", "32B"]],
};

const DISPOSAL = ["HOLD", "NOTIFY", "RETURN", "PREVINST"] as const;
const FURTHER = ["ACCEPT", "DEBIT", "NEGOTIATE", "REIMBURSE", "REMITTED", "SEE72"];

/** Words banks use for the documents of a presentation, to the canonical types (46A). */
const DOCUMENT_WORDS: readonly (readonly [RegExp, string])[] = [
  [/\bSEA\s*WAYBILL/, "sea-waybill"],
  [/\bAIR\s*WAYBILL|\bAWB\b/, "air-waybill"],
  [/\bB\/L\b|\bBILLS? OF LADING\b/, "bill-of-lading"],
  [/\bPACKING\s+LIST/, "packing-list"],
  [/\bINSURANCE\b/, "insurance-certificate"],
  [/\bCERTIFICATE OF ORIGIN\b|\bC\/O\b/, "certificate-of-origin"],
  [/\bINSPECTION\b|\bPHYTOSANITARY\b|\bQUALITY CERTIFICATE\b/, "inspection-certificate"],
  [/\bINVOICE\b/, "commercial-invoice"],
  [/\bDRAFTS?\b|\bBILL OF EXCHANGE\b/, "draft"],
];

const bad = (message: string, issues: Issue[]): ProblemError =>
  new ProblemError("SWG_VALIDATION_FAILED", message, issues);

const at = (f: MtField): string => `block 4 line ${f.line}, field :${f.tag}:`;

/** 32B/33B/34B: currency and amount; 32A/34A: date, currency and amount. */
function amountOf(
  f: MtField,
  issues: Issue[],
): { value: number; currency: string; date?: string } | undefined {
  const dated = f.tag.endsWith("A");
  const m = (dated ? /^([0-9]{6})([A-Z]{3})([0-9,]+)$/ : /^()([A-Z]{3})([0-9,]+)$/).exec(f.value.trim());
  const value = m ? mtAmount(m[3]!) : undefined;
  const date = m && dated ? mtDate(m[1]!) : undefined;
  if (!m || value === undefined || (dated && !date)) {
    issues.push({
      message: dated
        ? `:${f.tag}: must be date (YYMMDD), currency and amount with a decimal comma, e.g. 250321EUR1234,56`
        : `:${f.tag}: must be currency and amount with a decimal comma, e.g. EUR1234,56`,
      location: at(f),
    });
    return undefined;
  }
  return { value, currency: m[2]!, ...(date ? { date } : {}) };
}

/**
 * 77J holds the discrepancies as narrative (70 lines of 50). Banks number them (`1.`, `2)`) or
 * start each with `+`; a line without such a mark continues the previous discrepancy.
 */
export function splitDiscrepancies(text: string): BankDiscrepancy[] {
  const items: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    const m = /^(?:\+|[0-9]{1,2}[.)]|\/[0-9]{1,2}\/)\s*(.*)$/.exec(line);
    if (m || items.length === 0) items.push(m ? m[1]! : line);
    else items[items.length - 1] += ` ${line}`;
  }
  return items.map((description) => {
    const upper = description.toUpperCase();
    const type = DOCUMENT_WORDS.find(([re]) => re.test(upper))?.[1];
    const art = /UCP\s*600\s*(?:ART(?:ICLE|\.)?\s*)?([0-9]{1,2}(?:\s*\([A-Z]{1,4}\))*)/i.exec(description);
    const isbp = /ISBP\s*(?:821\s*)?(?:PARA(?:GRAPH|\.)?\s*)?([A-Z][0-9]{1,3}(?:\([A-Z]{1,4}\))*)/i.exec(
      description,
    );
    const article = art
      ? art[1]!.replace(/\s+/g, "").toLowerCase()
      : isbp
        ? `ISBP ${isbp[1]!.toUpperCase()}`
        : undefined;
    return {
      description,
      ...(type ? { documentType: type } : {}),
      ...(article ? { ucpArticle: article } : {}),
    };
  });
}

/**
 * Reads a SWIFT Category 7 answer to a presentation (MT 750 advice of discrepancy, MT 734 advice
 * of refusal, MT 752 authorisation to pay, accept or negotiate, MT 754 advice of payment,
 * acceptance or negotiation) into its canonical bank status and details. Field formats follow the
 * SWIFT Category 7 message reference; every problem is reported at once, with its line.
 */
export function readCategory7(input: Buffer | string | MtMessage): Category7Answer {
  const mt = typeof input === "object" && "fields" in input ? input : parseMt(input);
  const type = `MT${mt.messageType}`;
  if (!(type in MANDATORY)) {
    throw new ProblemError(
      "SWG_UNSUPPORTED_DOCUMENT",
      `MT ${mt.messageType} is not an answer to a presentation (expected MT 750, 734, 752 or 754)`,
    );
  }
  const messageType = type as Category7Answer["messageType"];
  const issues: Issue[] = [];
  for (const tags of MANDATORY[messageType]) {
    if (!mtField(mt, ...tags))
      issues.push({
        message: `field :${tags.join(": or :")}: is mandatory in ${messageType}`,
        location: "block 4",
      });
  }
  const f = (...tags: string[]) => mtField(mt, ...tags);
  const f20 = f("20")?.value.trim() ?? "";
  const f21 = f("21")?.value.trim() ?? "";
  for (const [tag, v] of [
    ["20", f20],
    ["21", f21],
  ] as const) {
    if (v !== "" && (v.length > 16 || v.startsWith("/") || v.endsWith("/") || v.includes("//")))
      issues.push({
        message: `:${tag}: is a reference of at most 16 characters, not starting or ending with '/' nor holding '//'`,
        location: at(f(tag)!),
      });
  }
  const f32 = f("32A", "32B");
  const amount = f32 ? amountOf(f32, issues) : undefined;

  let status: BankStatus;
  let date = amount?.date;
  let discrepancies: BankDiscrepancy[] | undefined;
  let disposal: Category7Answer["disposalOfDocuments"];
  let disposalText: string | undefined;
  let further: string | undefined;
  switch (messageType) {
    case "MT750":
      status = "discrepant";
      break;
    case "MT734": {
      status = "refused";
      const f77b = f("77B");
      if (f77b) {
        const m = /^\/([A-Z]{1,8})\/(.*)$/s.exec(f77b.value.trim());
        const code = m?.[1];
        if (!code || !(DISPOSAL as readonly string[]).includes(code))
          issues.push({
            message: `:77B: must start with /HOLD/, /NOTIFY/, /PREVINST/ or /RETURN/ (UCP 600 art. 16(c)(iii))`,
            location: at(f77b),
          });
        else {
          disposal = code as (typeof DISPOSAL)[number];
          const more = m[2]!.replace(/\n/g, " ").trim();
          if (more) disposalText = more;
        }
      }
      break;
    }
    case "MT752": {
      status = "authorised";
      const f23 = f("23");
      if (f23) {
        further = f23.value.trim();
        if (!FURTHER.includes(further))
          issues.push({ message: `:23: is one of ${FURTHER.join(", ")}`, location: at(f23) });
      }
      const f30 = f("30");
      if (f30) {
        date = mtDate(f30.value.trim());
        if (!date) issues.push({ message: ":30: must be a date YYMMDD", location: at(f30) });
      }
      break;
    }
    case "MT754":
      // 32A (with a value date): paid or negotiated; 32B: accepted, or a deferred payment undertaken.
      status = f32?.tag === "32A" ? "paid" : "accepted";
      break;
  }
  const f77j = f("77J");
  if (f77j) discrepancies = splitDiscrepancies(f77j.value);
  if (issues.length > 0) throw bad(`the ${messageType} is incomplete or malformed`, issues);

  const digest = sha256Hex(mt.fields.map((x) => `:${x.tag}:${x.value}`).join("\n")).slice(0, 16);
  const text72 = f("72Z", "72")?.value;
  const narrative = f("77", "77A")?.value;
  const charges = f("71D", "71B")?.value;
  return {
    messageType,
    status,
    messageId: mt.userHeader["108"] ?? `${messageType}-${f20}-${digest}`,
    relatedReference: f21,
    senderReference: f20,
    ...(messageType === "MT752" ? { lcNumber: f20 } : {}),
    ...(amount ? { amount: { value: amount.value, currency: amount.currency } } : {}),
    ...(date ? { date } : {}),
    ...(discrepancies ? { discrepancies } : {}),
    ...(disposal ? { disposalOfDocuments: disposal } : {}),
    ...(disposalText ? { disposalText } : {}),
    ...(further ? { furtherIdentification: further } : {}),
    ...(charges ? { chargesDeducted: charges } : {}),
    ...(text72 ? { senderToReceiver: text72 } : {}),
    ...(narrative ? { narrative } : {}),
    ...(mt.senderBic ? { senderBic: mt.senderBic } : {}),
  };
}
