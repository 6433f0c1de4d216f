import { create, type XmlBuilder as XMLBuilder } from "../xml/builder.js";
import type { CanonicalDocument } from "../../model/canonical.js";

/** The gateway's cargo insurance XML (adapters/insurance/README.md). */
export const INSURANCE_NS = "urn:swg:insurance:1";
export const REQUEST_FORMAT = "swg-insurance-request-1.0";

/** UN/EDIFACT 1225 message function codes. */
const PURPOSE = { original: "9", replacement: "5", cancellation: "1" } as const;

type Obj = Readonly<Record<string, unknown>>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Obj => !!x) : []);
const str = (v: unknown): string | undefined =>
  typeof v === "string" && v !== ""
    ? v
    : typeof v === "number" || typeof v === "boolean"
      ? String(v)
      : undefined;

function el(parent: XMLBuilder, name: string, text?: string, attrs?: Record<string, string>): XMLBuilder {
  const e = parent.ele(INSURANCE_NS, name, attrs);
  if (text !== undefined) e.txt(text);
  return e;
}

function opt(parent: XMLBuilder, name: string, v: unknown, attrs?: Record<string, string>): void {
  const s = str(v);
  if (s !== undefined) el(parent, name, s, attrs).up();
}

function party(parent: XMLBuilder, name: string, v: unknown): void {
  const p = obj(v);
  if (!p) return;
  const e = el(parent, name);
  opt(e, "Name", p["name"]);
  for (const id of arr(p["identifiers"])) opt(e, "ID", id["value"], { schemeID: str(id["scheme"]) ?? "" });
  const a = obj(p["address"]);
  if (a) {
    const ad = el(e, "Address");
    for (const l of Array.isArray(a["lines"]) ? (a["lines"] as unknown[]) : []) opt(ad, "Line", l);
    opt(ad, "City", a["city"]);
    opt(ad, "PostalCode", a["postalCode"]);
    opt(ad, "Country", a["country"]);
    ad.up();
  }
  e.up();
}

function location(parent: XMLBuilder, name: string, v: unknown): void {
  const l = obj(v);
  if (!l) return;
  const e = el(parent, name);
  opt(e, "LOCODE", l["locode"]);
  opt(e, "Name", l["name"]);
  opt(e, "Country", l["country"]);
  e.up();
}

/**
 * Canonical insurance-certificate (status requested) → a cover request to a cargo insurer:
 * who is insured for how much and against what (Institute Cargo Clauses), on which voyage,
 * under which open policy, and what a credit requires of the certificate (UCP 600 art. 28).
 * An issued certificate sent back to the insurer is a copy (Purpose "copy").
 */
export function writeCoverRequest(doc: CanonicalDocument, opts: { readonly messageId: string }): string {
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(INSURANCE_NS, "CargoInsuranceRequest", {
    format: REQUEST_FORMAT,
  });
  const h = el(root, "Header");
  opt(h, "RequestID", doc.number);
  opt(h, "MessageID", opts.messageId);
  opt(h, "FunctionCode", PURPOSE[doc.functionCode]);
  opt(h, "Purpose", doc["status"] === "issued" ? "copy" : "request");
  opt(h, "VersionID", doc.version);
  opt(h, "SupersedesID", doc.supersedes);
  opt(h, "IssueDate", doc.issuedAt);
  opt(h, "UCR", doc.ucr);
  h.up();
  party(root, "Requester", doc.issuer);
  party(root, "Insured", doc["insured"]);
  party(root, "Insurer", doc["insurer"]);
  if (doc["beneficiary"]) party(root, "Beneficiary", doc["beneficiary"]);
  opt(root, "ToOrder", doc["toOrder"]);
  opt(root, "PolicyNumber", doc["policyNumber"]);

  const cover = el(root, "Cover");
  opt(cover, "InsuredAmount", doc["insuredAmount"], { currencyID: str(doc["currency"]) ?? "" });
  const basis = obj(doc["insuredValueBasis"]);
  if (basis) {
    const b = el(cover, "ValueBasis");
    opt(b, "Basis", basis["basis"]);
    opt(b, "Percent", basis["percent"]);
    b.up();
  }
  for (const c of arr(doc["coverage"])) {
    const k = el(cover, "Clause");
    opt(k, "Code", c["code"]);
    opt(k, "Text", c["text"]);
    k.up();
  }
  opt(cover, "EffectiveDate", doc["effectiveDate"]);
  location(cover, "ClaimsPayableAt", doc["claimsPayableAt"]);
  opt(cover, "ClaimsCurrency", doc["claimsCurrency"]);
  opt(cover, "Originals", doc["originals"]);
  cover.up();

  const v = el(root, "Voyage");
  opt(v, "ShipmentDate", doc["shipmentDate"]);
  const t = obj(doc["transport"]);
  if (t) {
    const m = el(v, "Conveyance");
    opt(m, "Mode", t["mode"]);
    opt(m, "Name", t["name"]);
    opt(m, "IMO", t["imoNumber"]);
    opt(m, "Voyage", t["voyage"]);
    m.up();
  }
  location(v, "From", doc["from"]);
  location(v, "Via", doc["via"]);
  location(v, "To", doc["to"]);
  v.up();

  const g = el(root, "Goods");
  opt(g, "Description", doc["goodsDescription"]);
  opt(g, "Marks", doc["marks"]);
  const p = obj(doc["packages"]);
  if (p) opt(g, "Packages", p["count"], { typeCode: str(p["typeCode"]) ?? "" });
  g.up();

  const terms = obj(doc["incoterms"]);
  const refs = el(root, "References");
  if (terms) opt(refs, "Incoterms", terms["code"], { place: str(obj(terms["place"])?.["name"]) ?? "" });
  opt(refs, "InvoiceNumber", doc["invoiceNumber"]);
  opt(refs, "CreditNumber", doc["lcNumber"]);
  refs.up();
  return root.end({ prettyPrint: true });
}
