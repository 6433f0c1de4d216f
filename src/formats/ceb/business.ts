import type { DraftDocument } from "../../model/canonical.js";
import type { SupersedesRef } from "../types.js";
import { compact, type FieldReader } from "../ubl/values.js";
import type { Cursor } from "../xml/cursor.js";
import { TRANSPORT_MODES } from "./codes.js";
import { chinaTime, countryOf, currency, enterprise, functionCode, quantity } from "./common.js";

type Obj = Record<string, unknown>;

/** What one CEB entity maps to, with how it names the document it changes (appType 2 or 3). */
export interface EntityRead {
  readonly draft: DraftDocument;
  readonly supersedesRef?: SupersedesRef;
  readonly delta?: boolean;
}

function date(c: Cursor | undefined, f: FieldReader, pointer: string): string {
  return chinaTime(c, f, pointer)?.slice(0, 10) ?? "";
}

function supersedes(
  draft: Obj,
  type: SupersedesRef["type"],
  key: SupersedesRef["key"],
  value: string | undefined,
): EntityRead {
  const fc = draft["functionCode"];
  const d = draft as DraftDocument;
  return fc && fc !== "original" && value ? { draft: d, supersedesRef: { type, key, value } } : { draft: d };
}

function notes(c: Cursor | undefined, f: FieldReader): string[] | undefined {
  const n = f.text(c, "/notes/0");
  return n ? [n] : undefined;
}

/**
 * CEB303 export order (电子订单) → commercial-invoice. In a 9610 export the platform's order is
 * the sale: the e-commerce enterprise (ebc) sells, the order number is what the inventory
 * declaration and the payment refer to. The overseas consumer is not named in the order.
 */
export function readOrder(order: Cursor, f: FieldReader): EntityRead {
  const head = order.child("OrderHead", "ceb");
  const seller = enterprise(head?.child("ebcCode", "ceb"), head?.child("ebcName", "ceb"), f, "/seller");
  const cur = currency(head?.child("currency", "ceb"), f, "/currency");
  const lines = order.all("ceb:OrderList").map((l, i) => {
    const p = `/lines/${i}`;
    return compact({
      sequence: f.int(l.child("gnum", "ceb"), `${p}/sequence`, 1) ?? i + 1,
      lineId: l.child("gnum", "ceb")?.text()?.trim(),
      description: f.text(l.child("itemName", "ceb"), `${p}/description`)?.slice(0, 512) ?? "",
      sellerItemId: f.text(l.child("itemNo", "ceb"), `${p}/sellerItemId`),
      quantity: quantity(l.child("qty", "ceb"), l.child("unit", "ceb"), f, `${p}/quantity`),
      unitPrice: f.num(l.child("price", "ceb"), `${p}/unitPrice`),
      lineAmount: f.num(l.child("totalPrice", "ceb"), `${p}/lineAmount`),
    });
  });
  // The line currency repeats the order's; it is read to check it, not mapped twice.
  for (const l of order.all("ceb:OrderList")) {
    const c = l.child("currency", "ceb");
    if (c && currency(c, f, "/currency") !== cur && cur)
      f.trace.issue({
        message: "a line is in another currency than the order",
        xpath: c.path,
        ruleId: "CEB-CURRENCY",
        severity: "warning",
      });
  }
  const goods = f.num(head?.child("goodsValue", "ceb"), "/totals/lineTotal");
  const freight = f.num(head?.child("freight", "ceb"), "/charges/0/amount");
  const total = goods !== undefined ? Math.round((goods + (freight ?? 0)) * 100000) / 100000 : undefined;
  if (total !== undefined) {
    f.trace.defaulted("/totals/taxExclusive", total, "goods value plus freight: a CEB order carries no tax");
    f.trace.defaulted("/totals/payable", total, "goods value plus freight: a CEB order carries no tax");
  }
  f.trace.defaulted(
    "/buyer",
    "overseas buyer (not named in CEB303)",
    "an export order does not name the overseas consumer",
  );
  f.trace.defaulted(
    "/invoiceTypeCode",
    "380",
    "the e-commerce order stands as the commercial invoice of the 9610 export",
  );
  const number = f.text(head?.child("orderNo", "ceb"), "/number");
  const draft = compact({
    type: "commercial-invoice",
    number: number ?? "",
    issuedAt: date(head?.child("appTime", "ceb"), f, "/issuedAt"),
    issuer: seller ?? { name: "" },
    functionCode: functionCode(head?.child("appType", "ceb"), f),
    invoiceTypeCode: "380",
    seller,
    buyer: { name: "overseas buyer (not named in CEB303)" },
    currency: cur,
    lines,
    charges: freight ? [{ amount: freight, reason: "freight" }] : undefined,
    totals: compact({
      lineTotal: goods,
      chargeTotal: freight || undefined,
      taxExclusive: total,
      payable: total,
    }),
    notes: notes(head?.child("note", "ceb"), f),
  });
  return supersedes(draft, "commercial-invoice", "number", number);
}

