import type { DraftDocument, PartyData } from "../../model/canonical.js";
import { digestOf } from "../../util/digest.js";
import { MappingTrace, xmlReport } from "../mapping.js";
import type { FormatReader, ReadDocument, Sniffed } from "../types.js";
import { INCOTERMS, referenceKind } from "../ubl/codes.js";
import { identifier, IdentifierList, nameOrIdentifier } from "../ubl/party.js";
import { compact, FieldReader } from "../ubl/values.js";
import { Cursor, ReadLog } from "../xml/cursor.js";

type Obj = Record<string, unknown>;

export const CII_NS = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";

/** Data whose loss would change what the invoice says. */
const MANDATORY = [
  /\/IncludedSupplyChainTradeLineItem(\[\d+\])?\/SpecifiedLineTradeSettlement\/SpecifiedTradeSettlementLineMonetarySummation\/LineTotalAmount$/,
  /\/IncludedSupplyChainTradeLineItem(\[\d+\])?\/SpecifiedLineTradeDelivery\/BilledQuantity$/,
  /\/SpecifiedTradeSettlementHeaderMonetarySummation\/DuePayableAmount$/,
];

/** A udt/qdt DateTimeString (format 102, CCYYMMDD) under `c`. */
function date(c: Cursor | undefined, f: FieldReader, pointer: string): string | undefined {
  return f.date(c?.child("DateTimeString", "udt") ?? c?.child("DateTimeString", "qdt"), pointer);
}

/** ram:*TradeParty → canonical party, with identifiers in the order the UBL reader gives them. */
function readTradeParty(p: Cursor | undefined, f: FieldReader, pointer: string): PartyData | undefined {
  if (!p) return undefined;
  const ids = new IdentifierList(f, pointer);
  ids.add(p.at("ram:URIUniversalCommunication", "ram:URIID"), "OTHER");
  for (const id of p.all("ram:ID")) ids.add(id, "OTHER");
  for (const id of p.all("ram:GlobalID")) ids.add(id, "OTHER");
  for (const reg of p.all("ram:SpecifiedTaxRegistration")) {
    const id = reg.child("ID", "ram");
    // CII names the kind in schemeID (VA: VAT number, FC: tax registration); it is not an ICD.
    const kind = id?.attr("schemeID")?.trim().toUpperCase();
    const value = f.text(id, `${pointer}/identifiers/${ids.list.length}/value`);
    if (value && !ids.list.some((x) => x.value === value))
      ids.list.push({ scheme: kind === "VA" ? "VAT" : "TIN", value: value.slice(0, 70) });
  }
  ids.add(p.at("ram:SpecifiedLegalOrganization", "ram:ID"), "OTHER");
  const a = p.child("PostalTradeAddress", "ram");
  const country = f.country(a?.child("CountryID", "ram"), `${pointer}/address/country`);
  const address = country
    ? compact({
        lines: ["LineOne", "LineTwo", "LineThree"]
          .map((l) => f.text(a?.child(l, "ram"), `${pointer}/address/lines`))
          .filter((x): x is string => x !== undefined),
        city: f.text(a?.child("CityName", "ram"), `${pointer}/address/city`),
        postalCode: f.text(a?.child("PostcodeCode", "ram"), `${pointer}/address/postalCode`),
        subdivision: f.text(a?.child("CountrySubDivisionName", "ram"), `${pointer}/address/subdivision`),
        country,
      })
    : undefined;
  const c = p.child("DefinedTradeContact", "ram");
  const contact = c
    ? compact({
        name:
          f.text(c.child("PersonName", "ram"), `${pointer}/contact/name`) ??
          f.text(c.child("DepartmentName", "ram"), `${pointer}/contact/name`),
        phone: f.text(
          c.at("ram:TelephoneUniversalCommunication", "ram:CompleteNumber"),
          `${pointer}/contact/phone`,
        ),
        email: f.text(c.at("ram:EmailURIUniversalCommunication", "ram:URIID"), `${pointer}/contact/email`),
      })
    : undefined;
  const name = nameOrIdentifier(f.text(p.child("Name", "ram"), `${pointer}/name`), ids.list, f, pointer);
  if (!name) return undefined;
  return compact({ name, identifiers: ids.list, address, contact });
}

