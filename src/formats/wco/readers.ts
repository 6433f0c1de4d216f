import { MappingTrace, xmlReport } from "../mapping.js";
import type { FormatReader, ReadDocument, Sniffed } from "../types.js";
import { FieldReader } from "../ubl/values.js";
import { Cursor, ReadLog } from "../xml/cursor.js";
import type { XmlNode } from "../xml/parse.js";
import { readDeclaration } from "./declaration.js";
import { WCO_NS } from "./namespaces.js";
import { readResponse } from "./response.js";

type XmlSniffed = Extract<Sniffed, { kind: "xml" }>;

/** HMRC's internal envelope around a DEC (WSO2 header + requestDetail), seen in the CDS samples. */
const MDG_SUBMIT = "http://uk/gov/hmrc/mdg/declarationmanagement/submitdeclaration/request/schema/v1";

/** Data whose loss changes what a declaration declares. */
const MANDATORY = [
  /\/GovernmentAgencyGoodsItem(\[\d+\])?\/StatisticalValueAmount$/,
  /\/Declaration\/InvoiceAmount$/,
];

/** The WCO metadata element: the root, or the one an MDG envelope carries. */
function metadata(s: XmlSniffed, log: ReadLog): Cursor | undefined {
  if (s.xml.root === "MetaData") return Cursor.root(s.xml.tree, "MetaData", "md", log);
  if (s.xml.root !== "submitDeclarationRequest") return undefined;
  const r = Cursor.root(s.xml.tree, s.xml.root, "v1", log);
  r.child("requestCommon", "v1")?.consume();
  return r.at("v1:requestDetail", "md:MetaData");
}

function typeName(s: XmlSniffed): string | undefined {
  const meta =
    s.xml.root === "MetaData"
      ? s.xml.tree
      : ((s.xml.tree["requestDetail"] as XmlNode | undefined)?.["MetaData"] as XmlNode | undefined);
  const t = meta?.["WCOTypeName"];
  return typeof t === "string" ? t.trim() : undefined;
}

function accepts(s: Sniffed): s is XmlSniffed {
  if (s.kind !== "xml") return false;
  const wco = s.xml.root === "MetaData" && (s.xml.namespace === WCO_NS.metadata || s.xml.namespace === "");
  const mdg = s.xml.root === "submitDeclarationRequest" && s.xml.namespace === MDG_SUBMIT;
  const t = wco || mdg ? typeName(s) : undefined;
  return t === "RES" || (t?.startsWith("DEC") ?? false);
}

/** WCO DM 3.x messages as the UK CDS publishes them: declarations (DEC) and responses (RES). */
function read(s: XmlSniffed): ReadDocument {
  const log = new ReadLog();
  const trace = new MappingTrace();
  const f = new FieldReader(trace);
  const meta = metadata(s, log)!;
  const res = meta.child("Response");
  let document: Omit<ReadDocument, "report" | "sourceMap">;
  if (res) {
    const draft = readResponse(meta, res, f);
    const agency = f.text(meta.child("ResponsibleAgencyName", "md"), "/issuer/name");
    if (!agency)
      trace.defaulted(
        "/issuer",
        null,
        "the notification does not name the customs authority; the answering partner does",
      );
    document = {
      draft: agency ? { ...draft, issuer: { name: agency } } : draft,
      format: "wco-res-dms-2",
      originalType: "RES",
    };
  } else {
    const read = readDeclaration(meta, meta.child("Declaration") ?? meta, f);
    const change = read.change;
    document = {
      draft: read.draft,
      format: "wco-dec-dms-2",
      originalType: change?.delta ? `DEC ${change.functionCode === "cancellation" ? "INV" : "COR"}` : "DEC",
      ...(change
        ? {
            ...(change.delta ? { delta: true } : {}),
            supersedesRef: { type: "export-declaration" as const, key: change.key, value: change.value },
          }
        : {}),
    };
  }
  return {
    ...document,
    report: xmlReport("wco", s.xml.tree, `/${s.xml.root}`, log, trace, MANDATORY),
    sourceMap: trace.sourceMap,
  };
}

export const wcoReader: FormatReader = {
  id: "wco",
  accepts,
  read: (s) => (accepts(s) ? [read(s)] : []),
};
