import { createHash } from "node:crypto";
import type { DraftDocument } from "../../model/canonical.js";
import { MappingTrace, xmlReport } from "../mapping.js";
import type { FormatReader, ReadDocument, Sniffed } from "../types.js";
import { Cursor, ReadLog } from "../xml/cursor.js";
import { readParty } from "./party.js";
import { compact, FieldReader } from "./values.js";

export const UBL_NS = {
  Invoice: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
  CreditNote: "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
} as const;

const INCOTERMS = new Set(["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"]);

/** Data whose loss would change what the invoice says: it must map or the ingest fails. */
const MANDATORY = [
  /^\/(Invoice|CreditNote)\/(InvoiceLine|CreditNoteLine)(\[\d+\])?\/(LineExtensionAmount|InvoicedQuantity|CreditedQuantity)$/,
];

function allowanceCharges(list: Cursor[], f: FieldReader, base: string, charge: boolean) {
  return list
    .filter((ac) => (ac.child("ChargeIndicator", "cbc")?.text()?.trim() === "true") === charge)
    .map((ac, i) => {
      const p = `${base}/${i}`;
      return compact({
        amount: f.num(ac.child("Amount", "cbc"), `${p}/amount`) ?? 0,
        baseAmount: f.num(ac.child("BaseAmount", "cbc"), `${p}/baseAmount`),
        percent: f.num(ac.child("MultiplierFactorNumeric", "cbc"), `${p}/percent`),
        reason: f.text(ac.child("AllowanceChargeReason", "cbc"), `${p}/reason`),
        reasonCode: f.text(ac.child("AllowanceChargeReasonCode", "cbc"), `${p}/reasonCode`),
        taxCategory: f.text(ac.at("cac:TaxCategory", "cbc:ID"), `${p}/taxCategory`),
        taxRate: f.num(ac.at("cac:TaxCategory", "cbc:Percent"), `${p}/taxRate`),
      });
    });
}

