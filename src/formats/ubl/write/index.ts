import { ProblemError } from "../../../errors/index.js";
import type { CanonicalDocument, DocumentType } from "../../../model/canonical.js";
import { writeCertificateOfOrigin, writeGoodsCertificate, writePackingList } from "./documents.js";
import { writeUblInvoice } from "./invoice.js";
import { writeTransportDocument } from "./shipping.js";

/** Canonical types the UBL writer renders, and the UBL document each becomes. */
const WRITERS: Partial<Readonly<Record<DocumentType, (doc: CanonicalDocument) => string>>> = {
  "commercial-invoice": writeUblInvoice,
  "packing-list": (d) => writePackingList(d, "DespatchAdvice"),
  "bill-of-lading": writeTransportDocument,
  "shipping-instruction": writeTransportDocument,
  "certificate-of-origin": writeCertificateOfOrigin,
  "inspection-certificate": writeGoodsCertificate,
};

export const UBL_WRITABLE: readonly DocumentType[] = Object.keys(WRITERS) as DocumentType[];

/**
 * Canonical document → UBL 2.x XML in canonical form (see UblWriter): Invoice or CreditNote,
 * DespatchAdvice, BillOfLading or Waybill, ForwardingInstructions, CertificateOfOrigin,
 * GoodsCertificate. The partner adapters render with it.
 */
export function writeUbl(doc: CanonicalDocument): string {
  const write = WRITERS[doc.type];
  if (!write) throw new ProblemError("SWG_UNSUPPORTED_DOCUMENT", `no UBL writer for ${doc.type}`);
  return write(doc);
}

export { writePackingList };
