import { create, type XmlBuilder as XMLBuilder } from "../xml/builder.js";
import type { CanonicalDocument } from "../../model/canonical.js";

/** The gateway's inspection application and result XML (adapters/inspection/README.md). */
export const INSPECTION_NS = "urn:swg:inspection:1";
export const APPLICATION_FORMAT = "swg-inspection-application-1.0";

/** UN/EDIFACT 1225 message function codes. */
const PURPOSE = { original: "9", replacement: "5", cancellation: "1" } as const;

/**
 * UNCL 1001 codes of the certificate each inspection type leads to, as the UN/CEFACT SPS
 * certificate's TypeCode carries them; types without an SPS certificate have none.
 */
const CERTIFICATE_TYPE_CODES: Readonly<Record<string, string>> = {
  phytosanitary: "851",
  sanitary: "852",
  veterinary: "853",
  health: "852",
  quality: "855",
  quantity: "856",
  weight: "856",
};

type Obj = Readonly<Record<string, unknown>>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Obj => !!x) : []);
const str = (v: unknown): string | undefined =>
  typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined;

function el(parent: XMLBuilder, name: string, text?: string, attrs?: Record<string, string>): XMLBuilder {
  const e = parent.ele(INSPECTION_NS, name, attrs);
  if (text !== undefined) e.txt(text);
  return e;
}

function opt(parent: XMLBuilder, name: string, v: unknown, attrs?: Record<string, string>): void {
  const s = str(v);
  if (s !== undefined) el(parent, name, s, attrs).up();
}

function measure(parent: XMLBuilder, name: string, v: unknown): void {
  const m = obj(v);
  if (m && m["value"] !== undefined) opt(parent, name, m["value"], { unitCode: str(m["unit"]) ?? "KGM" });
}

function address(parent: XMLBuilder, name: string, a: Obj | undefined): void {
  if (!a) return;
  const e = el(parent, name);
  opt(e, "PostcodeCode", a["postalCode"]);
  const lines = Array.isArray(a["lines"]) ? (a["lines"] as unknown[]).map(str).filter(Boolean) : [];
  lines.forEach((l) => opt(e, "LineOne", l));
  opt(e, "CityName", a["city"]);
  opt(e, "CountrySubDivisionName", a["subdivision"]);
  opt(e, "CountryID", a["country"]);
  e.up();
}

function party(parent: XMLBuilder, name: string, v: unknown): void {
  const p = obj(v);
  if (!p) return;
  const e = el(parent, name);
  for (const id of arr(p["identifiers"])) opt(e, "ID", id["value"], { schemeID: str(id["scheme"]) ?? "" });
  opt(e, "Name", p["name"]);
  address(e, "SpecifiedSPSAddress", obj(p["address"]));
  const c = obj(p["contact"]);
  if (c) {
    const k = el(e, "DefinedSPSContact");
    opt(k, "PersonName", c["name"]);
    opt(k, "TelephoneCompleteNumber", c["phone"]);
    opt(k, "EmailURIID", c["email"]);
    k.up();
  }
  e.up();
}

/** An element holding one ID child, the way SPS names countries. */
function idOf(parent: XMLBuilder, name: string, v: unknown): void {
  const s = str(v);
  if (s !== undefined) el(parent, name).ele(INSPECTION_NS, "ID").txt(s);
}

function location(parent: XMLBuilder, name: string, v: unknown): void {
  const l = obj(v);
  if (!l) return;
  const e = el(parent, name);
  opt(e, "ID", l["locode"], { schemeAgencyID: "6" });
  opt(e, "Name", l["name"]);
  opt(e, "CountryID", l["country"]);
  e.up();
}

/**
 * Canonical inspection-application → the gateway's inspection application XML. Element names
 * follow the UN/CEFACT SPS Certificate (SPSExchangedDocument, SPSConsignment,
 * IncludedSPSConsignmentItem, IncludedSPSTradeLineItem…) so an inspection body that issues
 * ePhyto or eCert certificates meets the same structure in the application.
 */
