import type { DocumentType } from "../../../../model/canonical.js";
import { dayNumber } from "../dates.js";
import type { Dossier } from "../dossier.js";
import type { DocEntry } from "../types.js";
import {
  asLcPresentation,
  type CreditDocumentType,
  type Credit,
  type LcPresentation,
} from "../views/lc-presentation.js";
import { asBillOfLading, shipmentDate } from "../views/transport-document.js";

/** A presentation under a credit with the dossier documents it presents, resolved once per run. */
export interface Presentation {
  readonly entry: DocEntry;
  readonly lc: LcPresentation;
  readonly credit: Credit;
  /** The presented documents found in the dossier. */
  readonly documents: readonly DocEntry[];
  readonly invoices: readonly DocEntry[];
  readonly bills: readonly DocEntry[];
  readonly insurances: readonly DocEntry[];
  /** The date of shipment (UCP 600 art. 31(b): the latest of several transport documents), as a day number. */
  readonly shipmentDay: number | undefined;
  /** The bill of lading that evidences that date. */
  readonly shipmentBill: DocEntry | undefined;
}

/** The canonical type a 46A document kind is carried as. */
function canonicalType(t: CreditDocumentType): DocumentType | undefined {
  switch (t) {
    case "commercial-invoice":
    case "packing-list":
    case "certificate-of-origin":
    case "inspection-certificate":
    case "insurance-certificate":
    case "bill-of-lading":
      return t;
    case "sea-waybill":
      return "bill-of-lading";
    case "air-waybill":
    case "draft":
    case "other":
      return undefined;
  }
}

function resolve(d: Dossier, lc: LcPresentation): DocEntry[] {
  const out: DocEntry[] = [];
  for (const p of lc.presentedDocuments) {
    const type = canonicalType(p.documentType);
    if (type === undefined) continue;
    const candidates = d.of(type);
    // By gateway id, else by number; a document listed under another number than the dossier's only one
    // of its type is still that document (the number conflict is for the examiner, not for matching).
    const found =
      candidates.find((e) => p.documentId !== undefined && e.doc.id === p.documentId) ??
      candidates.find((e) => e.doc.number === p.number) ??
      (candidates.length === 1 ? candidates[0] : undefined);
    if (found && !out.includes(found)) out.push(found);
  }
  return out;
}

const cache = new WeakMap<Dossier, Presentation[]>();

export function presentations(d: Dossier): readonly Presentation[] {
  const hit = cache.get(d);
  if (hit) return hit;
  const list: Presentation[] = [];
  for (const entry of d.of("lc-presentation")) {
    const lc = asLcPresentation(entry.doc);
    const documents = resolve(d, lc);
    const bills = documents.filter((e) => e.doc.type === "bill-of-lading");
    let shipmentDay: number | undefined;
    let shipmentBill: DocEntry | undefined;
    for (const b of bills) {
      const day = dayNumber(shipmentDate(asBillOfLading(b.doc)));
      if (day !== undefined && (shipmentDay === undefined || day > shipmentDay)) {
        shipmentDay = day;
        shipmentBill = b;
      }
    }
    list.push({
      entry,
      lc,
      credit: lc.credit,
      documents,
      invoices: documents.filter((e) => e.doc.type === "commercial-invoice"),
      bills,
      insurances: documents.filter((e) => e.doc.type === "insurance-certificate"),
      shipmentDay,
      shipmentBill,
    });
  }
  cache.set(d, list);
  return list;
}

/** UCP 600 art. 14(c): 21 calendar days after shipment when the credit states no period. */
export const DEFAULT_PRESENTATION_DAYS = 21;

/**
 * The last day for presentation: the earlier of expiry (31D) and shipment + the period (48), or
 * expiry alone when the period cannot be counted from shipment.
 */
export function lastPresentationDay(
  p: Presentation,
): { day: number; cause: "expiry" | "period" } | undefined {
  const expiry = dayNumber(p.credit.expiryDate);
  if (expiry === undefined) return undefined;
  const period = p.credit.presentationPeriod;
  if (p.shipmentDay === undefined || period?.narrative !== undefined) return { day: expiry, cause: "expiry" };
  const byPeriod = p.shipmentDay + (period?.days ?? DEFAULT_PRESENTATION_DAYS);
  return byPeriod < expiry ? { day: byPeriod, cause: "period" } : { day: expiry, cause: "expiry" };
}
