/**
 * The realistic documents of the bench and the fault runs, each as a body template whose unique
 * fields are filled in per request with a few string joins (the load generator shares the 2 cores
 * with the gateway, so it must not spend them on JSON.stringify).
 *
 * Every request's UCR is `B<epoch ms>-<seq>`: the partner stub reads it from the x-swg-ucr header of
 * each delivery and measures submit → delivered without talking to the load generator.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths.js";

export type ScenarioDoc = "json-declaration" | "ubl-invoice" | "dossier-4";

export interface Body {
  readonly body: string;
  readonly headers: Record<string, string>;
}

export interface DocumentFactory {
  readonly name: ScenarioDoc;
  readonly contentType: string;
  /** Size of one body in bytes. */
  readonly bytes: number;
  /** Documents per submission (a dossier holds several). */
  readonly documentsPerSubmission: number;
  /** A fresh body; `ucr` should come from ucrFor(). */
  make(ucr: string, seq: number): Body;
}

let seq = 0;
/** A UCR that carries the submit time (WCO UCR allows 35 characters; this uses at most 24). */
export function ucrFor(now = Date.now()): { ucr: string; seq: number } {
  const n = seq++;
  return { ucr: `B${now}-${n.toString(36)}`, seq: n };
}

/** Splits a template on placeholders `{{name}}` once; fill() joins the pieces with values. */
function compile(template: string): (values: Record<string, string>) => string {
  const pieces = template.split(/\{\{(\w+)\}\}/);
  return (values) => {
    let out = pieces[0]!;
    for (let i = 1; i < pieces.length; i += 2) out += values[pieces[i]!]! + pieces[i + 1]!;
    return out;
  };
}

const json = (file: string) => JSON.parse(readFileSync(join(ROOT, file), "utf8")) as Record<string, unknown>;

/** The README's export declaration (canonical JSON, about 3 KB), one document, one customs delivery. */
export function jsonDeclaration(): DocumentFactory {
  const doc = json("docs/examples/export-declaration.json");
  const fill = compile(JSON.stringify({ ...doc, number: "{{n}}", lrn: "{{n}}", ucr: "{{ucr}}" }));
  const sample = fill({ n: "DEC-B0000000000000-0", ucr: "B0000000000000-0" });
  return {
    name: "json-declaration",
    contentType: "application/json",
    bytes: Buffer.byteLength(sample),
    documentsPerSubmission: 1,
    make: (ucr, n) => ({
      body: fill({ n: `DEC-${ucr.slice(1)}-${n.toString(36)}`, ucr }),
      headers: { "content-type": "application/json" },
    }),
  };
}

/** One UBL 2.1 invoice line, as an ERP writes it (about 700 bytes). */
function ublLine(i: number, qty: number, price: number, hs: string): string {
  return `
  <cac:InvoiceLine>
    <cbc:ID>${i}</cbc:ID>
    <cbc:InvoicedQuantity unitCode="C62">${qty}</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="USD">${(qty * price).toFixed(2)}</cbc:LineExtensionAmount>
    <cac:OrderLineReference><cbc:LineID>${i}</cbc:LineID></cac:OrderLineReference>
    <cac:Item>
      <cbc:Description>Porcelain tableware set, 16 pieces, gift box, model PT-${1000 + i}</cbc:Description>
      <cbc:Name>Porcelain tableware PT-${1000 + i}</cbc:Name>
      <cac:SellersItemIdentification><cbc:ID>PT-${1000 + i}</cbc:ID></cac:SellersItemIdentification>
      <cac:OriginCountry><cbc:IdentificationCode>CN</cbc:IdentificationCode></cac:OriginCountry>
      <cac:CommodityClassification><cbc:ItemClassificationCode listID="HS">${hs}</cbc:ItemClassificationCode></cac:CommodityClassification>
      <cac:ClassifiedTaxCategory><cbc:ID>G</cbc:ID><cbc:Percent>0</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="USD">${price.toFixed(2)}</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>`;
}

/**
 * A UBL 2.1 export invoice of `lines` lines (16 lines ≈ 20 KB) from the demo exporter, its
 * arithmetic right (EN 16931): the hand-made test fixture's header with more lines.
 */
