import type { XmlBuilder as XMLBuilder } from "../../xml/builder.js";
import type { CanonicalDocument, PartyData } from "../../../model/canonical.js";
import { referenceCode } from "../codes.js";
import { arr, obj, strs, UblWriter, type Obj } from "./builder.js";

/** References the invoice syntax has its own element for; the rest become AdditionalDocumentReference. */
const OWN_REFERENCES: Readonly<Record<string, string>> = {
  "despatch-advice": "cac:DespatchDocumentReference",
  "receiving-advice": "cac:ReceiptDocumentReference",
  tender: "cac:OriginatorDocumentReference",
  contract: "cac:ContractDocumentReference",
  project: "cac:ProjectReference",
};

function allowanceCharge(
  w: UblWriter,
  parent: XMLBuilder,
  ac: Obj,
  charge: boolean,
  currency: string | undefined,
): void {
  const e = w.el(parent, "cac:AllowanceCharge");
  w.el(e, "cbc:ChargeIndicator", charge);
  w.opt(e, "cbc:AllowanceChargeReasonCode", ac["reasonCode"]);
  w.opt(e, "cbc:AllowanceChargeReason", ac["reason"]);
  w.opt(e, "cbc:MultiplierFactorNumeric", ac["percent"]);
  w.amount(e, "cbc:Amount", ac["amount"], currency);
  w.amount(e, "cbc:BaseAmount", ac["baseAmount"], currency);
  if (ac["taxCategory"] !== undefined) {
    const t = w.el(e, "cac:TaxCategory");
    w.el(t, "cbc:ID", ac["taxCategory"]);
    w.opt(t, "cbc:Percent", ac["taxRate"]);
    w.el(w.el(t, "cac:TaxScheme"), "cbc:ID", "VAT");
  }
}

