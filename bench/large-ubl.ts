/**
 * Generates a ~50 MB UBL 2.1 invoice with 100,000 lines in a temporary folder (never
 * committed), ingests it as the pipeline does (sniff → normalize → schema validation) and
 * prints the peak RSS and the time. Run: npx tsx bench/large-ubl.ts [lines]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { normalize } from "../src/pipeline/ingest/normalize.js";
import { sniff } from "../src/pipeline/ingest/sniff.js";
import { loadSchemas } from "../src/pipeline/validate/schemas.js";

const LINES = Number(process.argv[2] ?? 100_000);

function party(role: string, name: string, vat: string, country: string): string {
  return `<cac:${role}><cac:Party><cbc:EndpointID schemeID="0088">7300010000001</cbc:EndpointID><cac:PostalAddress><cbc:StreetName>Main Street 1</cbc:StreetName><cbc:CityName>City</cbc:CityName><cbc:PostalZone>12345</cbc:PostalZone><cac:Country><cbc:IdentificationCode>${country}</cbc:IdentificationCode></cac:Country></cac:PostalAddress><cac:PartyTaxScheme><cbc:CompanyID>${vat}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity><cbc:RegistrationName>${name}</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:${role}>`;
}

/** One invoice line of about 500 bytes, as an ERP would write it. */
function line(i: number): string {
  const qty = (i % 50) + 1;
  const price = ((i % 97) + 1) * 1.25;
  return `
<cac:InvoiceLine><cbc:ID>${i}</cbc:ID><cbc:InvoicedQuantity unitCode="C62">${qty}</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="EUR">${(qty * price).toFixed(2)}</cbc:LineExtensionAmount><cac:Item><cbc:Name>Stainless steel fitting ${i}</cbc:Name><cac:SellersItemIdentification><cbc:ID>SKU-${i}</cbc:ID></cac:SellersItemIdentification><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item><cac:Price><cbc:PriceAmount currencyID="EUR">${price.toFixed(2)}</cbc:PriceAmount></cac:Price></cac:InvoiceLine>`;
}

function invoice(lines: number): Buffer {
  const chunks: string[] = [];
  let total = 0;
  for (let i = 1; i <= lines; i++) {
    const qty = (i % 50) + 1;
    total += Math.round(qty * ((i % 97) + 1) * 1.25 * 100);
    chunks.push(line(i));
  }
  const net = (total / 100).toFixed(2);
  const tax = ((total * 0.19) / 100).toFixed(2);
  const gross = ((total * 1.19) / 100).toFixed(2);
  const head = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:UBLVersionID>2.1</cbc:UBLVersionID>
  <cbc:ID>BIG-${lines}</cbc:ID>
  <cbc:IssueDate>2025-03-14</cbc:IssueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  ${party("AccountingSupplierParty", "Seller GmbH", "DE123456789", "DE")}
  ${party("AccountingCustomerParty", "Buyer B.V.", "NL123456789B01", "NL")}
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">${tax}</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">${net}</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">${tax}</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
  <cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">${net}</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="EUR">${net}</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID="EUR">${gross}</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="EUR">${gross}</cbc:PayableAmount></cac:LegalMonetaryTotal>`;
  return Buffer.from(`${head}${chunks.join("")}\n</Invoice>\n`, "utf8");
}

const dir = mkdtempSync(join(tmpdir(), "swg-large-ubl-"));
try {
  const file = join(dir, "invoice.xml");
  writeFileSync(file, invoice(LINES));
  // Generating the document is not part of the measure: start from the file, as a request body.
  if (global.gc) global.gc();
  const schemas = loadSchemas();
  const body = readFileSync(file);
  const rssBefore = process.resourceUsage().maxRSS;
  const t0 = process.hrtime.bigint();
  const docs = normalize(
    [{ index: 0, bytes: body, mediaType: "application/xml" }],
    new Map([[0, sniff(body, "application/xml")]]),
  );
  const read = docs[0]!.read;
  const tRead = process.hrtime.bigint();
  const valid = schemas.validator("commercial-invoice")!({
    ...read.draft,
    schemaVersion: "1.0",
    id: "0195b2a0-1c00-7a10-8c01-3e5f7a9b1001",
    version: 1,
    functionCode: "original",
    ucr: "BENCH",
    original: { format: read.format, mediaType: "application/xml", digest: `sha256:${"0".repeat(64)}` },
  });
  const t1 = process.hrtime.bigint();
  const lines = (read.draft["lines"] as unknown[]).length;
  console.log(
    JSON.stringify(
      {
        bytes: body.length,
        lines,
        schemaValid: valid,
        unmapped: read.report.unmapped.length,
        readSeconds: Number(tRead - t0) / 1e9,
        totalSeconds: Number(t1 - t0) / 1e9,
        peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
        rssBeforeIngestMiB: Math.round(rssBefore / 1024),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
