import type { DraftDocument } from "../../model/canonical.js";
import { MappingTrace, xmlReport } from "../mapping.js";
import type { ReadDocument, Sniffed } from "../types.js";
import { Cursor, ReadLog } from "../xml/cursor.js";
import { ublVersion } from "./invoice.js";
import { FieldReader } from "./values.js";

export type XmlSniffed = Extract<Sniffed, { kind: "xml" }>;

/**
 * Runs one UBL document mapping and wraps it with its report: the envelope facts every UBL
 * document shares (version and profile markers, extensions, signatures) are taken as read.
 */
export function readUblDocument(
  s: XmlSniffed,
  reader: string,
  map: (r: Cursor, f: FieldReader) => DraftDocument,
  mandatory: readonly RegExp[] = [],
): ReadDocument {
  const log = new ReadLog();
  const trace = new MappingTrace();
  const f = new FieldReader(trace);
  const r = Cursor.root(s.xml.tree, s.xml.root, "", log);
  const draft = map(r, f);
  for (const k of ["UBLVersionID", "CustomizationID", "ProfileID", "ProfileExecutionID", "UUID"])
    r.child(k, "cbc")?.consume();
  r.child("UBLExtensions", "ext")?.consume();
  for (const sig of r.all("cac:Signature")) sig.consume();
  return {
    draft,
    format: `ubl-${ublVersion(r)}`,
    originalType: s.xml.root,
    report: xmlReport(reader, s.xml.tree, `/${s.xml.root}`, log, trace, mandatory),
    sourceMap: trace.sourceMap,
  };
}
