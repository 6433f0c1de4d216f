import type { DraftDocument, PartyData } from "../../model/canonical.js";
import { digestOf } from "../../util/digest.js";
import { MappingTrace, xmlReport } from "../mapping.js";
import type { ReadDocument, Sniffed } from "../types.js";
import { Cursor, ReadLog } from "../xml/cursor.js";
import { hsCode, readLocation } from "./common.js";
import { INCOTERMS, referenceKind } from "./codes.js";
import { identifier, readAddress, readParty } from "./party.js";
import { compact, FieldReader } from "./values.js";

type Obj = Record<string, unknown>;

/** How each UBL invoice-like document names its parts (UBL 2.x maindoc schemas). */
export interface InvoiceKind {
  readonly line: string;
  readonly quantity: string;
  readonly typeCode: string;
  readonly total: readonly string[];
  /** UNTDID 1001 code when the document carries none. */
  readonly defaultType: string;
}

export const INVOICE_KINDS: Readonly<Record<string, InvoiceKind>> = {
  Invoice: {
    line: "InvoiceLine",
    quantity: "InvoicedQuantity",
    typeCode: "InvoiceTypeCode",
    total: ["LegalMonetaryTotal"],
    defaultType: "380",
  },
  CreditNote: {
    line: "CreditNoteLine",
    quantity: "CreditedQuantity",
    typeCode: "CreditNoteTypeCode",
    total: ["LegalMonetaryTotal"],
    defaultType: "381",
  },
  DebitNote: {
    line: "DebitNoteLine",
    quantity: "DebitedQuantity",
    typeCode: "DebitNoteTypeCode",
    total: ["RequestedMonetaryTotal", "LegalMonetaryTotal"],
    defaultType: "383",
  },
  SelfBilledInvoice: {
    line: "InvoiceLine",
    quantity: "InvoicedQuantity",
    typeCode: "InvoiceTypeCode",
    total: ["LegalMonetaryTotal"],
    defaultType: "389",
  },
  SelfBilledCreditNote: {
    line: "CreditNoteLine",
    quantity: "CreditedQuantity",
    typeCode: "CreditNoteTypeCode",
    total: ["LegalMonetaryTotal"],
    defaultType: "261",
  },
};

/** Data whose loss would change what the invoice says: it must map or the ingest fails. */
export const INVOICE_MANDATORY = [
  /^\/\w+\/(InvoiceLine|CreditNoteLine|DebitNoteLine)(\[\d+\])?\/(LineExtensionAmount|InvoicedQuantity|CreditedQuantity|DebitedQuantity)$/,
  /^\/\w+\/(LegalMonetaryTotal|RequestedMonetaryTotal)\/PayableAmount$/,
];

/** EN 16931 allowances (ChargeIndicator false) or charges (true), document or line level. */
export function allowanceCharges(
  list: readonly Cursor[],
  f: FieldReader,
  base: string,
  charge: boolean,
  currency: string | undefined,
): Obj[] {
  return list
    .filter((ac) => (ac.child("ChargeIndicator", "cbc")?.text()?.trim() === "true") === charge)
    .map((ac, i) => {
      const p = `${base}/${i}`;
      f.vat(ac.child("TaxCategory", "cac"));
      return compact({
        amount: f.money(ac.child("Amount", "cbc"), `${p}/amount`, currency) ?? 0,
        baseAmount: f.money(ac.child("BaseAmount", "cbc"), `${p}/baseAmount`, currency),
        percent: f.num(ac.child("MultiplierFactorNumeric", "cbc"), `${p}/percent`),
        reason: f.text(ac.child("AllowanceChargeReason", "cbc"), `${p}/reason`),
        reasonCode: f.text(ac.child("AllowanceChargeReasonCode", "cbc"), `${p}/reasonCode`),
        taxCategory: f.text(ac.at("cac:TaxCategory", "cbc:ID"), `${p}/taxCategory`),
        taxRate: f.num(ac.at("cac:TaxCategory", "cbc:Percent"), `${p}/taxRate`),
      });
    });
}

