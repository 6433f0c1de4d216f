import { ProblemError } from "../../errors/index.js";
import { MappingTrace, xmlReport } from "../mapping.js";
import type { FormatReader, ReadDocument, Sniffed } from "../types.js";
import { FieldReader } from "../ubl/values.js";
import { Cursor, ReadLog } from "../xml/cursor.js";
import type { XmlNode, XmlValue } from "../xml/parse.js";
import {
  readInventory,
  readInventoryCancel,
  readLogistics,
  readOrder,
  readPayment,
  type EntityRead,
} from "./business.js";
import { CEB_NS } from "./common.js";
import { readReceipt, type ReceiptKind } from "./receipts.js";

type XmlSniffed = Extract<Sniffed, { kind: "xml" }>;
type Mapper = (entity: Cursor, f: FieldReader) => EntityRead;

/** The CEB 2022-05 export messages the gateway reads: the entity element each carries (up to 100 per message) and its mapping. */
const MESSAGES: Readonly<Record<string, { readonly entity: string; readonly read: Mapper }>> = {
  CEB303Message: { entity: "Order", read: readOrder },
  CEB403Message: { entity: "Receipts", read: readPayment },
  CEB505Message: { entity: "Logistics", read: readLogistics },
  CEB603Message: { entity: "Inventory", read: readInventory },
  CEB605Message: { entity: "InvtCancel", read: readInventoryCancel },
};

const RECEIPTS: Readonly<Record<string, { readonly entity: string; readonly kind: ReceiptKind }>> = {
  CEB304Message: { entity: "OrderReturn", kind: { answers: "commercial-invoice", number: ["orderNo"] } },
  CEB404Message: { entity: "ReceiptsReturn", kind: { answers: "commercial-invoice", number: ["orderNo"] } },
  CEB506Message: { entity: "LogisticsReturn", kind: { answers: "packing-list", number: ["logisticsNo"] } },
  CEB604Message: {
    entity: "InventoryReturn",
    kind: { answers: "export-declaration", number: ["copNo", "invtNo"] },
  },
  CEB606Message: {
    entity: "InvtCancelReturn",
    kind: { answers: "export-declaration", number: ["copNo", "invtNo"] },
  },
};

/** Why the other CEB messages are refused: no canonical document carries what they say. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  "213": "an export return request (退货申请单) has no canonical document type",
  "215": "a tally list (理货明细单) has no canonical document type",
  "507": "an arrival list (运抵单) lists waybills arrived at the supervised site: no canonical document type",
  "509": "a departure list (离境单) has no canonical document type",
  "607": "a master/house waybill list (清单总分单) has no canonical document type",
  "701": "a summary declaration application (汇总申请单) has no canonical document type",
  "792": "a summary result (汇总结果单) has no canonical document type",
};

function refusal(root: string): ProblemError {
  const code = /^CEB(\d{3})/.exec(root)?.[1] ?? "";
  const n = Number(code);
  const why =
    UNSUPPORTED[code] ??
    (code && !root.endsWith("Message")
      ? `the root element ${root} is not a CEB message element (the schema names it CEB${code}Message)`
      : (n >= 311 && n < 400) ||
          (n >= 411 && n < 500) ||
          (n >= 511 && n < 600) ||
          (n >= 621 && n < 700) ||
          n >= 711
        ? `CEB${code} belongs to the import flow: the canonical model has export declarations only`
        : `CEB${code} is a receipt for a message the gateway does not read`);
  return new ProblemError("SWG_UNSUPPORTED_DOCUMENT", why, [
    { message: why, xpath: `/ceb:${root}`, ruleId: "CEB-MESSAGE" },
  ]);
}

/** One canonical document per entity; its report covers the entity and the message envelope. */
function readMessage(s: XmlSniffed, entity: string, map: Mapper): ReadDocument[] {
  const shared = new ReadLog();
  const root = Cursor.root(s.xml.tree, s.xml.root, "ceb", shared);
  // The enveloped signature is the PKI stage's to verify; the transfer block names the sender's connection.
  root.child("Signature", "ds")?.consume();
  for (const attr of ["guid", "version"]) root.attr(attr);
  const envelope: Record<string, XmlValue> = {};
  for (const [k, v] of Object.entries(s.xml.tree)) if (k !== entity) envelope[k] = v;
  const entities = root.all(`ceb:${entity}`);
  return entities.map((e) => {
    const log = new ReadLog();
    for (const l of shared.leaves) log.leaves.add(l);
    for (const t of shared.subtrees) log.subtrees.add(t);
    const trace = new MappingTrace();
    const f = new FieldReader(trace);
    const cursor = new Cursor(e.node, e.path, e.key, log);
    const read = map(cursor, f);
    const tree: XmlNode = { ...envelope, [e.key.slice(e.key.lastIndexOf("/") + 1)]: e.node };
    return {
      ...read,
      format: "ceb-2022",
      originalType: s.xml.root,
      report: xmlReport(`ceb-${s.xml.root.slice(3, 6)}`, tree, `/${s.xml.root}`, log, trace),
      sourceMap: trace.sourceMap,
    };
  });
}

function read(s: XmlSniffed): ReadDocument[] {
  const m = MESSAGES[s.xml.root];
  if (m) return readMessage(s, m.entity, m.read);
  const r = RECEIPTS[s.xml.root];
  if (r) return readMessage(s, r.entity, (e, f) => ({ draft: readReceipt(e, r.kind, f) }));
  throw refusal(s.xml.root);
}

/** China customs cross-border e-commerce messages (CEB, 2022-05 edition). */
export const cebReader: FormatReader = {
  id: "ceb",
  accepts: (s) => s.kind === "xml" && s.xml.namespace === CEB_NS && /^CEB\d{3}/.test(s.xml.root),
  read: (s) => (s.kind === "xml" ? read(s) : []),
};
