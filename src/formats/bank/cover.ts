import type { CanonicalDocument } from "../../model/canonical.js";
import { digestOf } from "../../util/digest.js";
import { jcs } from "../../util/jcs.js";

/** Format id and version of the cover schedule (docs/adapters.md, adapters/bank/README.md). */
export const COVER_FORMAT = "swg-lc-cover-1.0";

type Obj = Readonly<Record<string, unknown>>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Obj => !!x) : []);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const int = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isInteger(v) ? v : undefined;

/** A document of the presentation as the cover lists it. */
export interface CoverEntry {
  readonly documentType: string;
  readonly number: string;
  readonly issuedAt?: string;
  readonly originals?: number;
  readonly copies?: number;
  /** The gateway id of the version enclosed, when the gateway holds the document. */
  readonly documentId?: string;
  readonly version?: number;
  /** sha256 over the JCS form of the enclosed document, as the bank receives it. */
  readonly digest?: string;
  /** Whether the document travels in this package (false: presented outside the gateway, e.g. a draft on paper). */
  readonly enclosed: boolean;
}

export interface CoverLine {
  /** 1-based position of the requirement in field 46A. */
  readonly item: number;
  readonly documentType: string;
  readonly text: string;
  readonly originalsRequired?: number;
  readonly copiesRequired?: number;
  readonly fullSet?: boolean;
  readonly presented: readonly CoverEntry[];
  /** presented: at least one document answers the requirement; missing: none does. */
  readonly state: "presented" | "missing";
}

export interface CoverSchedule {
  readonly format: typeof COVER_FORMAT;
  /** Quote this in field 21 of MT 750, 734, 752 and 754 (16 characters at most). */
  readonly reference: string;
  readonly messageId: string;
  readonly presentation: {
    readonly documentId: string;
    readonly version: number;
    readonly functionCode: string;
    readonly presentationDate?: string;
    readonly drawingNumber?: string;
    readonly drawingAmount?: { readonly value: number; readonly currency: string };
    readonly presenter?: unknown;
    readonly presentingBank?: unknown;
  };
  readonly credit: {
    readonly number?: string;
    readonly issuingBank?: unknown;
    readonly availableWith?: unknown;
    readonly currency?: string;
    readonly amount?: number;
    readonly expiryDate?: string;
    readonly expiryPlace?: string;
  };
  /** The documents against the 46A requirements, in 46A order. */
  readonly schedule: readonly CoverLine[];
  /** Documents presented that no 46A requirement names. */
  readonly additional: readonly CoverEntry[];
  readonly totals: {
    readonly requirements: number;
    readonly missing: number;
    readonly documents: number;
    readonly enclosed: number;
  };
}

export interface PresentationPackage {
  readonly cover: CoverSchedule;
  /** The enclosed documents, each as the bank may see it, in the order presented. */
  readonly documents: readonly CanonicalDocument[];
}

/** A sea waybill answers a 46A line for one; a bill of lading answers one for a bill of lading. */
function typeOf(d: CanonicalDocument): string {
  return d.type === "bill-of-lading" && d["variant"] === "sea-waybill" ? "sea-waybill" : d.type;
}

/**
 * Builds the cover schedule of a presentation under a documentary credit: every presented
 * document listed against the 46A requirement it answers, with the gateway's copy enclosed
 * when the consignment holds it. ISO 20022 has no presentation message and the MT 7xx
 * series has none from the beneficiary's side, hence a documented format of our own.
 */
