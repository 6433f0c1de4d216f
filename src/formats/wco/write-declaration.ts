import { create, type XmlBuilder as XMLBuilder } from "../xml/builder.js";
import type { CanonicalDocument, PartyData } from "../../model/canonical.js";
import { FUNCTION_CODES, WCO_NS } from "./namespaces.js";

type Obj = Readonly<Record<string, unknown>>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x): x is Obj => !!obj(x)) : []);
const str = (v: unknown): string | undefined =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;

/** Adds a child in the declaration namespace. */
function el(parent: XMLBuilder, name: string, text?: string, attrs?: Record<string, string>): XMLBuilder {
  const e = parent.ele(WCO_NS.declaration, name, attrs);
  if (text !== undefined) e.txt(text);
  return e;
}

function opt(parent: XMLBuilder, name: string, v: unknown, attrs?: Record<string, string>): void {
  const s = str(v);
  if (s !== undefined && s !== "") el(parent, name, s, attrs).up();
}

/** A canonical mass (KGM unless stated) as a WCO measure. */
function mass(parent: XMLBuilder, name: string, w: unknown): void {
  const m = obj(w);
  if (m) opt(parent, name, m["value"], { unitCode: str(m["unit"]) ?? "KGM" });
}

/** Identifier schemes a customs authority keys parties by, in order of preference. */
const CUSTOMS_SCHEMES = ["EORI", "USCI", "CN-CUSTOMS"];

function party(
  parent: XMLBuilder,
  name: string,
  p: PartyData | undefined,
  extra?: (e: XMLBuilder) => void,
): void {
  if (!p) return;
  const e = el(parent, name);
  opt(e, "Name", p.name);
  const id =
    CUSTOMS_SCHEMES.map((s) => p.identifiers?.find((i) => i.scheme === s)).find((i) => i) ??
    p.identifiers?.[0];
  opt(e, "ID", id?.value);
  extra?.(e);
  const a = p.address;
  if (a) {
    const ad = el(e, "Address");
    opt(ad, "CityName", a["city"]);
    opt(ad, "CountryCode", a.country);
    const lines = Array.isArray(a["lines"])
      ? (a["lines"] as unknown[]).map(str).filter(Boolean).join(", ")
      : undefined;
    opt(ad, "Line", lines);
    opt(ad, "PostcodeID", a["postalCode"]);
    ad.up();
  }
  e.up();
}

/** A location by name and, when it has one, its UN/LOCODE as ID. */
function location(parent: XMLBuilder, name: string, l: unknown): void {
  const o = obj(l);
  if (!o) return;
  const e = el(parent, name);
  opt(e, "Name", o["name"]);
  opt(e, "ID", o["locode"]);
  e.up();
}

/** Requested + previous procedure (4 digits) and the additional procedure code (3), as DE 1/10 and 1/11. */
function procedures(parent: XMLBuilder, proc: string | undefined): void {
  if (!proc) return;
  const gp = el(parent, "GovernmentProcedure");
  opt(gp, "CurrentCode", proc.slice(0, 2));
  if (proc.length >= 4) opt(gp, "PreviousCode", proc.slice(2, 4));
  gp.up();
  if (proc.length > 4) el(el(parent, "GovernmentProcedure"), "CurrentCode", proc.slice(4)).up().up();
}

