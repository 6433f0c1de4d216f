import type { CanonicalDocument, DocumentType } from "../../model/canonical.js";
import { incoterm } from "../validate/rules/codes.js";
import type { Equipment, Location, MeansOfTransport, Party } from "../validate/rules/views/common.js";
import { asInvoice, type Invoice } from "../validate/rules/views/invoice.js";
import { asLcPresentation, type LcPresentation } from "../validate/rules/views/lc-presentation.js";
import { asPackingList, type PackingList } from "../validate/rules/views/packing-list.js";
import {
  asBillOfLading,
  asShippingInstruction,
  type BillOfLading,
  type ShippingInstruction,
} from "../validate/rules/views/transport-document.js";
import type { At } from "./builder.js";

/** A value with the field it was read from. */
export interface Sourced<T> {
  readonly value: T;
  readonly at: At;
  readonly note?: string;
}

/**
 * The dossier as derivation reads it: one invoice (the commercial basis; a consignment is invoiced
 * once), its packing list, and whatever carries shipment data.
 */
export interface Sources {
  readonly invoice: CanonicalDocument;
  readonly inv: Invoice;
  readonly packing: CanonicalDocument | undefined;
  readonly pl: PackingList | undefined;
  readonly bill: CanonicalDocument | undefined;
  readonly bl: BillOfLading | undefined;
  readonly instruction: CanonicalDocument | undefined;
  readonly si: ShippingInstruction | undefined;
  readonly presentation: CanonicalDocument | undefined;
  readonly lc: LcPresentation | undefined;
  readonly present: ReadonlySet<DocumentType>;
}

function firstOf(dossier: readonly CanonicalDocument[], type: DocumentType): CanonicalDocument | undefined {
  return dossier.find((d) => d.type === type);
}

export function sourcesOf(dossier: readonly CanonicalDocument[]): Sources | undefined {
  const invoice = firstOf(dossier, "commercial-invoice");
  if (!invoice) return undefined;
  const packing = firstOf(dossier, "packing-list");
  const bill = firstOf(dossier, "bill-of-lading");
  const instruction = firstOf(dossier, "shipping-instruction");
  const presentation = firstOf(dossier, "lc-presentation");
  return {
    invoice,
    inv: asInvoice(invoice),
    packing,
    pl: packing && asPackingList(packing),
    bill,
    bl: bill && asBillOfLading(bill),
    instruction,
    si: instruction && asShippingInstruction(instruction),
    presentation,
    lc: presentation && asLcPresentation(presentation),
    present: new Set(dossier.map((d) => d.type)),
  };
}

/** The exporter: the invoice's exporter when it names one, else the seller. */
export function exporter(s: Sources): Sourced<Party> {
  return s.inv.exporter !== undefined
    ? { value: s.inv.exporter, at: { doc: s.invoice, pointer: "/exporter" } }
    : { value: s.inv.seller, at: { doc: s.invoice, pointer: "/seller" } };
}

/** The consignee: the invoice's, else the packing list's, else the buyer. */
export function consignee(s: Sources): Sourced<Party> {
  if (s.inv.consignee !== undefined)
    return { value: s.inv.consignee, at: { doc: s.invoice, pointer: "/consignee" } };
  if (s.pl?.consignee !== undefined)
    return { value: s.pl.consignee, at: { doc: s.packing!, pointer: "/consignee" } };
  return { value: s.inv.buyer, at: { doc: s.invoice, pointer: "/buyer" } };
}

function pick<T>(candidates: readonly (Sourced<T | undefined> | undefined)[]): Sourced<T> | undefined {
  for (const c of candidates) if (c?.value !== undefined) return c as Sourced<T>;
  return undefined;
}

function at<T>(
  doc: CanonicalDocument | undefined,
  value: T | undefined,
  pointer: string,
  note?: string,
): Sourced<T | undefined> | undefined {
  return doc ? { value, at: { doc, pointer }, ...(note !== undefined ? { note } : {}) } : undefined;
}

/**
 * Where shipment data comes from, most authoritative first: the bill of lading (the carrier's evidence of
 * what was shipped), the shipping instruction (the booking as the shipper gave it), the packing list and
 * the invoice (which name the ports), the credit (44E/44F), and last the Incoterms place, which is the
 * port of loading under the F-rules and the port of destination under the C-rules.
 */
export interface Shipment {
  readonly portOfLoading: Sourced<Location> | undefined;
  readonly portOfDischarge: Sourced<Location> | undefined;
  readonly vessel: Sourced<MeansOfTransport> | undefined;
  readonly equipment: Sourced<readonly Equipment[]> | undefined;
  readonly date: Sourced<string> | undefined;
  readonly carrier: Sourced<Party> | undefined;
}

const DEPARTURE_TERMS = new Set(["FAS", "FOB", "FCA"]);

export function shipmentOf(s: Sources): Shipment {
  const terms = s.inv.incoterms;
  const place = terms?.place;
  const termAt = (pointerNote: string): Sourced<Location | undefined> => ({
    value: place,
    at: { doc: s.invoice, pointer: "/incoterms/place" },
    note: pointerNote,
  });
  const cDestination =
    terms !== undefined &&
    (incoterm(terms.code)?.sellerInsures === true || terms.code === "CFR" || terms.code === "CPT");
  return {
    portOfLoading: pick<Location>([
      at(s.bill, s.bl?.portOfLoading, "/portOfLoading"),
      at(s.instruction, s.si?.portOfLoading, "/portOfLoading"),
      at(s.packing, s.pl?.portOfLoading, "/portOfLoading"),
      at(s.invoice, s.inv.portOfLoading, "/portOfLoading"),
      at(s.presentation, s.lc?.credit.portOfLoading, "/credit/portOfLoading"),
      terms !== undefined && DEPARTURE_TERMS.has(terms.code)
        ? termAt(`the named place of ${terms.code} is the port of shipment`)
        : undefined,
    ]),
    portOfDischarge: pick<Location>([
      at(s.bill, s.bl?.portOfDischarge, "/portOfDischarge"),
      at(s.instruction, s.si?.portOfDischarge, "/portOfDischarge"),
      at(s.packing, s.pl?.portOfDischarge, "/portOfDischarge"),
      at(s.invoice, s.inv.portOfDischarge, "/portOfDischarge"),
      at(s.presentation, s.lc?.credit.portOfDischarge, "/credit/portOfDischarge"),
      cDestination ? termAt(`the named place of ${terms.code} is the port of destination`) : undefined,
    ]),
    vessel: pick<MeansOfTransport>([
      at(s.bill, s.bl?.vessel, "/vessel"),
      at(s.instruction, s.si?.vessel, "/vessel"),
    ]),
    equipment: pick<readonly Equipment[]>([
      at(s.bill, s.bl?.equipment, "/equipment"),
      at(s.instruction, s.si?.equipment, "/equipment"),
      at(s.packing, s.pl?.equipment, "/equipment"),
    ]),
    date: pick<string>([
      at(s.bill, s.bl?.shippedOnBoardDate, "/shippedOnBoardDate"),
      at(s.packing, s.pl?.shipmentDate, "/shipmentDate"),
    ]),
    carrier: pick<Party>([
      at(s.bill, s.bl?.carrier, "/carrier"),
      at(s.instruction, s.si?.carrier, "/carrier"),
    ]),
  };
}