/** One invoice line (BG-25) → canonical line; used by the tree reader and the streaming one. */
export function readInvoiceLine(
  l: Cursor,
  i: number,
  kind: InvoiceKind,
  f: FieldReader,
  currency: string | undefined,
): Obj {
  const p = `/lines/${i}`;
  const item = l.child("Item", "cac");
  const price = l.child("Price", "cac");
  const acs = l.all("cac:AllowanceCharge");
  f.vat(item?.child("ClassifiedTaxCategory", "cac"));
  return compact({
    sequence: i + 1,
    lineId: f.text(l.child("ID", "cbc"), `${p}/lineId`),
    description:
      f.text(item?.child("Name", "cbc"), `${p}/description`) ??
      f.text(item?.child("Description", "cbc"), `${p}/description`) ??
      "",
    sellerItemId: f.text(item?.at("cac:SellersItemIdentification", "cbc:ID"), `${p}/sellerItemId`),
    hsCode: hsCode(item?.all("cac:CommodityClassification") ?? [], f, `${p}/hsCode`),
    originCountry: f.country(item?.at("cac:OriginCountry", "cbc:IdentificationCode"), `${p}/originCountry`),
    quantity: f.quantity(l.child(kind.quantity, "cbc"), `${p}/quantity`),
    unitPrice: f.money(price?.child("PriceAmount", "cbc"), `${p}/unitPrice`, currency),
    priceBaseQuantity: f.num(price?.child("BaseQuantity", "cbc"), `${p}/priceBaseQuantity`),
    allowances: allowanceCharges(acs, f, `${p}/allowances`, false, currency),
    charges: allowanceCharges(acs, f, `${p}/charges`, true, currency),
    lineAmount: f.money(l.child("LineExtensionAmount", "cbc"), `${p}/lineAmount`, currency),
    taxCategory: f.text(item?.at("cac:ClassifiedTaxCategory", "cbc:ID"), `${p}/taxCategory`),
    taxRate: f.num(item?.at("cac:ClassifiedTaxCategory", "cbc:Percent"), `${p}/taxRate`),
  });
}

/** Deliver-to (BG-13): the delivery party, with the delivery location's id (BT-71) and address (BG-15). */
function deliverTo(delivery: Cursor | undefined, f: FieldReader): PartyData | undefined {
  if (!delivery) return undefined;
  const party = readParty(delivery.child("DeliveryParty", "cac"), f, "/consignee");
  const location = delivery.child("DeliveryLocation", "cac");
  const idEl = location?.child("ID", "cbc");
  const id = f.text(idEl, `/consignee/identifiers/${party?.identifiers?.length ?? 0}/value`);
  const address = party?.address
    ? undefined
    : readAddress(location?.child("Address", "cac"), f, "/consignee/address");
  if (!party && !id) return undefined;
  const identifiers = [
    ...(party?.identifiers ?? []),
    ...(id ? [identifier(idEl?.attr("schemeID"), id, "OTHER")] : []),
  ];
  const name = party?.name ?? id!;
  if (!party)
    f.trace.defaulted(
      "/consignee/name",
      name,
      "the deliver-to party has no name; its location id stands for it",
    );
  return compact({ ...party, name, identifiers, ...(address ? { address } : {}) });
}

/** UBL 2.0 documents may leave out DocumentCurrencyCode: the payable amount's currencyID then names it. */
function amountCurrency(total: Cursor | undefined, f: FieldReader): string | undefined {
  const payable = total?.child("PayableAmount", "cbc");
  const c = payable?.attr("currencyID")?.trim().toUpperCase();
  if (!c || !/^[A-Z]{3}$/.test(c)) return undefined;
  f.trace.defaulted("/currency", c, "no DocumentCurrencyCode; the currency of the payable amount");
  f.trace.from("/currency", `${payable!.path}/@currencyID`);
  return c;
}