function goodsItem(parent: XMLBuilder, it: Obj, currency: string): void {
  const g = el(parent, "GovernmentAgencyGoodsItem");
  opt(g, "SequenceNumeric", it["sequence"]);
  if (it["statisticalValue"] !== undefined || it["value"] !== undefined)
    opt(g, "StatisticalValueAmount", it["statisticalValue"] ?? it["value"], { currencyID: currency });
  for (const d of arr(it["additionalDocuments"])) {
    const code = str(d["typeCode"]) ?? "";
    const ad = el(g, "AdditionalDocument");
    opt(ad, "CategoryCode", code.slice(0, 1));
    opt(ad, "ID", d["number"]);
    opt(ad, "TypeCode", code.slice(1));
    ad.up();
  }
  const com = el(g, "Commodity");
  opt(com, "Description", it["description"]);
  const hs = str(it["hsCode"]);
  if (hs) {
    // CDS: the combined nomenclature code (8 digits) as TSP and the TARIC extension (2) as TRC.
    const cl = el(com, "Classification");
    opt(cl, "ID", hs.slice(0, 8));
    opt(cl, "IdentificationTypeCode", "TSP");
    cl.up();
    if (hs.length === 10) {
      const trc = el(com, "Classification");
      opt(trc, "ID", hs.slice(8));
      opt(trc, "IdentificationTypeCode", "TRC");
      trc.up();
    }
  }
  if (it["grossWeight"] || it["netWeight"]) {
    const gm = el(com, "GoodsMeasure");
    mass(gm, "GrossMassMeasure", it["grossWeight"]);
    mass(gm, "NetNetWeightMeasure", it["netWeight"]);
    gm.up();
  }
  com.up();
  procedures(g, str(it["procedure"]));
  if (it["originCountry"]) el(el(g, "Origin"), "CountryCode", str(it["originCountry"])).up().up();
  const pk = obj(it["packages"]);
  if (pk) {
    const p = el(g, "Packaging");
    opt(p, "SequenceNumeric", 1);
    opt(p, "MarksNumbersID", pk["marks"]);
    opt(p, "QuantityQuantity", pk["count"]);
    opt(p, "TypeCode", pk["typeCode"]);
    p.up();
  }
  g.up();
}

/**
 * Canonical export-declaration → WCO Data Model 3.6 declaration XML (DEC, the CDS DEC-DMS
 * binding): WCO class and element names in the schema's order, MetaData wrapper, 1225
 * function codes. The WCO reader (declaration.ts) reads it back.
 */
