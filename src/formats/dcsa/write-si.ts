import type { CanonicalDocument, DraftDocument, PartyData } from "../../model/canonical.js";

type Obj = Record<string, unknown>;
type Doc = CanonicalDocument | DraftDocument;

/** The canonical shipping instruction cannot make a valid DCSA request; `missing` says what it lacks. */
export class DcsaWriteError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(`the shipping instruction lacks what DCSA eBL 3.0 requires: ${missing.join("; ")}`);
    this.name = "DcsaWriteError";
  }
}

export interface DcsaWriteOptions {
  /** isElectronic: an eBL (the default) or paper. */
  readonly electronic?: boolean;
  /** isShippedOnBoardType; true by default (a shipped-on-board bill). */
  readonly shippedOnBoard?: boolean;
  /** Overrides isCargoDeliveredInICS2Zone, which is otherwise true when the goods are discharged or delivered in the ICS2 area. */
  readonly ics2Zone?: boolean;
  /** The carrier's SCAC or SMDG code, when the adapter knows it. */
  readonly carrierCode?: string;
  readonly carrierCodeListProvider?: "SMDG" | "NMFTA";
  /** Whom the carrier contacts about the instructions, when the shipper names no contact. */
  readonly contact?: { readonly name: string; readonly phone?: string; readonly email?: string };
}

/** EU member states, Norway and Switzerland (and Northern Ireland, under GB): the ICS2 safety and security area. */
const ICS2 = new Set([
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
  "NO",
  "CH",
]);

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

const compact = <T extends Obj>(o: T): T =>
  Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;

function party(p: PartyData | undefined, reference?: string): Obj | undefined {
  if (!p) return undefined;
  const a = p.address as Obj | undefined;
  const street = (a?.["lines"] as string[] | undefined)?.[0];
  const ids = (p.identifiers ?? []) as readonly {
    scheme: string;
    value: string;
    schemeName?: string;
    issuerCountry?: string;
  }[];
  const contact = p["contact"] as Obj | undefined;
  return compact({
    partyName: p.name.slice(0, 70),
    address:
      street && a?.["city"]
        ? compact({
            street: street.slice(0, 70),
            city: (a["city"] as string).slice(0, 35),
            postCode: (a["postalCode"] as string | undefined)?.slice(0, 10),
            stateRegion: (a["subdivision"] as string | undefined)?.slice(0, 65),
            countryCode: a["country"],
          })
        : undefined,
    identifyingCodes: ids
      .filter((i) => CODE_LISTS[i.scheme] || i.scheme === "OTHER")
      .map((i) =>
        i.scheme === "OTHER"
          ? { codeListProvider: (i.schemeName ?? "unspecified").slice(0, 100), partyCode: i.value }
          : {
              codeListProvider: CODE_LISTS[i.scheme]!.provider,
              codeListName: CODE_LISTS[i.scheme]!.name,
              partyCode: i.value,
            },
      ),
    taxLegalReferences: ids
      .filter((i) => i.scheme in TAX_REFERENCES)
      .map((i) => {
        const country =
          TAX_REFERENCES[i.scheme] ??
          i.issuerCountry ??
          (i.scheme === "EORI" ? i.value.slice(0, 2) : (a?.["country"] as string | undefined));
        return country ? { type: i.scheme, countryCode: country, value: i.value.slice(0, 35) } : undefined;
      })
      .filter((x) => x !== undefined),
    partyContactDetails:
      contact?.["name"] && (contact["phone"] || contact["email"])
        ? [
            compact({
              name: (contact["name"] as string).slice(0, 35),
              phone: contact["phone"],
              email: contact["email"],
            }),
          ]
        : undefined,
    reference: reference?.slice(0, 35),
  });
}

const displayed = (l: Obj | undefined) => {
  const text = (l?.["name"] as string | undefined) ?? (l?.["locode"] as string | undefined);
  return text ? [text.slice(0, 35)] : undefined;
};

/**
 * A canonical shipping instruction → the DCSA eBL 3.0 CreateShippingInstructions request a carrier
 * takes (POST /v3/shipping-instructions). The SI's number travels as the shipper's reference; the
 * ports, which DCSA takes from the booking, as their displayed names. What DCSA requires and the
 * document lacks (booking reference, freight terms, per-item container and gross weight, a contact)
 * throws DcsaWriteError naming each; what DCSA has no field for is listed in `warnings`.
 */
