import { create, type XmlBuilder as XMLBuilder } from "../../xml/builder.js";
import type { PartyData } from "../../../model/canonical.js";
import { UBL_NS, ublNamespace } from "../namespaces.js";

export type Obj = Readonly<Record<string, unknown>>;

export const obj = (v: unknown): Obj | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
export const arr = (v: unknown): Obj[] =>
  Array.isArray(v) ? v.filter((x): x is Obj => obj(x) !== undefined) : [];
export const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

/** A JSON number as xs:decimal (never in exponent notation). */
export function decimal(n: number): string {
  const s = String(n);
  return /e/i.test(s) ? n.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 }) : s;
}

function text(v: unknown): string | undefined {
  if (typeof v === "number") return decimal(v);
  if (typeof v === "boolean") return String(v);
  if (typeof v !== "string" || v === "") return undefined;
  // XML end-of-line handling would turn CR into LF on reading anyway.
  return v.replace(/\r\n?/g, "\n");
}

/**
 * Writes a UBL document already in canonical form (Canonical XML 1.0): no XML declaration,
 * no insignificant white space, namespace declarations on the root only (default first, then
 * by prefix), attributes in name order with white space collapsed, and no empty elements, so
 * that an XML-DSig signer can hash the output as it is. Every element gets its namespace
 * (a namespace is declared only where it is not yet in scope).
 */
export class UblWriter {
  readonly root: XMLBuilder;

  constructor(documentName: string) {
    this.root = create().ele(ublNamespace(documentName), documentName, {
      "xmlns:cac": UBL_NS.cac,
      "xmlns:cbc": UBL_NS.cbc,
    });
  }

  /** A child element `prefix:Name`; text and attributes are optional. */
  el(
    parent: XMLBuilder,
    qname: string,
    value?: unknown,
    attrs?: Readonly<Record<string, string | undefined>>,
  ): XMLBuilder {
    const ns = qname.startsWith("cac:") ? UBL_NS.cac : UBL_NS.cbc;
    const clean: Record<string, string> = {};
    for (const k of Object.keys(attrs ?? {}).sort()) {
      const a = attrs?.[k];
      if (a !== undefined && a !== "") clean[k] = a.replace(/\s+/g, " ").trim();
    }
    const e = parent.ele(ns, qname, clean);
    const t = text(value);
    if (t !== undefined) e.txt(t);
    return e;
  }

  /** A basic element only when there is a value: canonical XML has no empty elements. */
  opt(
    parent: XMLBuilder,
    qname: string,
    value: unknown,
    attrs?: Readonly<Record<string, string | undefined>>,
  ): void {
    if (text(value) !== undefined) this.el(parent, qname, value, attrs);
  }

  amount(parent: XMLBuilder, qname: string, value: unknown, currency: string | undefined): void {
    if (typeof value === "number") this.el(parent, qname, value, { currencyID: currency });
  }

  quantity(parent: XMLBuilder, qname: string, q: unknown): void {
    const o = obj(q);
    if (o && typeof o["value"] === "number")
      this.el(parent, qname, o["value"], { unitCode: typeof o["unit"] === "string" ? o["unit"] : undefined });
  }

  /** cac:Country with its code. */
  country(parent: XMLBuilder, qname: string, code: unknown): void {
    if (typeof code === "string") this.el(this.el(parent, qname), "cbc:IdentificationCode", code);
  }

  /** A canonical location → UBL Location (ID is the UN/LOCODE). */
  location(parent: XMLBuilder, qname: string, l: unknown): void {
    const o = obj(l);
    if (!o) return;
    const e = this.el(parent, qname);
    this.opt(e, "cbc:ID", o["locode"]);
    this.opt(e, "cbc:Name", o["name"]);
    if (o["country"]) this.country(this.el(e, "cac:Address"), "cac:Country", o["country"]);
  }

  /** A canonical address → cac:PostalAddress (lines as AddressLine, in order). */
  address(parent: XMLBuilder, qname: string, a: unknown): void {
    const o = obj(a);
    if (!o) return;
    const e = this.el(parent, qname);
    this.opt(e, "cbc:CityName", o["city"]);
    this.opt(e, "cbc:PostalZone", o["postalCode"]);
    this.opt(e, "cbc:CountrySubentity", o["subdivision"]);
    for (const line of strs(o["lines"])) this.el(this.el(e, "cac:AddressLine"), "cbc:Line", line);
    this.country(e, "cac:Country", o["country"]);
  }

  /**
   * A canonical party → UBL Party: identifiers as PartyIdentification (with their scheme) or,
   * for VAT and TIN, PartyTaxScheme; the name as the legal entity's registration name.
   */
  party(parent: XMLBuilder, qname: string, p: PartyData | undefined): void {
    if (!p) return;
    const e = this.el(parent, qname);
    const ids = p.identifiers ?? [];
    for (const id of ids.filter((i) => i.scheme !== "VAT" && i.scheme !== "TIN"))
      this.el(this.el(e, "cac:PartyIdentification"), "cbc:ID", id.value, {
        schemeID: SCHEME_IDS[id.scheme] ?? schemeName(id),
      });
    this.address(e, "cac:PostalAddress", p.address);
    for (const id of ids.filter((i) => i.scheme === "VAT" || i.scheme === "TIN")) {
      const ts = this.el(e, "cac:PartyTaxScheme");
      this.el(ts, "cbc:CompanyID", id.value);
      this.el(this.el(ts, "cac:TaxScheme"), "cbc:ID", id.scheme === "VAT" ? "VAT" : "FC");
    }
    this.el(this.el(e, "cac:PartyLegalEntity"), "cbc:RegistrationName", p.name);
    const c = obj(p["contact"]);
    if (c) {
      const ce = this.el(e, "cac:Contact");
      this.opt(ce, "cbc:Name", c["name"]);
      this.opt(ce, "cbc:Telephone", c["phone"]);
      this.opt(ce, "cbc:ElectronicMail", c["email"]);
    }
  }

  /** A party aggregate that wraps cac:Party (AccountingSupplierParty, DespatchSupplierParty…). */
  wrappedParty(parent: XMLBuilder, qname: string, p: PartyData | undefined): void {
    if (p) this.party(this.el(parent, qname), "cac:Party", p);
  }

  end(): string {
    return this.root.end({ headless: true, prettyPrint: false });
  }
}

/** Canonical identifier schemes → the schemeID the UBL reader maps back (ISO 6523 ICD where one exists). */
const SCHEME_IDS: Readonly<Record<string, string>> = {
  GLN: "0088",
  LEI: "0199",
  DUNS: "0060",
  USCI: "USCI",
  EORI: "EORI",
  BIC: "BIC",
  "CN-CUSTOMS": "CN-CUSTOMS",
};

function schemeName(id: object): string | undefined {
  const name = (id as Obj)["schemeName"];
  return typeof name === "string" && name !== "unspecified" ? name : undefined;
}