/** ram:SpecifiedTradeAllowanceCharge list → canonical allowances (false) or charges (true). */
function allowanceCharges(list: readonly Cursor[], f: FieldReader, base: string, charge: boolean): Obj[] {
  return list
    .filter((ac) => (ac.at("ram:ChargeIndicator", "udt:Indicator")?.text()?.trim() === "true") === charge)
    .map((ac, i) => {
      const p = `${base}/${i}`;
      return compact({
        amount: f.num(ac.child("ActualAmount", "ram"), `${p}/amount`) ?? 0,
        baseAmount: f.num(ac.child("BasisAmount", "ram"), `${p}/baseAmount`),
        percent: f.num(ac.child("CalculationPercent", "ram"), `${p}/percent`),
        reason: f.text(ac.child("Reason", "ram"), `${p}/reason`),
        reasonCode: f.text(ac.child("ReasonCode", "ram"), `${p}/reasonCode`),
        taxCategory: f.text(ac.at("ram:CategoryTradeTax", "ram:CategoryCode"), `${p}/taxCategory`),
        taxRate: f.num(ac.at("ram:CategoryTradeTax", "ram:RateApplicablePercent"), `${p}/taxRate`),
      });
    });
}

function readLine(l: Cursor, i: number, f: FieldReader): Obj {
  const p = `/lines/${i}`;
  const product = l.child("SpecifiedTradeProduct", "ram");
  const net = l.at("ram:SpecifiedLineTradeAgreement", "ram:NetPriceProductTradePrice");
  const gross = l.at("ram:SpecifiedLineTradeAgreement", "ram:GrossPriceProductTradePrice");
  const settlement = l.child("SpecifiedLineTradeSettlement", "ram");
  const acs = settlement?.all("ram:SpecifiedTradeAllowanceCharge") ?? [];
  const tax = settlement?.child("ApplicableTradeTax", "ram");
  let hs: string | undefined;
  for (const cls of product?.all("ram:DesignatedProductClassification") ?? []) {
    const code = cls.child("ClassCode", "ram");
    const digits = code?.text()?.replace(/[\s.]/g, "");
    if (code?.attr("listID")?.toUpperCase() === "HS" && digits && /^[0-9]{6,10}$/.test(digits)) {
      f.text(code, `${p}/hsCode`);
      hs = digits;
      break;
    }
  }
  return compact({
    sequence: i + 1,
    lineId: f.text(l.at("ram:AssociatedDocumentLineDocument", "ram:LineID"), `${p}/lineId`),
    description:
      f.text(product?.child("Name", "ram"), `${p}/description`) ??
      f.text(product?.child("Description", "ram"), `${p}/description`) ??
      "",
    sellerItemId: f.text(product?.child("SellerAssignedID", "ram"), `${p}/sellerItemId`),
    hsCode: hs,
    originCountry: f.country(product?.at("ram:OriginTradeCountry", "ram:ID"), `${p}/originCountry`),
    quantity: f.quantity(l.at("ram:SpecifiedLineTradeDelivery", "ram:BilledQuantity"), `${p}/quantity`),
    unitPrice: f.num(net?.child("ChargeAmount", "ram"), `${p}/unitPrice`),
    // BT-149 sits on the net price; some writers give it only on the gross price (BT-148), where it must be equal.
    priceBaseQuantity:
      f.num(net?.child("BasisQuantity", "ram"), `${p}/priceBaseQuantity`) ??
      f.num(gross?.child("BasisQuantity", "ram"), `${p}/priceBaseQuantity`),
    allowances: allowanceCharges(acs, f, `${p}/allowances`, false),
    charges: allowanceCharges(acs, f, `${p}/charges`, true),
    lineAmount: f.num(
      settlement?.at("ram:SpecifiedTradeSettlementLineMonetarySummation", "ram:LineTotalAmount"),
      `${p}/lineAmount`,
    ),
    taxCategory: f.text(tax?.child("CategoryCode", "ram"), `${p}/taxCategory`),
    taxRate: f.num(tax?.child("RateApplicablePercent", "ram"), `${p}/taxRate`),
  });
}