/** Everything of the invoice but its lines, which the caller maps (from the tree or a stream). */
export function readInvoiceHeader(
  r: Cursor,
  kind: InvoiceKind,
  f: FieldReader,
  lines: readonly Obj[],
): DraftDocument {
  const trace = f.trace;
  const m = kind.total.map((t) => r.child(t, "cac")).find((x) => x !== undefined);
  const currency = f.currency(r.child("DocumentCurrencyCode", "cbc"), "/currency") ?? amountCurrency(m, f);
  const typeCode = f.code(
    r.child(kind.typeCode, "cbc"),
    "/invoiceTypeCode",
    /^[0-9]{3}$/,
    "a UNTDID 1001 code",
  );
  if (!typeCode)
    trace.defaulted(
      "/invoiceTypeCode",
      kind.defaultType,
      "no type code; UNTDID 1001 code of the document kind",
    );

  // Several TaxTotals happen when a tax currency differs (BT-111); the canonical one is in the invoice currency.
  const taxTotals = r.all("cac:TaxTotal");
  const taxTotal =
    taxTotals.find((t) => t.child("TaxAmount", "cbc")?.attr("currencyID") === currency) ?? taxTotals[0];
  const taxes = (taxTotal?.all("cac:TaxSubtotal") ?? []).map((t, i) => {
    const p = `/taxes/${i}`;
    f.vat(t.child("TaxCategory", "cac"));
    return compact({
      category: f.text(t.at("cac:TaxCategory", "cbc:ID"), `${p}/category`) ?? "",
      rate: f.num(t.at("cac:TaxCategory", "cbc:Percent"), `${p}/rate`),
      taxableAmount: f.money(t.child("TaxableAmount", "cbc"), `${p}/taxableAmount`, currency) ?? 0,
      taxAmount: f.money(t.child("TaxAmount", "cbc"), `${p}/taxAmount`, currency) ?? 0,
      exemptionReason: f.text(t.at("cac:TaxCategory", "cbc:TaxExemptionReason"), `${p}/exemptionReason`),
    });
  });
  const totals = compact({
    lineTotal: f.money(m?.child("LineExtensionAmount", "cbc"), "/totals/lineTotal", currency),
    allowanceTotal: f.money(m?.child("AllowanceTotalAmount", "cbc"), "/totals/allowanceTotal", currency),
    chargeTotal: f.money(m?.child("ChargeTotalAmount", "cbc"), "/totals/chargeTotal", currency),
    taxExclusive: f.money(m?.child("TaxExclusiveAmount", "cbc"), "/totals/taxExclusive", currency),
    taxTotal: f.money(taxTotal?.child("TaxAmount", "cbc"), "/totals/taxTotal", currency),
    taxInclusive: f.money(m?.child("TaxInclusiveAmount", "cbc"), "/totals/taxInclusive", currency),
    prepaid: f.money(m?.child("PrepaidAmount", "cbc"), "/totals/prepaid", currency),
    rounding: f.money(m?.child("PayableRoundingAmount", "cbc"), "/totals/rounding", currency),
    payable: f.money(m?.child("PayableAmount", "cbc"), "/totals/payable", currency),
  });

  const delivery = r.child("Delivery", "cac");
  const dt = r.child("DeliveryTerms", "cac") ?? delivery?.child("DeliveryTerms", "cac");
  const incotermCode = dt?.child("ID", "cbc")?.text()?.trim().toUpperCase().slice(0, 3);
  const incoterms =
    incotermCode && INCOTERMS.has(incotermCode)
      ? compact({
          code: incotermCode,
          place: readLocation(dt?.child("DeliveryLocation", "cac"), f, "/incoterms/place"),
        })
      : undefined;
  if (incoterms) trace.from("/incoterms/code", dt?.child("ID", "cbc")?.path);

  const seller = readParty(r.at("cac:AccountingSupplierParty", "cac:Party"), f, "/seller");
  const attachments: Obj[] = [];
  const references: Obj[] = [];
  for (const ref of r.all("cac:AdditionalDocumentReference")) {
    const number = f.text(ref.child("ID", "cbc"), `/references/${references.length}/number`);
    const code = f.text(ref.child("DocumentTypeCode", "cbc"), `/references/${references.length}/type`);
    if (number) references.push({ type: referenceKind(code), number });
    const bin = ref.at("cac:Attachment", "cbc:EmbeddedDocumentBinaryObject");
    const content = bin?.text();
    if (!bin || !content) continue;
    const bytes = Buffer.from(content.replace(/\s+/g, ""), "base64");
    trace.from(`/attachments/${attachments.length}`, bin.path);
    attachments.push(
      compact({
        mediaType: (bin.attr("mimeCode") ?? "application/octet-stream").toLowerCase(),
        digest: digestOf(bytes),
        size: bytes.length,
        filename: bin.attr("filename"),
        description: f.text(
          ref.child("DocumentDescription", "cbc"),
          `/attachments/${attachments.length}/description`,
        ),
      }),
    );
  }
  const simpleRefs: [string, string][] = [
    ["cac:DespatchDocumentReference", "despatch-advice"],
    ["cac:ReceiptDocumentReference", "receiving-advice"],
    ["cac:ContractDocumentReference", "contract"],
    ["cac:OriginatorDocumentReference", "tender"],
    ["cac:ProjectReference", "project"],
  ];
  for (const [el, type] of simpleRefs) {
    for (const ref of r.all(el)) {
      const number = f.text(ref.child("ID", "cbc"), `/references/${references.length}/number`);
      if (number) references.push({ type, number });
    }
  }
  const salesOrder = f.text(
    r.at("cac:OrderReference", "cbc:SalesOrderID"),
    `/references/${references.length}/number`,
  );
  if (salesOrder) references.push({ type: "sales-order", number: salesOrder });
  const precedingInvoices = r
    .all("cac:BillingReference")
    .map((b) => b.child("InvoiceDocumentReference", "cac") ?? b.child("CreditNoteDocumentReference", "cac"))
    .filter((d): d is Cursor => d !== undefined)
    .map((d, i) =>
      compact({
        number: f.text(d.child("ID", "cbc"), `/precedingInvoices/${i}/number`) ?? "",
        issuedAt: f.date(d.child("IssueDate", "cbc"), `/precedingInvoices/${i}/issuedAt`),
      }),
    )
    .filter((x) => x.number !== "");

  const draft = compact({
    type: "commercial-invoice" as const,
    number: f.text(r.child("ID", "cbc"), "/number") ?? "",
    issuedAt: f.date(r.child("IssueDate", "cbc"), "/issuedAt") ?? "",
    issuer: seller ?? { name: "" },
    invoiceTypeCode: typeCode ?? kind.defaultType,
    seller,
    buyer: readParty(r.at("cac:AccountingCustomerParty", "cac:Party"), f, "/buyer"),
    consignee: deliverTo(delivery, f),
    currency,
    taxCurrency: f.currency(r.child("TaxCurrencyCode", "cbc"), "/taxCurrency"),
    dueDate: f.date(r.child("DueDate", "cbc") ?? r.at("cac:PaymentMeans", "cbc:PaymentDueDate"), "/dueDate"),
    paymentTerms:
      r
        .all("cac:PaymentTerms")
        .flatMap((t) => t.all("cbc:Note"))
        .map((n) => f.text(n, "/paymentTerms"))
        .filter((x): x is string => x !== undefined)
        .join("\n") || undefined,
    paymentMeansCode: f.code(
      r.at("cac:PaymentMeans", "cbc:PaymentMeansCode"),
      "/paymentMeansCode",
      /^[0-9A-Z]{1,3}$/,
      "a UNCL 4461 code",
    ),
    buyerReference: f.text(r.child("BuyerReference", "cbc"), "/buyerReference"),
    orderReference: f.text(r.at("cac:OrderReference", "cbc:ID"), "/orderReference"),
    incoterms,
    deliveryDate: f.date(delivery?.child("ActualDeliveryDate", "cbc"), "/deliveryDate"),
    lines,
    allowances: allowanceCharges(r.all("cac:AllowanceCharge"), f, "/allowances", false, currency),
    charges: allowanceCharges(r.all("cac:AllowanceCharge"), f, "/charges", true, currency),
    taxes,
    totals,
    precedingInvoices,
    references,
    attachments,
    notes: r
      .all("cbc:Note")
      .map((n, i) => f.text(n, `/notes/${i}`))
      .filter((x): x is string => x !== undefined),
  }) as unknown as DraftDocument;
  // Version markers and profile ids are envelope facts, not invoice data.
  for (const k of ["UBLVersionID", "CustomizationID", "ProfileID"]) r.child(k, "cbc")?.consume();
  r.child("UBLExtensions", "ext")?.consume();
  r.child("Signature", "cac")?.consume();
  trace.from("/issuer", r.at("cac:AccountingSupplierParty", "cac:Party")?.path);
  return draft;
}

