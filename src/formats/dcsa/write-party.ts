import type { PartyData } from "../../model/canonical.js";
import { fit } from "./write-text.js";

type Obj = Record<string, unknown>;

export const compact = <T extends Obj>(o: T): T =>
  Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;

/** Canonical identifier schemes → DCSA identifyingCodes (code list provider and name). */
const CODE_LISTS: Readonly<Record<string, { provider: string; name: string }>> = {
  LEI: { provider: "GLEIF", name: "LEI" },
  GLN: { provider: "GS1", name: "GLN" },
  DUNS: { provider: "DNB", name: "DUNS" },
  BIC: { provider: "SWIFT", name: "BIC" },
};
/** …and those DCSA carries as taxLegalReferences, with the country when the scheme fixes it. */
const TAX_REFERENCES: Readonly<Record<string, string | undefined>> = {
  EORI: undefined,
  VAT: undefined,
  TIN: undefined,
  USCI: "CN",
  "CN-CUSTOMS": "CN",
};

interface Identifier {
  readonly scheme: string;
  readonly value: string;
  readonly schemeName?: string;
  readonly issuerCountry?: string;
}

/** A DCSA PartyContactDetail: a name and a phone or an e-mail. */
export function contactOf(c: Obj | undefined): Obj | undefined {
  const name = fit(c?.["name"] as string | undefined, 35);
  const phone = fit(c?.["phone"] as string | undefined, 30);
  const email = fit(c?.["email"] as string | undefined, 100);
  return name && (phone || (email && /^.+@\S+$/.test(email))) ? compact({ name, phone, email }) : undefined;
}

/** A canonical party → a DCSA party (partyName, address, identifyingCodes, taxLegalReferences, contact). */
export function partyOf(p: PartyData | undefined, reference?: string): Obj | undefined {
  const name = fit(p?.name, 70);
  if (!p || !name) return undefined;
  const a = p.address as Obj | undefined;
  const street = fit((a?.["lines"] as string[] | undefined)?.[0], 70);
  const city = fit(a?.["city"] as string | undefined, 35);
  const ids = (p.identifiers ?? []) as readonly Identifier[];
  const contact = contactOf(p["contact"] as Obj | undefined);
  return compact({
    partyName: name,
    // DCSA wants street, city and country, or no address.
    address:
      street && city && typeof a?.["country"] === "string"
        ? compact({
            street,
            city,
            postCode: fit(a["postalCode"] as string | undefined, 10),
            stateRegion: fit(a["subdivision"] as string | undefined, 65),
            countryCode: a["country"],
          })
        : undefined,
    identifyingCodes: ids
      .filter((i) => Object.hasOwn(CODE_LISTS, i.scheme) || i.scheme === "OTHER")
      .map((i) =>
        i.scheme === "OTHER"
          ? {
              codeListProvider: (i.schemeName ?? "unspecified").slice(0, 100),
              partyCode: i.value.slice(0, 150),
            }
          : {
              codeListProvider: CODE_LISTS[i.scheme]!.provider,
              codeListName: CODE_LISTS[i.scheme]!.name,
              partyCode: i.value.slice(0, 150),
            },
      ),
    taxLegalReferences: ids
      .filter((i) => Object.hasOwn(TAX_REFERENCES, i.scheme))
      .map((i) => {
        const country =
          TAX_REFERENCES[i.scheme] ??
          i.issuerCountry ??
          (i.scheme === "EORI" ? i.value.slice(0, 2) : (a?.["country"] as string | undefined));
        const value = fit(i.value, 35);
        return country && value ? { type: i.scheme, countryCode: country, value } : undefined;
      })
      .filter((x) => x !== undefined),
    partyContactDetails: contact ? [contact] : undefined,
    reference: fit(reference, 35),
  });
}