export function writeDcsaShippingInstructions(
  doc: Doc,
  o: DcsaWriteOptions = {},
): { value: Obj; warnings: string[] } {
  const d = doc as Obj;
  const missing: string[] = [];
  const warnings: string[] = [];
  const booking = d["bookingReference"] as string | undefined;
  if (!booking) missing.push("bookingReference (DCSA carrierBookingReference)");
  const terms = d["freightTerms"] as string | undefined;
  if (!terms) missing.push("freightTerms (DCSA freightPaymentTermCode)");
  const toOrder = d["toOrder"] === true;
  const shipper = party(d["shipper"] as PartyData | undefined, doc.number);
  const contacts =
    (shipper?.["partyContactDetails"] as Obj[] | undefined) ??
    (o.contact ? [compact({ ...o.contact })] : undefined);
  if (!contacts) missing.push("a contact with a phone or e-mail (shipper.contact, or the adapter's contact)");
  const goods = (d["goodsItems"] as Obj[] | undefined) ?? [];
  const items = goods.map((g, i) => {
    const equipment = (g["equipmentIds"] as string[] | undefined) ?? [];
    const weight = g["grossWeight"] as { value: number; unit: string } | undefined;
    const p = g["packages"] as { count: number; typeCode: string; marks?: string } | undefined;
    if (!g["hsCode"]) missing.push(`/goodsItems/${i}/hsCode`);
    if (equipment.length === 0) missing.push(`/goodsItems/${i}/equipmentIds (the container the item is in)`);
    if (!weight || (weight.unit !== "KGM" && weight.unit !== "LBR"))
      missing.push(`/goodsItems/${i}/grossWeight in KGM or LBR`);
    if (equipment.length > 1)
      warnings.push(
        `/goodsItems/${i} is in ${equipment.length} containers: DCSA wants its weight per container; all of it is given for ${equipment[0]}`,
      );
    return compact({
      carrierBookingReference: booking,
      descriptionOfGoods: ((g["description"] as string | undefined) ?? "")
        .split("\n")
        .filter((l) => l.trim() !== ""),
      HSCodes: g["hsCode"] ? [g["hsCode"]] : [],
      shippingMarks: p?.marks ? p.marks.split("\n") : undefined,
      cargoItems: [
        compact({
          equipmentReference: equipment[0],
          cargoGrossWeight: weight,
          cargoGrossVolume: g["volume"] && (g["volume"] as Obj)["unit"] === "MTQ" ? g["volume"] : undefined,
          outerPackaging: p
            ? {
                packageCode: p.typeCode,
                numberOfPackages: p.count,
                description: ((g["description"] as string | undefined) ?? "").slice(0, 100),
              }
            : undefined,
        }),
      ],
    });
  });
  if (missing.length > 0) throw new DcsaWriteError(missing);

  const countries = [
    d["portOfDischarge"],
    d["placeOfDelivery"],
    ...((d["transhipmentPorts"] as Obj[] | undefined) ?? []),
  ]
    .map(
      (l) =>
        (l as Obj | undefined)?.["country"] ??
        ((l as Obj | undefined)?.["locode"] as string | undefined)?.slice(0, 2),
    )
    .filter((c): c is string => typeof c === "string");
  const payableAt = (d["freightPayableAt"] as Obj | undefined)?.["locode"] as string | undefined;
  const clauses = ((d["requestedClauses"] as string[] | undefined) ?? []).filter((c) => {
    const coded = /^[A-Z][A-Z0-9_]*$/.test(c);
    if (!coded)
      warnings.push(`requested clause "${c.slice(0, 40)}" is no DCSA carrier clause code: not sent`);
    return coded;
  });
  for (const k of [
    "lcNumber",
    "invoiceNumbers",
    "exportReferences",
    "declaredValue",
    "invoice",
    "vessel",
    "preCarriage",
  ])
    if (d[k] !== undefined) warnings.push(`${k} has no field in DCSA shipping instructions: not sent`);
  const forwarder = party(d["forwarder"] as PartyData | undefined);
  const equipment = ((d["equipment"] as Obj[] | undefined) ?? []).map((e) => {
    const seals = ((e["seals"] as string[] | undefined) ?? []).map((number) => ({
      number: number.slice(0, 15),
    }));
    return e["shipperOwned"] === true
      ? compact({
          equipment: compact({
            equipmentReference: e["id"],
            ISOEquipmentCode: e["sizeType"],
            tareWeight: e["tareWeight"],
          }),
          isShipperOwned: true,
          seals,
        })
      : { equipmentReference: e["id"], isShipperOwned: false, seals };
  });
  const value = compact({
    transportDocumentTypeCode: d["transportDocumentType"] === "sea-waybill" ? "SWB" : "BOL",
    isShippedOnBoardType: o.shippedOnBoard ?? true,
    freightPaymentTermCode: terms === "collect" ? "COL" : "PRE",
    isElectronic: o.electronic ?? true,
    isToOrder: toOrder,
    numberOfOriginalsWithoutCharges: d["originals"],
    numberOfCopiesWithoutCharges: d["copies"],
    displayedNameForPlaceOfReceipt: displayed(d["placeOfReceipt"] as Obj | undefined),
    displayedNameForPortOfLoad: displayed(d["portOfLoading"] as Obj | undefined),
    displayedNameForPortOfDischarge: displayed(d["portOfDischarge"] as Obj | undefined),
    displayedNameForPlaceOfDelivery: displayed(d["placeOfDelivery"] as Obj | undefined),
    carrierCode: o.carrierCode,
    carrierCodeListProvider: o.carrierCode ? (o.carrierCodeListProvider ?? "NMFTA") : undefined,
    invoicePayableAt: payableAt ? { UNLocationCode: payableAt } : undefined,
    partyContactDetails: contacts,
    documentParties: compact({
      shipper,
      consignee: party((toOrder ? d["orderOf"] : d["consignee"]) as PartyData | undefined),
      notifyParties: ((d["notifyParties"] as PartyData[] | undefined) ?? []).map((p) => party(p)),
      other: forwarder ? [{ party: forwarder, partyFunction: "DDR" }] : undefined,
    }),
    isCargoDeliveredInICS2Zone: o.ics2Zone ?? countries.some((c) => ICS2.has(c)),
    consignmentItems: items,
    utilizedTransportEquipments: equipment,
    requestedCarrierClauses: clauses,
  });
  return { value, warnings };
}