/** UBL 2.x Invoice, CreditNote, DebitNote or self-billed variant → canonical commercial-invoice (EN 16931 semantics). */
export function readUblInvoice(s: Extract<Sniffed, { kind: "xml" }>): ReadDocument {
  const kind = INVOICE_KINDS[s.xml.root];
  if (!kind) throw new Error(`not an invoice-like UBL document: ${s.xml.root}`);
  const log = new ReadLog();
  const trace = new MappingTrace();
  const f = new FieldReader(trace);
  const r = Cursor.root(s.xml.tree, s.xml.root, "", log);
  const currency = documentCurrency(r.child("DocumentCurrencyCode", "cbc")?.node);
  const lines = r.all(`cac:${kind.line}`).map((l, i) => readInvoiceLine(l, i, kind, f, currency));
  const draft = readInvoiceHeader(r, kind, f, lines);
  return {
    draft,
    format: `ubl-${ublVersion(r)}`,
    originalType: s.xml.root,
    report: xmlReport("ubl-invoice", s.xml.tree, `/${s.xml.root}`, log, trace, INVOICE_MANDATORY),
    sourceMap: trace.sourceMap,
  };
}

/** The document currency as written, for the lines' amounts (read before the header is mapped). */
export function documentCurrency(node: unknown): string | undefined {
  const t = typeof node === "string" ? node : undefined;
  return t?.trim().toUpperCase() || undefined;
}

/** The UBL version the document declares (2.1 when it does not). */
export function ublVersion(r: Cursor): string {
  const v = r.child("UBLVersionID", "cbc")?.text()?.trim();
  return v && /^2\.\d$/.test(v) ? v : "2.1";
}