/** UBL 2.x Invoice or CreditNote → canonical commercial-invoice (EN 16931 semantics). */
export function readUblInvoice(s: Extract<Sniffed, { kind: "xml" }>): ReadDocument {
  const credit = s.xml.root === "CreditNote";
  const log = new ReadLog();
  const trace = new MappingTrace();
  const f = new FieldReader(trace);
  const r = Cursor.root(s.xml.tree, s.xml.root, "", log);
  const lineName = credit ? "cac:CreditNoteLine" : "cac:InvoiceLine";
  const qtyName = credit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity";
  const currency = f.text(r.child("DocumentCurrencyCode", "cbc"), "/currency");

  const typeCode = f.text(
    r.child(credit ? "CreditNoteTypeCode" : "InvoiceTypeCode", "cbc"),
    "/invoiceTypeCode",
  );
  if (!typeCode)
    trace.defaulted(
      "/invoiceTypeCode",
      credit ? "381" : "380",
      "no type code given; UNTDID 1001 default for the document kind",
    );

  const lines = r.all(lineName).map((l, i) => {
    const p = `/lines/${i}`;
    const q = l.at(qtyName);
    const item = l.child("Item", "cac");
    const hs = item
      ?.all("cac:CommodityClassification")
      .map((cc) => cc.child("ItemClassificationCode", "cbc"))
      .find((c) => c?.attr("listID")?.toUpperCase() === "HS");
    const baseQty = f.num(l.at("cac:Price", "cbc:BaseQuantity"), `${p}/priceBaseQuantity`);
    return compact({
      sequence: i + 1,
      lineId: f.text(l.child("ID", "cbc"), `${p}/lineId`),
      description:
        f.text(item?.child("Name", "cbc"), `${p}/description`) ??
        f.text(item?.child("Description", "cbc"), `${p}/description`) ??
        "",
      sellerItemId: f.text(item?.at("cac:SellersItemIdentification", "cbc:ID"), `${p}/sellerItemId`),
      hsCode: f.text(hs, `${p}/hsCode`)?.replace(/[\s.]/g, ""),
      originCountry: f.text(item?.at("cac:OriginCountry", "cbc:IdentificationCode"), `${p}/originCountry`),
      quantity: q
        ? compact({
            value: f.num(q, `${p}/quantity/value`) ?? 0,
            unit: f.attr(q, "unitCode", `${p}/quantity/unit`) ?? defaultUnit(trace, p),
          })
        : undefined,
      unitPrice: f.num(l.at("cac:Price", "cbc:PriceAmount"), `${p}/unitPrice`),
      priceBaseQuantity: baseQty,
      allowances: allowanceCharges(l.all("cac:AllowanceCharge"), f, `${p}/allowances`, false),
      charges: allowanceCharges(l.all("cac:AllowanceCharge"), f, `${p}/charges`, true),
      lineAmount: f.num(l.child("LineExtensionAmount", "cbc"), `${p}/lineAmount`),
      taxCategory: f.text(item?.at("cac:ClassifiedTaxCategory", "cbc:ID"), `${p}/taxCategory`),
      taxRate: f.num(item?.at("cac:ClassifiedTaxCategory", "cbc:Percent"), `${p}/taxRate`),
    });
  });

  // Several TaxTotals happen when a tax currency differs (BT-111); the canonical one is in the invoice currency.
  const taxTotals = r.all("cac:TaxTotal");
  const taxTotal =
    taxTotals.find((t) => t.child("TaxAmount", "cbc")?.attr("currencyID") === currency) ?? taxTotals[0];
  const taxes = (taxTotal?.all("cac:TaxSubtotal") ?? []).map((t, i) => {
    const p = `/taxes/${i}`;
    return compact({
      category: f.text(t.at("cac:TaxCategory", "cbc:ID"), `${p}/category`) ?? "",
      rate: f.num(t.at("cac:TaxCategory", "cbc:Percent"), `${p}/rate`),
      taxableAmount: f.num(t.child("TaxableAmount", "cbc"), `${p}/taxableAmount`) ?? 0,
      taxAmount: f.num(t.child("TaxAmount", "cbc"), `${p}/taxAmount`) ?? 0,
      exemptionReason: f.text(t.at("cac:TaxCategory", "cbc:TaxExemptionReason"), `${p}/exemptionReason`),
    });
  });
  const m = r.child("LegalMonetaryTotal", "cac") ?? r.child("RequestedMonetaryTotal", "cac");
  const totals = compact({
    lineTotal: f.num(m?.child("LineExtensionAmount", "cbc"), "/totals/lineTotal"),
    allowanceTotal: f.num(m?.child("AllowanceTotalAmount", "cbc"), "/totals/allowanceTotal"),
    chargeTotal: f.num(m?.child("ChargeTotalAmount", "cbc"), "/totals/chargeTotal"),
    taxExclusive: f.num(m?.child("TaxExclusiveAmount", "cbc"), "/totals/taxExclusive"),
    taxTotal: f.num(taxTotal?.child("TaxAmount", "cbc"), "/totals/taxTotal"),
    taxInclusive: f.num(m?.child("TaxInclusiveAmount", "cbc"), "/totals/taxInclusive"),
    prepaid: f.num(m?.child("PrepaidAmount", "cbc"), "/totals/prepaid"),
    rounding: f.num(m?.child("PayableRoundingAmount", "cbc"), "/totals/rounding"),
    payable: f.num(m?.child("PayableAmount", "cbc"), "/totals/payable"),
  });
  for (const t of taxTotals) if (t !== taxTotal) t.consume();

  const dt = r.child("DeliveryTerms", "cac");
  const incotermCode = dt?.child("ID", "cbc")?.text()?.trim().toUpperCase();
  const incoterms =
    incotermCode && INCOTERMS.has(incotermCode)
      ? compact({
          code: incotermCode,
          place: compact({
            locode: f.text(dt?.at("cac:DeliveryLocation", "cbc:ID"), "/incoterms/place/locode"),
            name: f.text(
              dt?.at("cac:DeliveryLocation", "cac:Address", "cbc:CityName"),
              "/incoterms/place/name",
            ),
          }),
        })
      : undefined;
  if (incoterms) trace.from("/incoterms/code", dt?.child("ID", "cbc")?.path);

  const seller = readParty(r.at("cac:AccountingSupplierParty", "cac:Party"), f, "/seller");
  const delivery = r.child("Delivery", "cac");
  const attachments = r.all("cac:AdditionalDocumentReference").flatMap((ref, i) => {
    const bin = ref.at("cac:Attachment", "cbc:EmbeddedDocumentBinaryObject");
    const content = bin?.text();
    if (!bin || !content) return [];
    const bytes = Buffer.from(content.replace(/\s+/g, ""), "base64");
    trace.from(`/attachments/${i}`, bin.path);
    return [
      compact({
        mediaType: bin.attr("mimeCode")?.toLowerCase() ?? "application/octet-stream",
        digest: `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
        size: bytes.length,
        filename: bin.attr("filename"),
        description: ref.child("DocumentDescription", "cbc")?.text(),
      }),
    ];
  });
  const references = [
    ...r.all("cac:AdditionalDocumentReference").map((ref) => ({
      type:
        ref.child("DocumentTypeCode", "cbc")?.text() ?? ref.child("DocumentType", "cbc")?.text() ?? "other",
      number: ref.child("ID", "cbc")?.text() ?? "",
    })),
    ...r
      .all("cac:DespatchDocumentReference")
      .map((ref) => ({ type: "despatch-advice", number: ref.child("ID", "cbc")?.text() ?? "" })),
    ...r
      .all("cac:ContractDocumentReference")
      .map((ref) => ({ type: "contract", number: ref.child("ID", "cbc")?.text() ?? "" })),
    ...r.all("cac:BillingReference").map((ref) => ({
      type: "commercial-invoice",
      number: ref.at("cac:InvoiceDocumentReference", "cbc:ID")?.text() ?? "",
    })),
  ].filter((x) => x.number !== "");

  const draft = compact({
    type: "commercial-invoice" as const,
    number: f.text(r.child("ID", "cbc"), "/number") ?? "",
    issuedAt: f.date(r.child("IssueDate", "cbc"), "/issuedAt") ?? "",
    issuer: seller ?? { name: "" },
    invoiceTypeCode: typeCode ?? (credit ? "381" : "380"),
    seller,
    buyer: readParty(r.at("cac:AccountingCustomerParty", "cac:Party"), f, "/buyer"),
    consignee: readParty(delivery?.child("DeliveryParty", "cac"), f, "/consignee"),
    currency,
    dueDate: f.date(r.child("DueDate", "cbc") ?? r.at("cac:PaymentMeans", "cbc:PaymentDueDate"), "/dueDate"),
    paymentTerms: f.text(r.at("cac:PaymentTerms", "cbc:Note"), "/paymentTerms"),
    buyerReference: f.text(r.child("BuyerReference", "cbc"), "/buyerReference"),
    orderReference: f.text(r.at("cac:OrderReference", "cbc:ID"), "/orderReference"),
    incoterms,
    deliveryDate: f.date(delivery?.child("ActualDeliveryDate", "cbc"), "/deliveryDate"),
    lines,
    allowances: allowanceCharges(r.all("cac:AllowanceCharge"), f, "/allowances", false),
    charges: allowanceCharges(r.all("cac:AllowanceCharge"), f, "/charges", true),
    taxes,
    totals,
    references,
    attachments,
    notes: r
      .all("cbc:Note")
      .map((n) => n.text())
      .filter((x): x is string => x !== undefined),
  }) as unknown as DraftDocument;
  // Version markers and profile ids are envelope facts, not invoice data.
  for (const k of ["UBLVersionID", "CustomizationID", "ProfileID", "UBLExtensions"])
    r.child(k, "cbc")?.consume();
  r.child("UBLExtensions", "ext")?.consume();
  const version = r.child("UBLVersionID", "cbc")?.text() ?? "2.1";
  trace.from("/issuer", r.at("cac:AccountingSupplierParty", "cac:Party")?.path);
  return {
    draft,
    format: `ubl-${version}`,
    originalType: s.xml.root,
    report: xmlReport("ubl-invoice", s.xml.tree, `/${s.xml.root}`, log, trace, MANDATORY),
    sourceMap: trace.sourceMap,
  };
}

function defaultUnit(trace: MappingTrace, p: string): string {
  trace.defaulted(`${p}/quantity/unit`, "C62", "no unitCode; Rec 20 C62 (one) assumed");
  return "C62";
}

export const ublInvoiceReader: FormatReader = {
  id: "ubl-invoice",
  accepts: (s) =>
    s.kind === "xml" && (s.xml.namespace === UBL_NS.Invoice || s.xml.namespace === UBL_NS.CreditNote),
  read: (s) => (s.kind === "xml" ? [readUblInvoice(s)] : []),
};
