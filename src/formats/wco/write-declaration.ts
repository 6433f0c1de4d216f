import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import type { CanonicalDocument, PartyData } from "../../model/canonical.js";
import { FUNCTION_CODES, WCO_NS } from "./namespaces.js";

type Obj = Readonly<Record<string, unknown>>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x): x is Obj => !!obj(x)) : []);
const str = (v: unknown): string | undefined =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;

/** Adds a child in the declaration namespace (xmlbuilder2 writes xmlns="" otherwise). */
function el(parent: XMLBuilder, name: string, text?: string, attrs?: Record<string, string>): XMLBuilder {
  const e = parent.ele(WCO_NS.declaration, name, attrs);
  if (text !== undefined) e.txt(text);
  return e;
}

function opt(parent: XMLBuilder, name: string, v: unknown, attrs?: Record<string, string>): void {
  const s = str(v);
  if (s !== undefined && s !== "") el(parent, name, s, attrs).up();
}

function party(parent: XMLBuilder, name: string, p: PartyData | undefined): void {
  if (!p) return;
  const e = el(parent, name);
  opt(e, "Name", p.name);
  const id =
    p.identifiers?.find((i) => i.scheme === "EORI" || i.scheme === "USCI" || i.scheme === "CN-CUSTOMS") ??
    p.identifiers?.[0];
  opt(e, "ID", id?.value);
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

/**
 * Canonical export-declaration → WCO Data Model 3.6 declaration XML (DEC, the CDS DEC-DMS
 * binding): WCO class and element names, MetaData wrapper, 1225 function codes.
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
  const totals = obj(doc["totals"]);
  opt(dec, "TotalPackageQuantity", totals?.["packageCount"]);
  const invoice = obj(doc["invoice"]);
  if (invoice) opt(dec, "InvoiceAmount", invoice["amount"], { currencyID: str(invoice["currency"]) ?? "" });
  const transport = obj(doc["transport"]);
  if (transport?.["modeAtBorder"] || transport?.["meansId"]) {
    const b = el(dec, "BorderTransportMeans");
    opt(b, "ID", transport["meansId"]);
    opt(b, "Name", transport["meansName"]);
    opt(b, "ModeCode", transport["modeAtBorder"]);
    b.up();
  }
  party(dec, "Declarant", doc["declarant"] as PartyData | undefined);
  if (transport?.["exitOffice"])
    el(dec, "ExitOffice")
      .ele(WCO_NS.declaration, "ID")
      .txt(str(transport["exitOffice"]) ?? "")
      .up()
      .up();
  party(dec, "Exporter", doc["exporter"] as PartyData | undefined);
  if (doc["customsOffice"])
    el(dec, "PresentationOffice")
      .ele(WCO_NS.declaration, "ID")
      .txt(str(doc["customsOffice"]) ?? "")
      .up()
      .up();

  const gs = el(dec, "GoodsShipment");
  party(gs, "Consignee", doc["consignee"] as PartyData | undefined);
  const equipment = arr(transport?.["equipment"]);
  const loading = obj(transport?.["loadingLocation"]);
  if (equipment.length > 0 || loading) {
    const c = el(gs, "Consignment");
    opt(c, "ContainerCode", equipment.length > 0 ? "1" : "0");
    if (loading) {
      const gl = el(c, "LoadingLocation");
      opt(gl, "ID", loading["locode"]);
      opt(gl, "Name", loading["name"]);
      gl.up();
    }
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
  for (const it of items) {
    const g = el(gs, "GovernmentAgencyGoodsItem");
    opt(g, "SequenceNumeric", it["sequence"]);
    if (it["value"] !== undefined) opt(g, "StatisticalValueAmount", it["value"], { currencyID: currency });
    const com = el(g, "Commodity");
    opt(com, "Description", it["description"]);
    const cl = el(com, "Classification");
    opt(cl, "ID", it["hsCode"]);
    opt(cl, "IdentificationTypeCode", "TSP");
    cl.up();
    const gross = obj(it["grossWeight"]);
    const net = obj(it["netWeight"]);
    if (gross || net) {
      const gm = el(com, "GoodsMeasure");
      if (gross) opt(gm, "GrossMassMeasure", gross["value"], { unitCode: str(gross["unit"]) ?? "KGM" });
      if (net) opt(gm, "NetNetWeightMeasure", net["value"], { unitCode: str(net["unit"]) ?? "KGM" });
      gm.up();
    }
    com.up();
    const proc = str(it["procedure"]);
    if (proc) {
      const gp = el(g, "GovernmentProcedure");
      opt(gp, "CurrentCode", proc.slice(0, 2));
      if (proc.length >= 4) opt(gp, "PreviousCode", proc.slice(2, 4));
      gp.up();
    }
    if (it["originCountry"])
      el(g, "Origin")
        .ele(WCO_NS.declaration, "CountryCode")
        .txt(str(it["originCountry"]) ?? "")
        .up()
        .up();
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
  return root.end({ prettyPrint: false });
}