export function ublInvoiceXml(lines = 16, id = "{{n}}"): string {
  const HS = ["691110", "691200", "701337", "732393"];
  let total = 0;
  const body: string[] = [];
  for (let i = 1; i <= lines; i++) {
    const qty = 20 + ((i * 7) % 50);
    const price = 4 + (i % 9) * 1.25;
    total += Math.round(qty * price * 100);
    body.push(ublLine(i, qty, price, HS[i % HS.length]!));
  }
  const sum = (total / 100).toFixed(2);
  const party = (
    role: string,
    street: string,
    city: string,
    zone: string,
    country: string,
    name: string,
    id: string,
  ) => `
  <cac:${role}>
    <cac:Party>
      <cac:PostalAddress>
        <cbc:StreetName>${street}</cbc:StreetName>
        <cbc:CityName>${city}</cbc:CityName>
        <cbc:PostalZone>${zone}</cbc:PostalZone>
        <cac:Country><cbc:IdentificationCode>${country}</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
      <cac:PartyLegalEntity>
        <cbc:RegistrationName>${name}</cbc:RegistrationName>${id}
      </cac:PartyLegalEntity>
    </cac:Party>
  </cac:${role}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
         xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
         xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:UBLVersionID>2.1</cbc:UBLVersionID>
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ID>${id}</cbc:ID>
  <cbc:IssueDate>2025-03-18</cbc:IssueDate>
  <cbc:DueDate>2025-04-17</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:Note>Export sale, FOB Fuzhou. Goods of Chinese origin.</cbc:Note>
  <cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>VDB-PO-2025-114</cbc:BuyerReference>
  <cac:OrderReference><cbc:ID>VDB-PO-2025-114</cbc:ID></cac:OrderReference>${party(
    "AccountingSupplierParty",
    "No. 1 Demo Road",
    "Fuzhou",
    "350001",
    "CN",
    "Demo Exporter Co., Ltd.",
    '\n        <cbc:CompanyID schemeID="USCI">91350100M000100Y43</cbc:CompanyID>',
  )}${party("AccountingCustomerParty", "Waalhaven Zuidzijde 21", "Rotterdam", "3089 JH", "NL", "Van der Berg Wonen B.V.", "")}
  <cac:PaymentTerms><cbc:Note>30 days after invoice date</cbc:Note></cac:PaymentTerms>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="USD">0.00</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="USD">${sum}</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="USD">0.00</cbc:TaxAmount>
      <cac:TaxCategory>
        <cbc:ID>G</cbc:ID>
        <cbc:Percent>0</cbc:Percent>
        <cbc:TaxExemptionReason>Export outside the EU</cbc:TaxExemptionReason>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="USD">${sum}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="USD">${sum}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="USD">${sum}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="USD">${sum}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>${body.join("")}
</Invoice>
`;
}

/** The UBL invoice of ublInvoiceXml(), its number and UCR per request (the UCR in the X-UCR header). */
export function ublInvoice(lines = 16): DocumentFactory {
  const fill = compile(ublInvoiceXml(lines));
  return {
    name: "ubl-invoice",
    contentType: "application/xml",
    bytes: Buffer.byteLength(fill({ n: "INV-B0000000000000-0" })),
    documentsPerSubmission: 1,
    make: (ucr, n) => ({
      body: fill({ n: `INV-${ucr.slice(1)}-${n.toString(36)}` }),
      headers: { "content-type": "application/xml", "x-ucr": ucr },
    }),
  };
}

/**
 * A dossier of one consignment: the FOB fixture's invoice, packing list and shipping instruction
 * (about 11 KB), from which the gateway derives the export declaration (submit once), so 4
 * documents are sealed and stored, and 3 deliveries leave: the declaration to customs (WCO XML),
 * the shipping instruction to the carrier (DCSA) and to the port (IFTMIN).
 */
export function dossier4(): DocumentFactory {
  const fob = json("test/fixtures/documents/dossier/valid-fob.json") as {
    documents: Record<string, unknown>[];
  };
  // Ids are the gateway's. Numbers are made unique per dossier, where the documents refer to each
  // other too (as an exporter numbers each consignment's documents).
  const docs = fob.documents.map((d) => {
    const { id: _id, ...rest } = d;
    return { ...rest, ucr: "{{ucr}}" };
  });
  let text = JSON.stringify({ dossier: { ucr: "{{ucr}}", documents: docs } });
  for (const d of fob.documents) {
    const number = JSON.stringify(String(d["number"]));
    text = text.split(number).join(`${number.slice(0, -1)}-{{n}}"`);
  }
  const fill = compile(text);
  return {
    name: "dossier-4",
    contentType: "application/json",
    bytes: Buffer.byteLength(fill({ ucr: "B0000000000000-0", n: "0000000000000-0" })),
    documentsPerSubmission: 4,
    make: (ucr, n) => ({
      body: fill({ ucr, n: `${ucr.slice(1, 14)}-${n.toString(36)}` }),
      headers: { "content-type": "application/json" },
    }),
  };
}

export function factory(name: ScenarioDoc): DocumentFactory {
  switch (name) {
    case "json-declaration":
      return jsonDeclaration();
    case "ubl-invoice":
      return ublInvoice();
    case "dossier-4":
      return dossier4();
  }
}

/** A uuid, for callers that need document ids of their own. */
export const newId = (): string => randomUUID();
