import type { PartyData } from "../../model/canonical.js";
import type { Cursor } from "../xml/cursor.js";
import { compact, type FieldReader } from "./values.js";

/** ISO/IEC 6523 ICD codes (UBL and CII schemeID, e.g. in Peppol and EN 16931) → our identifier schemes. */
const ICD_SCHEMES: Readonly<Record<string, string>> = {
  "0088": "GLN",
  "0199": "LEI",
  "0060": "DUNS",
};
const NAMED_SCHEMES = new Set(["USCI", "EORI", "LEI", "GLN", "BIC", "DUNS", "CN-CUSTOMS", "VAT", "TIN"]);
/** The shapes the canonical identifier schema checks per scheme. */
const SHAPES: Readonly<Record<string, RegExp>> = {
  USCI: /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
  LEI: /^[0-9A-Z]{18}[0-9]{2}$/,
  GLN: /^[0-9]{13}$/,
  BIC: /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/,
  DUNS: /^[0-9]{9}$/,
  EORI: /^[A-Z]{2}[0-9A-Z]{1,15}$/,
  "CN-CUSTOMS": /^[0-9A-Z]{10}$/,
};

export interface Identifier {
  readonly scheme: string;
  readonly value: string;
  readonly schemeName?: string;
}

/**
 * A scheme id as written (ICD code, scheme name) plus the kind of id it is (`fallback`) →
 * a canonical identifier. A value that does not have its scheme's shape, or a scheme we do
 * not name, is kept as OTHER with the scheme as written in schemeName.
 */
export function identifier(schemeId: string | undefined, value: string, fallback: string): Identifier {
  const written = schemeId?.trim();
  const up = written?.toUpperCase();
  let scheme = fallback;
  if (up && NAMED_SCHEMES.has(up)) scheme = up;
  else if (written && ICD_SCHEMES[written]) scheme = ICD_SCHEMES[written];
  // 99xx ICDs are national VAT registers (Peppol code list).
  else if (written && /^99\d\d$/.test(written)) scheme = "VAT";
  else if (written) scheme = "OTHER";
  const shape = SHAPES[scheme];
  if (scheme === "OTHER" || (shape && !shape.test(value)))
    return { scheme: "OTHER", value, schemeName: written || (scheme === "OTHER" ? "unspecified" : scheme) };
  return { scheme, value };
}

/** Collects a party's identifiers in document order, without duplicates. */
export class IdentifierList {
  readonly list: Identifier[] = [];
  constructor(
    private readonly f: FieldReader,
    private readonly pointer: string,
  ) {}

  add(c: Cursor | undefined, fallback: string, schemeAttr = "schemeID"): void {
    const value = c?.text()?.trim();
    if (!c || !value) return;
    const id = identifier(c.attr(schemeAttr), value.slice(0, 70), fallback);
    if (this.list.some((x) => x.scheme === id.scheme && x.value === id.value)) return;
    this.f.text(c, `${this.pointer}/identifiers/${this.list.length}/value`);
    this.list.push(id);
  }
}

/** cac:PostalAddress (or any UBL Address) → canonical address; none without a country. */
export function readAddress(a: Cursor | undefined, f: FieldReader, pointer: string) {
  if (!a) return undefined;
  const country = f.country(a.at("cac:Country", "cbc:IdentificationCode"), `${pointer}/country`);
  if (!country) return undefined;
  const lines = [
    f.text(a.child("StreetName", "cbc"), `${pointer}/lines`),
    f.text(a.child("AdditionalStreetName", "cbc"), `${pointer}/lines`),
    f.text(a.child("BuildingNumber", "cbc"), `${pointer}/lines`),
    ...a.all("cac:AddressLine").map((l) => f.text(l.child("Line", "cbc"), `${pointer}/lines`)),
  ].filter((x): x is string => x !== undefined);
  return compact({
    lines,
    city: f.text(a.child("CityName", "cbc"), `${pointer}/city`),
    postalCode: f.text(a.child("PostalZone", "cbc"), `${pointer}/postalCode`),
    subdivision: f.text(a.child("CountrySubentity", "cbc"), `${pointer}/subdivision`),
    country,
  });
}

/**
 * A party named only by an identifier (common in customs messages) gets that identifier as
 * its name: the canonical party needs a name, and the report says where it came from.
 */
export function nameOrIdentifier(
  name: string | undefined,
  ids: readonly Identifier[],
  f: FieldReader,
  pointer: string,
): string | undefined {
  if (name) return name.slice(0, 200);
  const first = ids[0];
  if (!first) return undefined;
  f.trace.defaulted(`${pointer}/name`, first.value, "the party has no name; its identifier stands for it");
  return first.value;
}

/** cac:Party (or any UBL party aggregate) → canonical party. */
export function readParty(p: Cursor | undefined, f: FieldReader, pointer: string): PartyData | undefined {
  if (!p) return undefined;
  const ids = new IdentifierList(f, pointer);
  ids.add(p.child("EndpointID", "cbc"), "OTHER");
  for (const pi of p.all("cac:PartyIdentification")) ids.add(pi.child("ID", "cbc"), "OTHER");
  for (const ts of p.all("cac:PartyTaxScheme")) {
    const scheme = ts.at("cac:TaxScheme", "cbc:ID")?.text()?.trim().toUpperCase();
    ids.add(ts.child("CompanyID", "cbc"), scheme === "VAT" ? "VAT" : "TIN");
  }
  for (const le of p.all("cac:PartyLegalEntity")) ids.add(le.child("CompanyID", "cbc"), "OTHER");

  const legal = p.at("cac:PartyLegalEntity", "cbc:RegistrationName");
  const trading = p.at("cac:PartyName", "cbc:Name");
  const name =
    f.text(legal, `${pointer}/name`) ??
    f.text(trading, `${pointer}/name`) ??
    f.text(p.at("cac:PartyTaxScheme", "cbc:RegistrationName"), `${pointer}/name`);
  const c = p.child("Contact", "cac");
  const contact = c
    ? compact({
        name: f.text(c.child("Name", "cbc"), `${pointer}/contact/name`),
        phone: f.text(c.child("Telephone", "cbc"), `${pointer}/contact/phone`),
        email: f.text(c.child("ElectronicMail", "cbc"), `${pointer}/contact/email`),
      })
    : undefined;
  const named = nameOrIdentifier(name, ids.list, f, pointer);
  if (!named) return undefined;
  return compact({
    name: named,
    identifiers: ids.list,
    address: readAddress(
      p.child("PostalAddress", "cac") ?? p.at("cac:PartyLegalEntity", "cac:RegistrationAddress"),
      f,
      `${pointer}/address`,
    ),
    contact,
  });
}
