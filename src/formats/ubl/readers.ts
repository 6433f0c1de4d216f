import type { FormatReader, ReadDocument } from "../types.js";
import { CERTIFICATE_READERS } from "./certificates.js";
import { CUSTOMS_READERS } from "./customs.js";
import type { XmlSniffed } from "./document.js";
import { INVOICE_KINDS, readUblInvoice } from "./invoice.js";
import { ublNamespace } from "./namespaces.js";
import { PACKING_READERS } from "./packing.js";
import { STATUS_READERS } from "./status.js";
import { TRANSPORT_READERS } from "./transport.js";

/** UBL main documents the gateway reads, by document name → the reader for it. */
const UBL_DOCUMENTS: Readonly<Record<string, (s: XmlSniffed) => ReadDocument>> = {
  ...Object.fromEntries(Object.keys(INVOICE_KINDS).map((k) => [k, readUblInvoice])),
  ...PACKING_READERS,
  ...TRANSPORT_READERS,
  ...CERTIFICATE_READERS,
  ...CUSTOMS_READERS,
  ...STATUS_READERS,
};

/** The UBL documents read, for documentation and tests. */
export const UBL_DOCUMENT_NAMES: readonly string[] = Object.keys(UBL_DOCUMENTS);

/** The UBL reader: accepts a root element whose namespace is its UBL 2.x document namespace. */
export const ublReader: FormatReader = {
  id: "ubl",
  accepts: (s) =>
    s.kind === "xml" &&
    UBL_DOCUMENTS[s.xml.root] !== undefined &&
    s.xml.namespace === ublNamespace(s.xml.root),
  read: (s) => {
    if (s.kind !== "xml") return [];
    const read = UBL_DOCUMENTS[s.xml.root];
    return read ? [read(s)] : [];
  },
};
