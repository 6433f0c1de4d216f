import type { FormatReader, ReadDocument, Sniffed } from "../types.js";
import { INVOICE_KINDS, readUblInvoice } from "./invoice.js";
import { ublNamespace } from "./namespaces.js";

type XmlSniffed = Extract<Sniffed, { kind: "xml" }>;

/** UBL main documents the gateway reads, by document name → the reader for it. */
const UBL_DOCUMENTS: Readonly<Record<string, (s: XmlSniffed) => ReadDocument>> = {
  ...Object.fromEntries(Object.keys(INVOICE_KINDS).map((k) => [k, readUblInvoice])),
};

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
