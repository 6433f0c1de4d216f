import type { CanonicalDocument, DraftDocument, PartyData } from "../../model/canonical.js";
import { compact, contactOf, partyOf } from "./write-party.js";
import { fit, lines } from "./write-text.js";

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

const MASS = new Set(["KGM", "LBR"]);

interface Findings {
  readonly missing: string[];
  readonly warnings: string[];
}

/** A DCSA weight (value above zero, KGM or LBR), or undefined. */
function weightOf(w: unknown): { value: number; unit: string } | undefined {
  const x = w as { value?: unknown; unit?: unknown } | undefined;
  return typeof x?.value === "number" && x.value > 0 && typeof x.unit === "string" && MASS.has(x.unit)
    ? { value: x.value, unit: x.unit }
    : undefined;
}

/** An equipment reference DCSA takes: at most 11 characters, no outer whitespace. */
const equipmentRef = (id: unknown) =>
  typeof id === "string" && /^\S(?:.{0,9}\S)?$/.test(id) ? id : undefined;

/** A goods item → a DCSA consignment item with its one cargo item (the item's first container). */
function consignmentItem(g: Obj, i: number, booking: string | undefined, f: Findings): Obj {
  const at = `/goodsItems/${i}`;
  const description = lines(g["description"] as string | undefined, 35, 150);
  if (description.lines.length === 0) f.missing.push(`${at}/description`);
  if (description.lost) f.warnings.push(`${at}/description is longer than DCSA's 150 lines of 35: cut`);
  const hs = g["hsCode"];
  if (typeof hs !== "string" || !/^\d{6,10}$/.test(hs)) f.missing.push(`${at}/hsCode (6 to 10 digits)`);
  const ids = (g["equipmentIds"] as string[] | undefined) ?? [];
  const container = equipmentRef(ids[0]);
  if (!container) f.missing.push(`${at}/equipmentIds (the container the item is in, at most 11 characters)`);
  if (ids.length > 1)
    f.warnings.push(
      `${at} is in ${ids.length} containers: DCSA wants its weight per container; all of it is given for ${ids[0]}`,
    );
  const weight = weightOf(g["grossWeight"]);
  if (!weight) f.missing.push(`${at}/grossWeight (above zero, in KGM or LBR)`);
  const p = g["packages"] as { count?: number; typeCode?: string; marks?: string } | undefined;
  const marks = lines(p?.marks, 35, 50);
  if (marks.lost) f.warnings.push(`${at}/packages/marks is longer than DCSA's 50 lines of 35: cut`);
  const volume = g["volume"] as { value?: number; unit?: string } | undefined;
  return compact({
    carrierBookingReference: booking,
    descriptionOfGoods: description.lines,
    HSCodes: typeof hs === "string" ? [hs] : [],
    shippingMarks: marks.lines,
    cargoItems: [
      compact({
        equipmentReference: container,
        cargoGrossWeight: weight,
        cargoGrossVolume:
          volume?.unit === "MTQ" && typeof volume.value === "number" && volume.value > 0 ? volume : undefined,
        outerPackaging:
          typeof p?.count === "number" && p.count >= 1
            ? compact({
                packageCode: p.typeCode && /^[A-Z0-9]{2}$/.test(p.typeCode) ? p.typeCode : undefined,
                numberOfPackages: p.count,
                // DCSA requires the packaging described in words; the goods' first line stands for it.
                description: description.lines[0] ?? "packages",
              })
            : undefined,
      }),
    ],
  });
}

/**
 * The containers → utilizedTransportEquipments: each with its seals (DCSA requires one), given in
 * full (ISO size type, tare weight) when known, as shipper-owned equipment must be. Every
 * container a goods item is in must be among them.
 */
function utilizedEquipment(d: Obj, goods: readonly Obj[], f: Findings): Obj[] {
  const list = (d["equipment"] as Obj[] | undefined) ?? [];
  const known = new Set(list.map((e) => e["id"]));
  goods.forEach((g, i) => {
    for (const id of (g["equipmentIds"] as string[] | undefined) ?? [])
      if (!known.has(id))
        f.missing.push(`/equipment: container ${id} of /goodsItems/${i}, with its seal numbers`);
  });
  return list.map((e, i) => {
    const at = `/equipment/${i}`;
    const id = equipmentRef(e["id"]);
    if (!id) f.missing.push(`${at}/id (at most 11 characters)`);
    const seals = (e["seals"] as string[] | undefined) ?? [];
    if (seals.length === 0) f.missing.push(`${at}/seals (DCSA requires the seal numbers)`);
    seals.forEach((n, k) => {
      if (!fit(n, 15) || n.trim().length > 15) f.missing.push(`${at}/seals/${k} (at most 15 characters)`);
    });
    const owned = e["shipperOwned"] === true;
    const size = typeof e["sizeType"] === "string" ? e["sizeType"] : undefined;
    const tare = weightOf(e["tareWeight"]);
    if (owned && !(size && tare))
      f.missing.push(`${at}/sizeType and tareWeight (DCSA requires both for shipper-owned equipment)`);
    if (!owned && !(size && tare) && (size ?? tare))
      f.warnings.push(
        `${at}: DCSA takes a carrier container's size type and tare weight together or not at all: not sent`,
      );
    const base = { isShipperOwned: owned, seals: seals.map((n) => ({ number: n.trim() })) };
    return size && tare
      ? { equipment: { equipmentReference: id, ISOEquipmentCode: size, tareWeight: tare }, ...base }
      : { equipmentReference: id, ...base };
  });
}