/** Deliver-to (BG-13): ShipToTradeParty, its id (BT-71) kept like the UBL delivery location id. */
function deliverTo(p: Cursor | undefined, f: FieldReader): PartyData | undefined {
  if (!p) return undefined;
  const idEl = p.child("GlobalID", "ram") ?? p.child("ID", "ram");
  const id = f.text(idEl, "/consignee/identifiers/0/value");
  const rest = readTradeParty(p, f, "/consignee");
  const identifiers = [
    ...(id ? [identifier(idEl?.attr("schemeID"), id, "OTHER")] : []),
    ...(rest?.identifiers ?? []).filter((x) => x.value !== id),
  ];
  if (!rest) return undefined;
  return compact({ ...rest, identifiers });
}

/**
 * The bank assigned creditor identifier (BT-90) is a seller identifier with scheme SEPA in UBL
 * (PartyIdentification) and a settlement element in CII; it joins the seller's identifiers so
 * both syntaxes give the same party.
 */
function withCreditorId(
  seller: PartyData | undefined,
  c: Cursor | undefined,
  f: FieldReader,
): PartyData | undefined {
  if (!seller) return seller;
  const ids = seller.identifiers ?? [];
  const value = f.text(c, `/seller/identifiers/${ids.length}/value`);
  if (!value) return seller;
  return { ...seller, identifiers: [...ids, identifier("SEPA", value, "OTHER")] };
}