/**
 * CEB403 payment receipt (收款单) → status-event, bank category, paid: the payment enterprise
 * attests that the order was paid. The event answers the order (the commercial invoice).
 */
export function readPayment(r: Cursor, f: FieldReader): EntityRead {
  const payer = enterprise(r.child("payCode", "ceb"), r.child("payName", "ceb"), f, "/partner");
  const charge = f.num(r.child("charge", "ceb"), "/bank/amount/value");
  const cur = currency(r.child("currency", "ceb"), f, "/bank/amount/currency");
  const occurred = chinaTime(r.child("accountingDate", "ceb"), f, "/occurredAt");
  const draft = compact({
    type: "status-event",
    number: f.text(r.child("payNo", "ceb"), "/number") ?? f.text(r.child("guid", "ceb"), "/number") ?? "",
    issuedAt: date(r.child("appTime", "ceb"), f, "/issuedAt"),
    issuer: payer ?? { name: "" },
    category: "bank",
    status: "paid",
    answers: compact({
      documentType: "commercial-invoice",
      documentNumber: f.text(r.child("orderNo", "ceb"), "/answers/documentNumber")?.slice(0, 70),
    }),
    partner: payer,
    occurredAt: occurred,
    bank: compact({ amount: charge !== undefined && cur ? { value: charge, currency: cur } : undefined }),
    text: f.text(r.child("note", "ceb"), "/text"),
  });
  return { draft: draft as DraftDocument };
}

/**
 * CEB505 logistics waybill (物流运单) → packing-list: the parcel count, gross weight and goods the
 * logistics enterprise took over from the e-commerce enterprise (the consignor). It names no
 * ports or vessel, so it is no bill of lading; its number is what the inventory declaration cites.
 */
export function readLogistics(l: Cursor, f: FieldReader): EntityRead {
  const carrier = enterprise(l.child("logisticsCode", "ceb"), l.child("logisticsName", "ceb"), f, "/issuer");
  const consignor = enterprise(l.child("ebcCode", "ceb"), l.child("ebcName", "ceb"), f, "/consignor");
  const count = f.int(l.child("packNo", "ceb"), "/packages/0/count", 1);
  f.trace.defaulted("/packages/0/typeCode", "PK", "parcels: Rec 21 PK (package)");
  const goods = f.text(l.child("goodsInfo", "ceb"), "/notes/0");
  const weight = f.num(l.child("grossWeight", "ceb"), "/totals/grossWeight/value");
  const number = f.text(l.child("logisticsNo", "ceb"), "/number");
  const draft = compact({
    type: "packing-list",
    number: number ?? "",
    issuedAt: date(l.child("appTime", "ceb"), f, "/issuedAt"),
    issuer: carrier ?? { name: "" },
    functionCode: functionCode(l.child("appType", "ceb"), f),
    consignor:
      consignor && l.child("ebcTelephone", "ceb")
        ? {
            ...consignor,
            contact: { phone: f.text(l.child("ebcTelephone", "ceb"), "/consignor/contact/phone") },
          }
        : consignor,
    packages: count !== undefined ? [{ sequence: 1, count, typeCode: "PK" }] : undefined,
    totals: compact({
      packageCount: count,
      grossWeight: weight !== undefined ? { value: weight, unit: "KGM" } : undefined,
    }),
    notes: [...(goods ? [goods] : []), ...(notes(l.child("note", "ceb"), f) ?? [])],
  });
  return supersedes(draft, "packing-list", "number", number);
}

/**
 * CEB603 export inventory (出口申报清单) → export-declaration: the simplified customs declaration
 * of a cross-border e-commerce export, lodged by the customs broker (agent) for the
 * e-commerce enterprise (ebc, the consignor of record). tradeMode (监管方式, e.g. 9610) is the
 * procedure; the inventory number customs assigns (invtNo) is its MRN.
 */