/** A location's displayed name: its name (else its UN/LOCODE) as up to five lines of 35. */
const displayed = (l: Obj | undefined) => {
  const shown = lines(
    (l?.["name"] as string | undefined) ?? (l?.["locode"] as string | undefined),
    35,
    5,
  ).lines;
  return shown.length > 0 ? shown : undefined;
};

/** Fields of the canonical instruction DCSA's request has no place for. */
const UNSENT = [
  "lcNumber",
  "invoiceNumbers",
  "exportReferences",
  "declaredValue",
  "invoice",
  "vessel",
  "preCarriage",
];

/**
 * A canonical shipping instruction → the DCSA eBL 3.0 CreateShippingInstructions request a carrier
 * takes (POST /v3/shipping-instructions), valid against the DCSA OpenAPI schema. The SI's number
 * travels as the shipper's reference; the ports, which DCSA takes from the booking, as their
 * displayed names. What DCSA requires and the document lacks (booking reference, freight terms,
 * a contact, per item an HS code, a container and the gross weight, per container its seals)
 * throws DcsaWriteError naming each; what DCSA has no field for is listed in `warnings`.
 */
export function writeDcsaShippingInstructions(
  doc: Doc,
  o: DcsaWriteOptions = {},
): { value: Obj; warnings: string[] } {
  const d = doc as Obj;
  const f: Findings = { missing: [], warnings: [] };
  const booking = fit(d["bookingReference"] as string | undefined, 35);
  if (!booking) f.missing.push("bookingReference (DCSA carrierBookingReference)");
  const terms = d["freightTerms"] as string | undefined;
  if (!terms) f.missing.push("freightTerms (DCSA freightPaymentTermCode)");
  if (doc.number.trim().length > 35)
    f.warnings.push("the number is longer than DCSA's 35-character shipper reference: cut");
  const shipper = partyOf(d["shipper"] as PartyData | undefined, doc.number);
  if (!shipper) f.missing.push("shipper");
  const own = shipper?.["partyContactDetails"] as Obj[] | undefined;
  const fallback = contactOf(o.contact);
  const contacts = own ?? (fallback ? [fallback] : undefined);
  if (!contacts)
    f.missing.push("a contact with a phone or e-mail (shipper.contact, or the adapter's contact)");
  const goods = (d["goodsItems"] as Obj[] | undefined) ?? [];
  if (goods.length === 0) f.missing.push("/goodsItems");
  const items = goods.map((g, i) => consignmentItem(g, i, booking, f));
  const equipment = utilizedEquipment(d, goods, f);
  if (f.missing.length > 0) throw new DcsaWriteError(f.missing);

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
    const coded = /^[A-Z][A-Z0-9_]{0,99}$/.test(c);
    if (!coded)
      f.warnings.push(`requested clause "${c.slice(0, 40)}" is no DCSA carrier clause code: not sent`);
    return coded;
  });
  for (const k of UNSENT)
    if (d[k] !== undefined) f.warnings.push(`${k} has no field in DCSA shipping instructions: not sent`);
  const notify = ((d["notifyParties"] as PartyData[] | undefined) ?? []).map((p) => partyOf(p));
  if (notify.length > 3) f.warnings.push(`DCSA takes three notify parties: ${notify.length - 3} not sent`);
  const forwarder = partyOf(d["forwarder"] as PartyData | undefined);
  const toOrder = d["toOrder"] === true;
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
      consignee: partyOf((toOrder ? d["orderOf"] : d["consignee"]) as PartyData | undefined),
      notifyParties: notify.slice(0, 3),
      other: forwarder ? [{ party: forwarder, partyFunction: "DDR" }] : undefined,
    }),
    isCargoDeliveredInICS2Zone: o.ics2Zone ?? countries.some((c) => ICS2.has(c)),
    consignmentItems: items,
    utilizedTransportEquipments: equipment,
    requestedCarrierClauses: clauses,
  });
  return { value, warnings: f.warnings };
}
