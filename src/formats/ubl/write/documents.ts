import type { XmlBuilder as XMLBuilder } from "../../xml/builder.js";
import type { CanonicalDocument, PartyData } from "../../../model/canonical.js";
import { arr, obj, strs, UblWriter, type Obj } from "./builder.js";
import { equipment, goodsItem, stages } from "./shipping.js";

/** Package lines → cac:TransportHandlingUnit, with what each holds. */
function handlingUnits(w: UblWriter, shipment: XMLBuilder, doc: CanonicalDocument, despatch: boolean): void {
  let line = 0;
  for (const p of arr(doc["packages"])) {
    const u = w.el(shipment, "cac:TransportHandlingUnit");
    w.el(u, "cbc:ID", p["sequence"]);
    w.el(u, "cbc:TransportHandlingUnitTypeCode", p["typeCode"]);
    w.el(u, "cbc:TotalPackageQuantity", p["count"]);
    w.opt(u, "cbc:ShippingMarks", p["marks"]);
    for (const c of arr(p["contents"])) {
      if (despatch) despatchLine(w, u, "cac:HandlingUnitDespatchLine", c, ++line);
      else {
        const g = w.el(u, "cac:GoodsItem");
        w.quantity(g, "cbc:Quantity", c["quantity"]);
        contentItem(w, g, c);
      }
    }
    if (p["equipmentId"] !== undefined)
      equipment(
        w,
        u,
        arr(doc["equipment"]).find((e) => e["id"] === p["equipmentId"]) ?? { id: p["equipmentId"] },
      );
  }
}

function contentItem(w: UblWriter, parent: XMLBuilder, c: Obj): void {
  const item = w.el(parent, "cac:Item");
  w.el(item, "cbc:Name", c["description"]);
  if (c["sellerItemId"] !== undefined)
    w.el(w.el(item, "cac:SellersItemIdentification"), "cbc:ID", c["sellerItemId"]);
  if (c["hsCode"] !== undefined)
    w.el(w.el(item, "cac:CommodityClassification"), "cbc:ItemClassificationCode", c["hsCode"], {
      listID: "HS",
    });
}

function despatchLine(w: UblWriter, parent: XMLBuilder, qname: string, c: Obj, id: number): void {
  const d = w.el(parent, qname);
  w.el(d, "cbc:ID", id);
  w.quantity(d, "cbc:DeliveredQuantity", c["quantity"]);
  w.el(w.el(d, "cac:OrderLineReference"), "cbc:LineID", c["invoiceLine"] ?? id);
  contentItem(w, d, c);
}

/**
 * Canonical packing-list → UBL PackingList (2.3+) or DespatchAdvice: packages as transport
 * handling units with their contents, totals and equipment on the shipment.
 */
export function writePackingList(
  doc: CanonicalDocument,
  documentName: "PackingList" | "DespatchAdvice" = "PackingList",
): string {
  const despatch = documentName === "DespatchAdvice";
  const w = new UblWriter(documentName);
  const r = w.root;
  const totals = obj(doc["totals"]) ?? {};
  w.el(r, "cbc:UBLVersionID", despatch ? "2.1" : "2.3");
  w.el(r, "cbc:ID", doc.number);
  w.el(r, "cbc:IssueDate", doc.issuedAt.slice(0, 10));
  for (const n of strs(doc["notes"])) w.el(r, "cbc:Note", n);
  const invoice = typeof doc["invoiceNumber"] === "string" ? doc["invoiceNumber"] : undefined;
  if (despatch) {
    const order = doc.references?.find((x) => x.type === "purchase-order");
    if (order) w.el(w.el(r, "cac:OrderReference"), "cbc:ID", order.number);
    if (invoice) {
      const d = w.el(r, "cac:AdditionalDocumentReference");
      w.el(d, "cbc:ID", invoice);
      w.el(d, "cbc:DocumentTypeCode", "380");
    }
    w.wrappedParty(r, "cac:DespatchSupplierParty", doc["consignor"] as PartyData | undefined);
    w.wrappedParty(r, "cac:DeliveryCustomerParty", doc["consignee"] as PartyData | undefined);
  } else {
    w.party(r, "cac:ConsignorParty", doc["consignor"] as PartyData | undefined);
  }
  const s = w.el(r, "cac:Shipment");
  w.el(s, "cbc:ID", doc.ucr ?? doc.number);
  w.quantity(s, "cbc:GrossWeightMeasure", totals["grossWeight"]);
  w.quantity(s, "cbc:NetWeightMeasure", totals["netWeight"]);
  w.quantity(s, "cbc:GrossVolumeMeasure", totals["volume"]);
  w.el(s, "cbc:TotalTransportHandlingUnitQuantity", totals["packageCount"]);
  const c = w.el(s, "cac:Consignment");
  w.el(c, "cbc:ID", doc.ucr ?? doc.number);
  if (!despatch) w.party(c, "cac:ConsigneeParty", doc["consignee"] as PartyData | undefined);
  w.party(c, "cac:ExporterParty", doc["exporter"] as PartyData | undefined);
  stages(w, s, doc);
  if (doc["shipmentDate"] !== undefined)
    w.el(w.el(w.el(s, "cac:Delivery"), "cac:Despatch"), "cbc:ActualDespatchDate", doc["shipmentDate"]);
  handlingUnits(w, s, doc, despatch);
  const packed = new Set(arr(doc["packages"]).map((p) => p["equipmentId"]));
  for (const eq of arr(doc["equipment"]).filter((e) => !packed.has(e["id"])))
    equipment(w, w.el(s, "cac:TransportHandlingUnit"), eq);
  if (!despatch && invoice) {
    const d = w.el(r, "cac:DocumentReference");
    w.el(d, "cbc:ID", invoice);
    w.el(d, "cbc:DocumentTypeCode", "380");
  }
  if (despatch) {
    let id = 0;
    for (const p of arr(doc["packages"]))
      for (const ct of arr(p["contents"])) despatchLine(w, r, "cac:DespatchLine", ct, ++id);
  }
  return w.end();
}