export function writeInspectionApplication(
  doc: CanonicalDocument,
  opts: { readonly messageId: string; readonly sender: string },
): string {
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(INSPECTION_NS, "InspectionApplication", {
    format: APPLICATION_FORMAT,
  });
  const ex = el(root, "SPSExchangedDocument");
  opt(ex, "ID", doc.number);
  opt(ex, "MessageID", opts.messageId);
  opt(ex, "SenderID", opts.sender);
  opt(ex, "PurposeCode", PURPOSE[doc.functionCode]);
  opt(ex, "VersionID", doc.version);
  opt(ex, "SupersedesID", doc.supersedes);
  opt(ex, "IssueDateTime", doc.issuedAt);
  opt(ex, "UCRID", doc.ucr);
  for (const t of Array.isArray(doc["inspectionTypes"]) ? (doc["inspectionTypes"] as unknown[]) : []) {
    const r = el(ex, "RequestedSPSInspection");
    opt(r, "TypeCode", t);
    opt(r, "CertificateTypeCode", CERTIFICATE_TYPE_CODES[String(t)]);
    r.up();
  }
  opt(ex, "CertificateRequirements", doc["certificateRequirements"]);
  opt(ex, "ContractReferenceID", doc["contractNumber"]);
  opt(ex, "CreditReferenceID", doc["lcNumber"]);
  party(ex, "IssuerSPSParty", doc.issuer);
  ex.up();

  const c = el(root, "SPSConsignment");
  party(c, "ApplicantSPSParty", doc["applicant"]);
  party(c, "ConsignorSPSParty", doc["exporter"] ?? doc["applicant"]);
  party(c, "ConsigneeSPSParty", doc["consignee"]);
  party(c, "InspectionSPSAuthority", doc["authority"]);
  idOf(c, "ExportSPSCountry", doc["exportCountry"]);
  idOf(c, "ImportSPSCountry", doc["destinationCountry"]);
  location(c, "LoadingBaseportSPSLocation", doc["portOfLoading"]);
  location(c, "UnloadingBaseportSPSLocation", doc["portOfDischarge"]);
  if (doc["inspectionPlace"] || doc["inspectionAddress"] || doc["requestedDate"]) {
    const ev = el(c, "ExaminationSPSEvent");
    opt(ev, "RequestedDateTime", doc["requestedDate"]);
    if (doc["inspectionPlace"] || doc["inspectionAddress"]) {
      const l = el(ev, "OccurrenceSPSLocation");
      const place = obj(doc["inspectionPlace"]);
      opt(l, "ID", place?.["locode"], { schemeAgencyID: "6" });
      opt(l, "Name", place?.["name"]);
      address(l, "SpecifiedSPSAddress", obj(doc["inspectionAddress"]));
      l.up();
    }
    ev.up();
  }
  const transport = obj(doc["transport"]);
  if (transport || doc["plannedShipmentDate"]) {
    const mv = el(c, "MainCarriageSPSTransportMovement");
    opt(mv, "ModeCode", transport?.["mode"]);
    opt(mv, "ID", transport?.["voyage"]);
    opt(mv, "DepartureDateTime", doc["plannedShipmentDate"]);
    if (transport?.["name"] || transport?.["imoNumber"] || transport?.["id"]) {
      const m = el(mv, "UsedSPSTransportMeans");
      opt(m, "ID", transport["imoNumber"] ?? transport["id"]);
      opt(m, "Name", transport["name"]);
      m.up();
    }
    mv.up();
  }
  for (const eq of arr(doc["equipment"])) {
    const u = el(c, "UtilizedSPSTransportEquipment");
    opt(u, "ID", eq["id"]);
    opt(u, "SizeTypeCode", eq["sizeType"]);
    for (const s of Array.isArray(eq["seals"]) ? (eq["seals"] as unknown[]) : [])
      idOf(u, "AffixedSPSSeal", s);
    u.up();
  }
  const items = el(c, "IncludedSPSConsignmentItem");
  for (const it of arr(doc["goodsItems"])) {
    const li = el(items, "IncludedSPSTradeLineItem");
    opt(li, "SequenceNumeric", it["sequence"]);
    opt(li, "Description", it["description"]);
    if (it["hsCode"]) {
      const k = el(li, "ApplicableSPSClassification");
      opt(k, "SystemID", "HS");
      opt(k, "ClassCode", it["hsCode"]);
      k.up();
    }
    idOf(li, "OriginSPSCountry", it["originCountry"]);
    measure(li, "NetWeightMeasure", it["netWeight"]);
    measure(li, "GrossWeightMeasure", it["grossWeight"]);
    const q = obj(it["quantity"]);
    if (q) opt(li, "ItemQuantity", q["value"], { unitCode: str(q["unit"]) ?? "" });
    const pk = obj(it["packages"]);
    if (pk) {
      const p = el(li, "PhysicalSPSPackage");
      opt(p, "LevelCode", "1");
      opt(p, "TypeCode", pk["typeCode"]);
      opt(p, "ItemQuantity", pk["count"]);
      const marks = str(pk["marks"]);
      if (marks) el(p, "PhysicalSPSShippingMarks").ele(INSPECTION_NS, "Marking").txt(marks);
      p.up();
    }
    for (const id of Array.isArray(it["equipmentIds"]) ? (it["equipmentIds"] as unknown[]) : [])
      opt(li, "AssociatedSPSTransportEquipmentID", id);
    li.up();
  }
  return root.end({ prettyPrint: true });
}