function line(w: UblWriter, root: XMLBuilder, l: Obj, credit: boolean, currency: string | undefined): void {
  const e = w.el(root, credit ? "cac:CreditNoteLine" : "cac:InvoiceLine");
  w.el(e, "cbc:ID", l["lineId"] ?? l["sequence"]);
  w.quantity(e, credit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", l["quantity"]);
  w.amount(e, "cbc:LineExtensionAmount", l["lineAmount"], currency);
  for (const a of arr(l["allowances"])) allowanceCharge(w, e, a, false, currency);
  for (const c of arr(l["charges"])) allowanceCharge(w, e, c, true, currency);
  const item = w.el(e, "cac:Item");
  w.el(item, "cbc:Name", l["description"]);
  if (l["sellerItemId"] !== undefined)
    w.el(w.el(item, "cac:SellersItemIdentification"), "cbc:ID", l["sellerItemId"]);
  w.country(item, "cac:OriginCountry", l["originCountry"]);
  if (l["hsCode"] !== undefined)
    w.el(w.el(item, "cac:CommodityClassification"), "cbc:ItemClassificationCode", l["hsCode"], {
      listID: "HS",
    });
  if (l["taxCategory"] !== undefined) {
    const t = w.el(item, "cac:ClassifiedTaxCategory");
    w.el(t, "cbc:ID", l["taxCategory"]);
    w.opt(t, "cbc:Percent", l["taxRate"]);
    w.el(w.el(t, "cac:TaxScheme"), "cbc:ID", "VAT");
  }
  if (l["unitPrice"] !== undefined) {
    const p = w.el(e, "cac:Price");
    w.amount(p, "cbc:PriceAmount", l["unitPrice"], currency);
    w.opt(p, "cbc:BaseQuantity", l["priceBaseQuantity"]);
  }
}

/**
 * Canonical commercial-invoice → UBL 2.3 Invoice (CreditNote for type 381), in the element
 * order of the UBL schemas and with EN 16931 semantics, so that the UBL reader gives the same
 * document back. Attachments are not written: the canonical document holds their digests,
 * not their bytes.
 */
export function writeUblInvoice(doc: CanonicalDocument): string {
  const credit = doc["invoiceTypeCode"] === "381";
  const w = new UblWriter(credit ? "CreditNote" : "Invoice");
  const r = w.root;
  const currency = typeof doc["currency"] === "string" ? doc["currency"] : undefined;
  // UBL 2.3: the first version whose CreditNote carries cbc:DueDate (BT-9).
  w.el(r, "cbc:UBLVersionID", "2.3");
  w.el(r, "cbc:ID", doc.number);
  w.el(r, "cbc:IssueDate", doc.issuedAt.slice(0, 10));
  w.opt(r, "cbc:DueDate", doc["dueDate"]);
  w.opt(r, credit ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode", doc["invoiceTypeCode"]);
  for (const n of strs(doc["notes"])) w.el(r, "cbc:Note", n);
  w.opt(r, "cbc:DocumentCurrencyCode", currency);
  w.opt(r, "cbc:TaxCurrencyCode", doc["taxCurrency"]);
  w.opt(r, "cbc:BuyerReference", doc["buyerReference"]);
  const refs = doc.references ?? [];
  const salesOrder = refs.find((x) => x.type === "sales-order");
  if (doc["orderReference"] !== undefined) {
    const o = w.el(r, "cac:OrderReference");
    w.el(o, "cbc:ID", doc["orderReference"]);
    if (salesOrder) w.el(o, "cbc:SalesOrderID", salesOrder.number);
  }
  for (const p of arr(doc["precedingInvoices"])) {
    const d = w.el(w.el(r, "cac:BillingReference"), "cac:InvoiceDocumentReference");
    w.el(d, "cbc:ID", p["number"]);
    w.opt(d, "cbc:IssueDate", p["issuedAt"]);
  }
  const own = (el: string) => refs.filter((x) => OWN_REFERENCES[x.type] === el);
  for (const el of [
    "cac:DespatchDocumentReference",
    "cac:ReceiptDocumentReference",
    "cac:OriginatorDocumentReference",
    "cac:ContractDocumentReference",
  ])
    for (const x of own(el)) w.el(w.el(r, el), "cbc:ID", x.number);
  for (const x of refs.filter(
    (x) => !OWN_REFERENCES[x.type] && !(x.type === "sales-order" && doc["orderReference"] !== undefined),
  )) {
    const d = w.el(r, "cac:AdditionalDocumentReference");
    w.el(d, "cbc:ID", x.number);
    w.opt(d, "cbc:DocumentTypeCode", referenceCode(x.type));
  }
  for (const x of own("cac:ProjectReference")) w.el(w.el(r, "cac:ProjectReference"), "cbc:ID", x.number);
  w.wrappedParty(r, "cac:AccountingSupplierParty", doc["seller"] as PartyData | undefined);
  w.wrappedParty(r, "cac:AccountingCustomerParty", doc["buyer"] as PartyData | undefined);
  if (doc["consignee"] !== undefined || doc["deliveryDate"] !== undefined) {
    const d = w.el(r, "cac:Delivery");
    w.opt(d, "cbc:ActualDeliveryDate", doc["deliveryDate"]);
    w.party(d, "cac:DeliveryParty", doc["consignee"] as PartyData | undefined);
  }
  const terms = obj(doc["incoterms"]);
  if (terms) {
    const t = w.el(r, "cac:DeliveryTerms");
    w.el(t, "cbc:ID", terms["code"]);
    w.location(t, "cac:DeliveryLocation", terms["place"]);
  }
  if (doc["paymentMeansCode"] !== undefined)
    w.el(w.el(r, "cac:PaymentMeans"), "cbc:PaymentMeansCode", doc["paymentMeansCode"]);
  if (doc["paymentTerms"] !== undefined) w.el(w.el(r, "cac:PaymentTerms"), "cbc:Note", doc["paymentTerms"]);
  for (const a of arr(doc["allowances"])) allowanceCharge(w, r, a, false, currency);
  for (const c of arr(doc["charges"])) allowanceCharge(w, r, c, true, currency);
  const totals = obj(doc["totals"]) ?? {};
  const taxes = arr(doc["taxes"]);
  if (taxes.length > 0 || totals["taxTotal"] !== undefined) {
    const tt = w.el(r, "cac:TaxTotal");
    w.amount(tt, "cbc:TaxAmount", totals["taxTotal"] ?? 0, currency);
    for (const t of taxes) {
      const st = w.el(tt, "cac:TaxSubtotal");
      w.amount(st, "cbc:TaxableAmount", t["taxableAmount"], currency);
      w.amount(st, "cbc:TaxAmount", t["taxAmount"], currency);
      const cat = w.el(st, "cac:TaxCategory");
      w.el(cat, "cbc:ID", t["category"]);
      w.opt(cat, "cbc:Percent", t["rate"]);
      w.opt(cat, "cbc:TaxExemptionReason", t["exemptionReason"]);
      w.el(w.el(cat, "cac:TaxScheme"), "cbc:ID", "VAT");
    }
  }
  const m = w.el(r, "cac:LegalMonetaryTotal");
  const totalOrder: [string, string][] = [
    ["lineTotal", "cbc:LineExtensionAmount"],
    ["taxExclusive", "cbc:TaxExclusiveAmount"],
    ["taxInclusive", "cbc:TaxInclusiveAmount"],
    ["allowanceTotal", "cbc:AllowanceTotalAmount"],
    ["chargeTotal", "cbc:ChargeTotalAmount"],
    ["prepaid", "cbc:PrepaidAmount"],
    ["rounding", "cbc:PayableRoundingAmount"],
    ["payable", "cbc:PayableAmount"],
  ];
  for (const [k, el] of totalOrder) w.amount(m, el, totals[k], currency);
  for (const l of arr(doc["lines"])) line(w, r, l, credit, currency);
  return w.end();
}