/** Canonical certificate-of-origin → UBL CertificateOfOrigin. */
export function writeCertificateOfOrigin(doc: CanonicalDocument): string {
  const w = new UblWriter("CertificateOfOrigin");
  const r = w.root;
  w.el(r, "cbc:UBLVersionID", "2.3");
  w.el(r, "cbc:ID", doc.number);
  w.el(r, "cbc:IssueDate", doc.issuedAt.slice(0, 10));
  w.party(r, "cac:ExporterParty", doc["exporter"] as PartyData | undefined);
  w.party(r, "cac:ImporterParty", doc["consignee"] as PartyData | undefined);
  const app = w.el(r, "cac:CertificateOfOriginApplication");
  w.el(app, "cbc:ReferenceID", doc.number);
  w.el(app, "cbc:CertificateType", doc["formType"] ?? doc["agreement"] ?? doc["certificateType"]);
  w.el(app, "cbc:OriginalJobID", doc.number);
  if (doc["remarks"] !== undefined) w.el(app, "cbc:Remarks", doc["remarks"]);
  const s = w.el(app, "cac:Shipment");
  w.el(s, "cbc:ID", doc.ucr ?? doc.number);
  const c = w.el(s, "cac:Consignment");
  w.el(c, "cbc:ID", doc.ucr ?? doc.number);
  w.country(c, "cac:FinalDestinationCountry", doc["importingCountry"]);
  for (const g of arr(doc["goodsItems"]))
    goodsItem(w, s, g, undefined, (e) => w.opt(e, "cbc:PreferenceCriterionCode", g["originCriterion"]));
  stages(w, s, doc);
  w.country(s, "cac:ExportCountry", doc["exportCountry"]);
  w.party(app, "cac:IssuerParty", doc["issuingAuthority"] as PartyData | undefined);
  w.country(app, "cac:IssuingCountry", doc["issuingCountry"]);
  for (const inv of arr(doc["invoices"])) {
    const d = w.el(app, "cac:SupportingDocumentReference");
    w.el(d, "cbc:ID", inv["number"]);
    w.opt(d, "cbc:IssueDate", inv["issuedAt"]);
    w.el(d, "cbc:DocumentTypeCode", "380");
  }
  return w.end();
}

/** Canonical certificate types → the UNTDID 1001 code or wording the UBL reader maps back. */
const CERTIFICATE_TYPES: Readonly<Record<string, string>> = {
  phytosanitary: "851",
  sanitary: "852",
  veterinary: "853",
};

/** Canonical inspection-certificate → UBL GoodsCertificate. */
export function writeGoodsCertificate(doc: CanonicalDocument): string {
  const w = new UblWriter("GoodsCertificate");
  const r = w.root;
  const kind = String(doc["certificateType"]);
  w.el(r, "cbc:UBLVersionID", "2.3");
  w.el(r, "cbc:ID", doc.number);
  w.el(r, "cbc:IssueDate", doc.issuedAt.slice(0, 10));
  w.el(r, "cbc:TypeCode", CERTIFICATE_TYPES[kind] ?? `${kind} certificate`);
  for (const n of strs(doc["notes"])) w.el(r, "cbc:Note", n);
  if (doc["validUntil"] !== undefined) w.el(w.el(r, "cac:ValidityPeriod"), "cbc:EndDate", doc["validUntil"]);
  w.party(r, "cac:ExporterParty", doc["exporter"] as PartyData | undefined);
  w.party(r, "cac:ImporterParty", doc["consignee"] as PartyData | undefined);
  w.party(r, "cac:IssuerParty", doc["issuingAuthority"] as PartyData | undefined);
  const s = w.el(r, "cac:Shipment");
  w.el(s, "cbc:ID", doc.ucr ?? doc.number);
  const c = w.el(s, "cac:Consignment");
  w.el(c, "cbc:ID", doc.ucr ?? doc.number);
  w.country(c, "cac:FinalDestinationCountry", doc["destinationCountry"]);
  for (const g of arr(doc["goodsItems"])) goodsItem(w, s, g);
  stages(w, s, { ...doc, portOfLoading: undefined, portOfDischarge: undefined });
  w.location(s, "cac:FirstArrivalPortLocation", doc["pointOfEntry"]);
  w.country(s, "cac:ExportCountry", doc["exportCountry"]);
  if (doc["originCountry"] !== undefined)
    w.country(w.el(s, "cac:OriginAddress"), "cac:Country", doc["originCountry"]);
  const a = w.el(r, "cac:Attestation");
  w.opt(a, "cbc:Description", doc["findings"]);
  w.el(a, "cbc:AcceptanceIndicator", doc["result"] !== "fail");
  if (doc["applicationNumber"] !== undefined)
    w.el(w.el(r, "cac:PreviousDocumentReference"), "cbc:ID", doc["applicationNumber"]);
  return w.end();
}