/** UN/CEFACT CII D16B CrossIndustryInvoice → canonical commercial-invoice (EN 16931 semantics, as the UBL reader). */
export function readCiiInvoice(s: Extract<Sniffed, { kind: "xml" }>): ReadDocument {
  const log = new ReadLog();
  const trace = new MappingTrace();
  const f = new FieldReader(trace);
  const r = Cursor.root(s.xml.tree, s.xml.root, "rsm", log);
  const doc = r.child("ExchangedDocument", "rsm");
  const tx = r.child("SupplyChainTradeTransaction", "rsm");
  const agreement = tx?.child("ApplicableHeaderTradeAgreement", "ram");
  const delivery = tx?.child("ApplicableHeaderTradeDelivery", "ram");
  const settlement = tx?.child("ApplicableHeaderTradeSettlement", "ram");
  const currency = f.currency(settlement?.child("InvoiceCurrencyCode", "ram"), "/currency");
  const lines = (tx?.all("ram:IncludedSupplyChainTradeLineItem") ?? []).map((l, i) => readLine(l, i, f));
  const typeCode = f.code(
    doc?.child("TypeCode", "ram"),
    "/invoiceTypeCode",
    /^[0-9]{3}$/,
    "a UNTDID 1001 code",
  );
  if (!typeCode) trace.defaulted("/invoiceTypeCode", "380", "no type code; commercial invoice assumed");

  const sum = settlement?.child("SpecifiedTradeSettlementHeaderMonetarySummation", "ram");
  const taxTotals = sum?.all("ram:TaxTotalAmount") ?? [];
  const taxTotal = taxTotals.find((t) => (t.attr("currencyID") ?? currency) === currency) ?? taxTotals[0];
  const totals = compact({
    lineTotal: f.num(sum?.child("LineTotalAmount", "ram"), "/totals/lineTotal"),
    allowanceTotal: f.num(sum?.child("AllowanceTotalAmount", "ram"), "/totals/allowanceTotal"),
    chargeTotal: f.num(sum?.child("ChargeTotalAmount", "ram"), "/totals/chargeTotal"),
    taxExclusive: f.num(sum?.child("TaxBasisTotalAmount", "ram"), "/totals/taxExclusive"),
    taxTotal: f.num(taxTotal, "/totals/taxTotal"),
    taxInclusive: f.num(sum?.child("GrandTotalAmount", "ram"), "/totals/taxInclusive"),
    prepaid: f.num(sum?.child("TotalPrepaidAmount", "ram"), "/totals/prepaid"),
    rounding: f.num(sum?.child("RoundingAmount", "ram"), "/totals/rounding"),
    payable: f.num(sum?.child("DuePayableAmount", "ram"), "/totals/payable"),
  });
  const taxes = (settlement?.all("ram:ApplicableTradeTax") ?? []).map((t, i) => {
    const p = `/taxes/${i}`;
    t.child("TypeCode", "ram")?.text();
    return compact({
      category: f.text(t.child("CategoryCode", "ram"), `${p}/category`) ?? "",
      rate: f.num(t.child("RateApplicablePercent", "ram"), `${p}/rate`),
      taxableAmount: f.num(t.child("BasisAmount", "ram"), `${p}/taxableAmount`) ?? 0,
      taxAmount: f.num(t.child("CalculatedAmount", "ram"), `${p}/taxAmount`) ?? 0,
      exemptionReason: f.text(t.child("ExemptionReason", "ram"), `${p}/exemptionReason`),
    });
  });
  // Tax type codes (VAT) are implied by the canonical VAT breakdown.
  for (const l of tx?.all("ram:IncludedSupplyChainTradeLineItem") ?? [])
    l.at("ram:SpecifiedLineTradeSettlement", "ram:ApplicableTradeTax", "ram:TypeCode")?.text();

  const references: Obj[] = [];
  const attachments: Obj[] = [];
  for (const ref of agreement?.all("ram:AdditionalReferencedDocument") ?? []) {
    const number = f.text(ref.child("IssuerAssignedID", "ram"), `/references/${references.length}/number`);
    const code = f.text(ref.child("TypeCode", "ram"), `/references/${references.length}/type`);
    if (number) references.push({ type: referenceKind(code), number });
    const bin = ref.child("AttachmentBinaryObject", "ram");
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
        description: f.text(ref.child("Name", "ram"), `/attachments/${attachments.length}/description`),
      }),
    );
  }
  const refs: [Cursor | undefined, string][] = [
    [delivery?.at("ram:DespatchAdviceReferencedDocument", "ram:IssuerAssignedID"), "despatch-advice"],
    [delivery?.at("ram:ReceivingAdviceReferencedDocument", "ram:IssuerAssignedID"), "receiving-advice"],
    [agreement?.at("ram:ContractReferencedDocument", "ram:IssuerAssignedID"), "contract"],
    [agreement?.at("ram:SpecifiedProcuringProject", "ram:ID"), "project"],
    [agreement?.at("ram:SellerOrderReferencedDocument", "ram:IssuerAssignedID"), "sales-order"],
  ];
  for (const [c, type] of refs) {
    const number = f.text(c, `/references/${references.length}/number`);
    if (number) references.push({ type, number });
  }
  const terms = settlement?.all("ram:SpecifiedTradePaymentTerms") ?? [];
  const dtc = agreement?.at("ram:ApplicableTradeDeliveryTerms", "ram:DeliveryTypeCode");
  const incotermCode = dtc?.text()?.trim().toUpperCase();
  const incoterms = incotermCode && INCOTERMS.has(incotermCode) ? { code: incotermCode } : undefined;
  if (incoterms) trace.from("/incoterms/code", dtc?.path);

  const seller = withCreditorId(
    readTradeParty(agreement?.child("SellerTradeParty", "ram"), f, "/seller"),
    settlement?.child("CreditorReferenceID", "ram"),
    f,
  );
  const draft = compact({
    type: "commercial-invoice" as const,
    number: f.text(doc?.child("ID", "ram"), "/number") ?? "",
    issuedAt: date(doc?.child("IssueDateTime", "ram"), f, "/issuedAt") ?? "",
    issuer: seller ?? { name: "" },
    invoiceTypeCode: typeCode ?? "380",
    seller,
    buyer: readTradeParty(agreement?.child("BuyerTradeParty", "ram"), f, "/buyer"),
    consignee: deliverTo(delivery?.child("ShipToTradeParty", "ram"), f),
    currency,
    taxCurrency: f.currency(settlement?.child("TaxCurrencyCode", "ram"), "/taxCurrency"),
    dueDate: terms
      .map((t) => date(t.child("DueDateDateTime", "ram"), f, "/dueDate"))
      .find((x) => x !== undefined),
    paymentTerms:
      terms
        .map((t) => f.text(t.child("Description", "ram"), "/paymentTerms"))
        .filter((x): x is string => x !== undefined)
        .join("\n") || undefined,
    paymentMeansCode: f.code(
      settlement?.at("ram:SpecifiedTradeSettlementPaymentMeans", "ram:TypeCode"),
      "/paymentMeansCode",
      /^[0-9A-Z]{1,3}$/,
      "a UNCL 4461 code",
    ),
    buyerReference: f.text(agreement?.child("BuyerReference", "ram"), "/buyerReference"),
    orderReference: f.text(
      agreement?.at("ram:BuyerOrderReferencedDocument", "ram:IssuerAssignedID"),
      "/orderReference",
    ),
    incoterms,
    deliveryDate: date(
      delivery?.at("ram:ActualDeliverySupplyChainEvent", "ram:OccurrenceDateTime"),
      f,
      "/deliveryDate",
    ),
    lines,
    allowances: allowanceCharges(
      settlement?.all("ram:SpecifiedTradeAllowanceCharge") ?? [],
      f,
      "/allowances",
      false,
    ),
    charges: allowanceCharges(
      settlement?.all("ram:SpecifiedTradeAllowanceCharge") ?? [],
      f,
      "/charges",
      true,
    ),
    taxes,
    totals,
    precedingInvoices: (settlement?.all("ram:InvoiceReferencedDocument") ?? [])
      .map((d, i) =>
        compact({
          number: f.text(d.child("IssuerAssignedID", "ram"), `/precedingInvoices/${i}/number`) ?? "",
          issuedAt: date(d.child("FormattedIssueDateTime", "ram"), f, `/precedingInvoices/${i}/issuedAt`),
        }),
      )
      .filter((x) => x.number !== ""),
    references,
    attachments,
    // EN 16931 writes a note's subject code (BT-21) into the UBL note text as #CODE#; do the same.
    notes: (doc?.all("ram:IncludedNote") ?? [])
      .map((n, i) => {
        const content = f.text(n.child("Content", "ram"), `/notes/${i}`);
        const subject = f.text(n.child("SubjectCode", "ram"), `/notes/${i}`);
        return content && subject ? `#${subject}#${content}` : content;
      })
      .filter((x): x is string => x !== undefined),
  }) as unknown as DraftDocument;
  r.child("ExchangedDocumentContext", "rsm")?.consume();
  trace.from("/issuer", agreement?.child("SellerTradeParty", "ram")?.path);
  return {
    draft,
    format: "cii-d16b",
    originalType: s.xml.root,
    report: xmlReport("cii-invoice", s.xml.tree, `/${s.xml.root}`, log, trace, MANDATORY),
    sourceMap: trace.sourceMap,
  };
}

export const ciiReader: FormatReader = {
  id: "cii-invoice",
  accepts: (s) => s.kind === "xml" && s.xml.root === "CrossIndustryInvoice" && s.xml.namespace === CII_NS,
  read: (s) => (s.kind === "xml" ? [readCiiInvoice(s)] : []),
};