export function readInventory(inv: Cursor, f: FieldReader): EntityRead {
  const head = inv.child("InventoryHead", "ceb");
  const h = (n: string) => head?.child(n, "ceb");
  const exporter = enterprise(h("ebcCode"), h("ebcName"), f, "/exporter");
  const declarant = enterprise(h("agentCode"), h("agentName"), f, "/declarant");
  const procedure = f.text(h("tradeMode"), "/goodsItems/0/procedure")?.slice(0, 7);
  const items = inv.all("ceb:InventoryList").map((g, i) => {
    const p = `/goodsItems/${i}`;
    const spec = f.text(g.child("gmodel", "ceb"), `${p}/description`);
    const name = f.text(g.child("gname", "ceb"), `${p}/description`);
    const hs = g.child("gcode", "ceb");
    return compact({
      sequence: f.int(g.child("gnum", "ceb"), `${p}/sequence`, 1) ?? i + 1,
      description: [name, spec].filter(Boolean).join(" ").slice(0, 512),
      hsCode: f.code(hs, `${p}/hsCode`, /^[0-9]{6,10}$/, "an HS code"),
      quantity: quantity(g.child("qty", "ceb"), g.child("unit", "ceb"), f, `${p}/quantity`),
      value: f.num(g.child("totalPrice", "ceb"), `${p}/value`),
      procedure,
    });
  });
  const curs = inv
    .all("ceb:InventoryList")
    .map((g) => currency(g.child("currency", "ceb"), f, "/invoice/currency"));
  const cur = curs.find((c) => c !== undefined);
  const amount = items.reduce((n, it) => n + (it["value"] ?? 0), 0);
  if (cur) f.trace.defaulted("/invoice/amount", amount, "the inventory states item values only; their sum");
  f.trace.defaulted("/exportCountry", "CN", "a CEB inventory is lodged with China customs");
  f.trace.defaulted("/declarationType", "EX", "China has no EU-style declaration type; EX (export)");
  const mode = h("trafMode")?.text()?.trim();
  const border = mode ? TRANSPORT_MODES[mode] : undefined;
  if (border) f.text(h("trafMode"), "/transport/modeAtBorder");
  const copNo = f.text(h("copNo"), "/lrn");
  const order = f.text(h("orderNo"), "/invoice/number");
  const waybill = f.text(h("logisticsNo"), "/references/1/number");
  const draft = compact({
    type: "export-declaration",
    number: copNo ?? "",
    issuedAt: date(h("appTime"), f, "/issuedAt"),
    issuer: declarant ?? exporter ?? { name: "" },
    functionCode: functionCode(h("appType"), f),
    declarationType: "EX",
    lrn: copNo,
    mrn: f.text(h("invtNo"), "/mrn"),
    customsOffice: f.text(h("customsCode"), "/customsOffice")?.slice(0, 17),
    exporter,
    declarant: declarant ?? exporter,
    exportCountry: "CN",
    destinationCountry: countryOf(h("country"), f, "/destinationCountry"),
    invoice: cur
      ? compact({ number: order, currency: cur, amount: Math.round(amount * 100000) / 100000 })
      : undefined,
    transport: compact({
      modeAtBorder: border,
      meansName: f.text(h("trafName"), "/transport/meansName")?.slice(0, 70),
      voyage: f.text(h("voyageNo"), "/transport/voyage")?.slice(0, 35),
      exitOffice: f.text(h("portCode"), "/transport/exitOffice")?.slice(0, 17),
    }),
    goodsItems: items,
    totals: compact({
      packageCount: f.int(h("packNo"), "/totals/packageCount"),
      grossWeight: (() => {
        const w = f.num(h("grossWeight"), "/totals/grossWeight/value");
        return w !== undefined ? { value: w, unit: "KGM" } : undefined;
      })(),
    }),
    carrier: enterprise(h("logisticsCode"), h("logisticsName"), f, "/carrier"),
    references: [
      ...(order ? [{ type: "commercial-invoice", number: order }] : []),
      ...(waybill ? [{ type: "packing-list", number: waybill }] : []),
      ...(h("billNo")?.text()?.trim()
        ? [{ type: "transport-document", number: f.text(h("billNo"), "/references/2/number")! }]
        : []),
    ],
    notes: notes(h("note"), f),
  });
  return supersedes(draft, "export-declaration", "number", copNo);
}

/**
 * CEB605 inventory cancellation request (撤销申请单) → export-declaration cancellation: a delta
 * that names the inventory by its customs number (invtNo) and carries the reason.
 */
export function readInventoryCancel(c: Cursor, f: FieldReader): EntityRead {
  const declarant = enterprise(c.child("agentCode", "ceb"), c.child("agentName", "ceb"), f, "/declarant");
  const invtNo = f.text(c.child("invtNo", "ceb"), "/mrn");
  const copNo = f.text(c.child("copNo", "ceb"), "/references/0/number");
  const draft = compact({
    type: "export-declaration",
    number: copNo ?? invtNo ?? "",
    issuedAt: date(c.child("appTime", "ceb"), f, "/issuedAt"),
    issuer: declarant ?? { name: "" },
    functionCode: "cancellation",
    mrn: invtNo,
    customsOffice: f.text(c.child("customsCode", "ceb"), "/customsOffice")?.slice(0, 17),
    exporter: enterprise(c.child("ebcCode", "ceb"), c.child("ebcName", "ceb"), f, "/exporter"),
    declarant,
    references: copNo ? [{ type: "customs-request", number: copNo }] : undefined,
    notes: [f.text(c.child("reason", "ceb"), "/notes/0"), ...(notes(c.child("note", "ceb"), f) ?? [])].filter(
      (x): x is string => x !== undefined,
    ),
  });
  c.child("appType", "ceb")?.text();
  return invtNo
    ? {
        draft: draft as DraftDocument,
        delta: true,
        supersedesRef: { type: "export-declaration", key: "mrn", value: invtNo },
      }
    : { draft: draft as DraftDocument, delta: true };
}