export function writeWcoDeclaration(
  doc: CanonicalDocument,
  opts: { responsibleCountry?: string; agency?: string } = {},
): string {
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(WCO_NS.metadata, "md:MetaData");
  root.ele(WCO_NS.metadata, "md:WCODataModelVersionCode").txt("3.6").up();
  root.ele(WCO_NS.metadata, "md:WCOTypeName").txt("DEC").up();
  if (opts.responsibleCountry)
    root.ele(WCO_NS.metadata, "md:ResponsibleCountryCode").txt(opts.responsibleCountry).up();
  if (opts.agency) root.ele(WCO_NS.metadata, "md:ResponsibleAgencyName").txt(opts.agency).up();

  const dec = el(root, "Declaration");
  opt(dec, "FunctionCode", FUNCTION_CODES[doc.functionCode]);
  opt(dec, "FunctionalReferenceID", doc["lrn"] ?? doc.number);
  opt(dec, "ID", doc["mrn"]);
  opt(dec, "TypeCode", doc["declarationType"]);
  const items = arr(doc["goodsItems"]);
  opt(dec, "GoodsItemQuantity", items.length);
  const invoice = obj(doc["invoice"]);
  if (invoice) opt(dec, "InvoiceAmount", invoice["amount"], { currencyID: str(invoice["currency"]) ?? "" });
  const totals = obj(doc["totals"]);
  mass(dec, "TotalGrossMassMeasure", totals?.["grossWeight"]);
  opt(dec, "TotalPackageQuantity", totals?.["packageCount"]);
  const rep = obj(doc["representation"]);
  if (rep) {
    const representative = (obj(rep["representative"]) ?? doc["declarant"]) as PartyData | undefined;
    party(dec, "Agent", representative, (e) =>
      opt(e, "FunctionCode", rep["type"] === "indirect" ? "3" : "2"),
    );
  }
  const transport = obj(doc["transport"]);
  if (transport?.["modeAtBorder"] || transport?.["meansId"] || transport?.["meansName"]) {
    const b = el(dec, "BorderTransportMeans");
    const id = str(transport["meansId"]);
    opt(b, "Name", transport["meansName"]);
    opt(b, "ID", id);
    if (id && /^[0-9]{7}$/.test(id)) opt(b, "IdentificationTypeCode", "10");
    opt(b, "RegistrationNationalityCode", transport["nationality"]);
    opt(b, "ModeCode", transport["modeAtBorder"]);
    b.up();
  }
  if (doc["carrier"]) {
    const c = el(dec, "Consignment");
    party(c, "Carrier", doc["carrier"] as PartyData);
    c.up();
  }
  party(dec, "Declarant", doc["declarant"] as PartyData | undefined);
  if (transport?.["exitOffice"])
    el(dec, "ExitOffice")
      .ele(WCO_NS.declaration, "ID")
      .txt(str(transport["exitOffice"]) ?? "")
      .up()
      .up();
  party(dec, "Exporter", doc["exporter"] as PartyData | undefined);

  const gs = el(dec, "GoodsShipment");
  opt(gs, "TransactionNatureCode", doc["transactionNature"]);
  party(gs, "Consignee", doc["consignee"] as PartyData | undefined);
  const equipment = arr(transport?.["equipment"]);
  const loading = obj(transport?.["loadingLocation"]);
  const goodsLocation = obj(doc["goodsLocation"]);
  if (
    equipment.length > 0 ||
    loading ||
    goodsLocation ||
    transport?.["inlandMode"] ||
    transport?.["containerised"] !== undefined
  ) {
    const c = el(gs, "Consignment");
    const containerised = transport?.["containerised"] ?? (equipment.length > 0 ? true : undefined);
    if (containerised !== undefined) opt(c, "ContainerCode", containerised ? "1" : "0");
    if (transport?.["inlandMode"])
      el(el(c, "DepartureTransportMeans"), "ModeCode", str(transport["inlandMode"])).up().up();
    if (goodsLocation) {
      const gl = el(c, "GoodsLocation");
      opt(gl, "Name", goodsLocation["name"]);
      opt(gl, "ID", goodsLocation["locode"]);
      if (goodsLocation["country"])
        el(el(gl, "Address"), "CountryCode", str(goodsLocation["country"])).up().up();
      gl.up();
    }
    location(c, "LoadingLocation", loading);
    equipment.forEach((eq, i) => {
      const te = el(c, "TransportEquipment");
      opt(te, "SequenceNumeric", i + 1);
      opt(te, "ID", eq["id"]);
      (Array.isArray(eq["seals"]) ? (eq["seals"] as unknown[]) : []).forEach((s, j) => {
        const se = el(te, "Seal");
        opt(se, "SequenceNumeric", j + 1);
        opt(se, "ID", s);
        se.up();
      });
      te.up();
    });
    c.up();
  }
  el(gs, "Destination")
    .ele(WCO_NS.declaration, "CountryCode")
    .txt(str(doc["destinationCountry"]) ?? "")
    .up()
    .up();
  el(gs, "ExportCountry")
    .ele(WCO_NS.declaration, "ID")
    .txt(str(doc["exportCountry"]) ?? "")
    .up()
    .up();
  const currency = str(invoice?.["currency"]) ?? "";
  for (const it of items) goodsItem(gs, it, currency);
  if (invoice?.["number"]) el(el(gs, "Invoice"), "ID", str(invoice["number"])).up().up();
  const terms = obj(doc["incoterms"]);
  if (terms) {
    const t = el(gs, "TradeTerms");
    opt(t, "ConditionCode", terms["code"]);
    opt(t, "LocationID", obj(terms["place"])?.["locode"]);
    opt(t, "LocationName", obj(terms["place"])?.["name"]);
    t.up();
  }
  el(gs, "UCR").ele(WCO_NS.declaration, "ID").txt(doc.ucr).up().up();
  gs.up();
  if (doc["customsOffice"])
    el(dec, "PresentationOffice")
      .ele(WCO_NS.declaration, "ID")
      .txt(str(doc["customsOffice"]) ?? "")
      .up()
      .up();
  return root.end({ prettyPrint: false });
}