export function buildPresentationPackage(
  presentation: CanonicalDocument,
  related: readonly CanonicalDocument[],
  messageId: string,
): PresentationPackage {
  const credit = obj(presentation["credit"]) ?? {};
  const currency = str(credit["currency"]);
  const byId = new Map(related.map((d) => [d.id, d]));
  const byNumber = new Map(related.map((d) => [`${typeOf(d)}|${d.number}`, d]));
  const enclosed: CanonicalDocument[] = [];

  const entries = arr(presentation["presentedDocuments"]).map((p): CoverEntry => {
    const type = str(p["documentType"]) ?? "other";
    const number = str(p["number"]) ?? "";
    const id = str(p["documentId"]);
    const doc = (id ? byId.get(id) : undefined) ?? byNumber.get(`${type}|${number}`);
    if (doc && !enclosed.includes(doc)) enclosed.push(doc);
    return {
      documentType: type,
      number,
      ...(str(p["issuedAt"]) ? { issuedAt: str(p["issuedAt"]) } : {}),
      ...(int(p["originals"]) !== undefined ? { originals: int(p["originals"]) } : {}),
      ...(int(p["copies"]) !== undefined ? { copies: int(p["copies"]) } : {}),
      ...(doc ? { documentId: doc.id, version: doc.version, digest: digestOf(jcs(doc)) } : {}),
      enclosed: !!doc,
    };
  });

  // Each presented document answers the first requirement of its type still unanswered, else
  // the first of its type; so two "other" lines take one document each, in order.
  const requirements = arr(credit["documentsRequired"]);
  const answered: CoverEntry[][] = requirements.map(() => []);
  const additional: CoverEntry[] = [];
  for (const e of entries) {
    const sameType = requirements
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => str(r["documentType"]) === e.documentType);
    const slot = sameType.find(({ i }) => answered[i]!.length === 0) ?? sameType[0];
    if (slot) answered[slot.i]!.push(e);
    else additional.push(e);
  }
  const schedule = requirements.map((r, i): CoverLine => ({
    item: i + 1,
    documentType: str(r["documentType"]) ?? "other",
    text: str(r["text"]) ?? "",
    ...(int(r["originals"]) !== undefined ? { originalsRequired: int(r["originals"]) } : {}),
    ...(int(r["copies"]) !== undefined ? { copiesRequired: int(r["copies"]) } : {}),
    ...(r["fullSet"] === true ? { fullSet: true } : {}),
    presented: answered[i]!,
    state: answered[i]!.length > 0 ? "presented" : "missing",
  }));
  const drawing =
    typeof presentation["drawingAmount"] === "number" ? presentation["drawingAmount"] : undefined;
  const cover: CoverSchedule = {
    format: COVER_FORMAT,
    reference: presentation.number,
    messageId,
    presentation: {
      documentId: presentation.id,
      version: presentation.version,
      functionCode: presentation.functionCode,
      ...(str(presentation["presentationDate"])
        ? { presentationDate: str(presentation["presentationDate"]) }
        : {}),
      ...(str(presentation["drawingNumber"]) ? { drawingNumber: str(presentation["drawingNumber"]) } : {}),
      ...(drawing !== undefined && currency ? { drawingAmount: { value: drawing, currency } } : {}),
      ...(presentation["presenter"] ? { presenter: presentation["presenter"] } : {}),
      ...(presentation["presentingBank"] ? { presentingBank: presentation["presentingBank"] } : {}),
    },
    credit: {
      ...(str(credit["number"]) ? { number: str(credit["number"]) } : {}),
      ...(credit["issuingBank"] ? { issuingBank: credit["issuingBank"] } : {}),
      ...(credit["availableWith"] ? { availableWith: credit["availableWith"] } : {}),
      ...(currency ? { currency } : {}),
      ...(typeof credit["amount"] === "number" ? { amount: credit["amount"] } : {}),
      ...(str(credit["expiryDate"]) ? { expiryDate: str(credit["expiryDate"]) } : {}),
      ...(str(credit["expiryPlace"]) ? { expiryPlace: str(credit["expiryPlace"]) } : {}),
    },
    schedule,
    additional,
    totals: {
      requirements: schedule.length,
      missing: schedule.filter((l) => l.state === "missing").length,
      documents: entries.length,
      enclosed: entries.filter((e) => e.enclosed).length,
    },
  };
  return { cover, documents: enclosed };
}
