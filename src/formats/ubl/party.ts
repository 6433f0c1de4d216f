import type { PartyData } from "../../model/canonical.js";
import type { Cursor } from "../xml/cursor.js";
import { compact, type FieldReader } from "./values.js";

/** ISO/IEC 6523 ICD codes (as used in UBL schemeID, e.g. by Peppol and EN 16931) → our identifier schemes. */
const ICD_SCHEMES: Readonly<Record<string, string>> = {
  "0088": "GLN",
  "0199": "LEI",
  "0060": "DUNS",
  "0009": "TIN",
  "0002": "TIN",
};
const NAMED_SCHEMES = new Set(["USCI", "EORI", "LEI", "GLN", "BIC", "DUNS", "CN-CUSTOMS", "VAT", "TIN"]);

export function schemeOf(schemeId: string | undefined, fallback: string): string {
  if (!schemeId) return fallback;
  const up = schemeId.toUpperCase();
  if (NAMED_SCHEMES.has(up)) return up;
  if (ICD_SCHEMES[schemeId]) return ICD_SCHEMES[schemeId];
  // 99xx ICDs are national VAT registers (Peppol code list).
  if (/^99\d\d$/.test(schemeId)) return "VAT";
  return fallback;
}

/** cac:Party (or any UBL party aggregate) → canonical party. */
export function readParty(p: Cursor | undefined, f: FieldReader, pointer: string): PartyData | undefined {
  if (!p) return undefined;
  const identifiers: { scheme: string; value: string }[] = [];
  const addId = (c: Cursor | undefined, fallback: string) => {
    const value = c?.text()?.trim();
    if (!c || !value) return;
    const i = identifiers.length;
    const scheme = schemeOf(c.attr("schemeID"), fallback);
    if (identifiers.some((x) => x.scheme === scheme && x.value === value)) return;
    identifiers.push({ scheme, value });
    f.text(c, `${pointer}/identifiers/${i}/value`);
  };
  addId(p.child("EndpointID", "cbc"), "OTHER");
  for (const pi of p.all("cac:PartyIdentification")) addId(pi.child("ID", "cbc"), "OTHER");
  for (const ts of p.all("cac:PartyTaxScheme")) addId(ts.child("CompanyID", "cbc"), "VAT");
  addId(p.at("cac:PartyLegalEntity", "cbc:CompanyID"), "OTHER");

  const name =
    f.text(p.at("cac:PartyLegalEntity", "cbc:RegistrationName"), `${pointer}/name`) ??
    f.text(p.at("cac:PartyName", "cbc:Name"), `${pointer}/name`) ??
    f.text(p.at("cac:PartyTaxScheme", "cbc:RegistrationName"), `${pointer}/name`);
  // Read trading name too when a legal name was used, so it is not reported unmapped for nothing.
  p.at("cac:PartyName", "cbc:Name")?.text();

  const a = p.child("PostalAddress", "cac") ?? p.at("cac:PartyLegalEntity", "cac:RegistrationAddress");
  const lines = a
    ? [
        f.text(a.child("StreetName", "cbc"), `${pointer}/address/lines`),
        f.text(a.child("AdditionalStreetName", "cbc"), `${pointer}/address/lines`),
        f.text(a.child("BuildingNumber", "cbc"), `${pointer}/address/lines`),
        ...a.all("cac:AddressLine").map((l) => f.text(l.child("Line", "cbc"), `${pointer}/address/lines`)),
      ].filter((x): x is string => x !== undefined)
    : [];
  const address = a
    ? compact({
        lines,
        city: f.text(a.child("CityName", "cbc"), `${pointer}/address/city`),
        postalCode: f.text(a.child("PostalZone", "cbc"), `${pointer}/address/postalCode`),
        subdivision: f.text(a.child("CountrySubentity", "cbc"), `${pointer}/address/subdivision`),
        country: f.text(a.at("cac:Country", "cbc:IdentificationCode"), `${pointer}/address/country`),
      })
    : undefined;
  const c = p.child("Contact", "cac");
  const contact = c
    ? compact({
        name: f.text(c.child("Name", "cbc"), `${pointer}/contact/name`),
        phone: f.text(c.child("Telephone", "cbc"), `${pointer}/contact/phone`),
        email: f.text(c.child("ElectronicMail", "cbc"), `${pointer}/contact/email`),
      })
    : undefined;
  return compact({
    name: name ?? "",
    identifiers,
    address,
    contact,
  }) as PartyData;
}
