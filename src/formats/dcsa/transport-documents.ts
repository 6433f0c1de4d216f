import type { DraftDocument, PartyData } from "../../model/canonical.js";
import {
  carrierByCode,
  codeIn,
  compact,
  displayedLocation,
  equipment,
  FREIGHT_TERMS,
  goodsItems,
  location,
  party,
  totals,
} from "./common.js";
import { at, join, type JsonTrace } from "./trace.js";

type Obj = Record<string, unknown>;

/** DCSA party functions (documentParties.other[].partyFunction) with a canonical role. */
const FORWARDER_FUNCTIONS = new Set(["DDR", "DDS"]); // consignor's / consignee's freight forwarder

/**
 * The parties both documents share. A to-order document (isToOrder) names no consignee: the
 * DCSA consignee (or, without one, the endorsee) is the party it is made out to the order of.
 */
function parties(t: JsonTrace): Obj {
  const toOrder = t.bool("/isToOrder", "/toOrder");
  const named =
    at(t.root, "/documentParties/consignee") !== undefined
      ? "/documentParties/consignee"
      : "/documentParties/endorsee";
  const notify = t
    .indexes("/documentParties/notifyParties")
    .map((i) => party(t, join("/documentParties/notifyParties", i), `/notifyParties/${i}`))
    .filter((x): x is PartyData => x !== undefined);
  const other = t
    .indexes("/documentParties/other")
    .find((i) =>
      FORWARDER_FUNCTIONS.has(String(at(t.root, join("/documentParties/other", i, "partyFunction")))),
    );
  if (other !== undefined) t.str(join("/documentParties/other", other, "partyFunction"));
  return compact({
    shipper: party(t, "/documentParties/shipper", "/shipper"),
    toOrder,
    consignee: toOrder ? undefined : party(t, "/documentParties/consignee", "/consignee"),
    orderOf: toOrder ? party(t, named, "/orderOf") : undefined,
    notifyParties: notify,
    forwarder:
      other !== undefined
        ? party(t, join("/documentParties/other", other, "party"), "/forwarder")
        : undefined,
  });
}

function common(t: JsonTrace): Obj {
  const terms = codeIn(FREIGHT_TERMS, at(t.root, "/freightPaymentTermCode"));
  if (terms) t.str("/freightPaymentTermCode", "/freightTerms");
  const items = goodsItems(t, "/consignmentItems");
  const originals = [
    t.num("/numberOfOriginalsWithCharges", "/originals"),
    t.num("/numberOfOriginalsWithoutCharges", "/originals"),
  ];
  const copies = [
    t.num("/numberOfCopiesWithCharges", "/copies"),
    t.num("/numberOfCopiesWithoutCharges", "/copies"),
  ];
  const sum = (xs: (number | undefined)[]) =>
    xs.some((x) => x !== undefined) ? xs.reduce<number>((a, x) => a + (x ?? 0), 0) : undefined;
  return compact({
    ...parties(t),
    bookingReference: t.str("/consignmentItems/0/carrierBookingReference", "/bookingReference", 35),
    freightTerms: terms,
    freightPayableAt: location(t, "/invoicePayableAt", "/freightPayableAt"),
    equipment: equipment(t, "/utilizedTransportEquipments"),
    goodsItems: items,
    totals: totals(items),
    originals: sum(originals),
    copies: sum(copies),
  });
}

const variant = (t: JsonTrace, pointer: string) => {
  const code = t.str("/transportDocumentTypeCode", pointer);
  return code === "SWB" ? "sea-waybill" : code === "BOL" ? "bill-of-lading" : undefined;
};

/**
 * DCSA eBL 3.0 shipping instructions (the CreateShippingInstructions body or the carrier's
 * ShippingInstructions) → shipping-instruction. DCSA routes an SI through its booking, so the
 * ports are named only when the shipper gives their displayed names (displayedNameForPortOfLoad…);
 * otherwise the SI cannot say them, and validation will.
 */
export function readShippingInstructions(t: JsonTrace, today: () => string): DraftDocument {
  const type = variant(t, "/transportDocumentType");
  const body = common(t);
  const shipperRef = "/documentParties/shipper/reference";
  const number =
    t.str("/shippingInstructionsReference", "/number", 70) ??
    t.str(shipperRef, "/number", 70) ??
    t.str("/transportDocumentReference", "/number", 70) ??
    (body["bookingReference"] as string | undefined);
  if (
    number &&
    !t.has("/shippingInstructionsReference") &&
    !t.has(shipperRef) &&
    !t.has("/transportDocumentReference")
  )
    t.defaulted("/number", number, "no instructions reference: the carrier booking reference stands for it");
  const issuedAt = today();
  t.defaulted("/issuedAt", issuedAt, "DCSA shipping instructions carry no date: the date of receipt");
  const portOfLoading = displayedLocation(t, "/displayedNameForPortOfLoad", "/portOfLoading");
  const portOfDischarge = displayedLocation(t, "/displayedNameForPortOfDischarge", "/portOfDischarge");
  if (!portOfLoading || !portOfDischarge)
    t.warn(
      "DCSA shipping instructions name their ports through the booking (carrierBookingReference), not in the document",
      "/consignmentItems/0/carrierBookingReference",
    );
  const toOrder = body["toOrder"] === true;
  return compact({
    type: "shipping-instruction" as const,
    number: number ?? "",
    issuedAt,
    issuer: (body["shipper"] as PartyData | undefined) ?? { name: "" },
    ...body,
    carrier: carrierByCode(t, "/carrier"),
    placeOfReceipt: displayedLocation(t, "/displayedNameForPlaceOfReceipt", "/placeOfReceipt"),
    portOfLoading,
    portOfDischarge,
    placeOfDelivery: displayedLocation(t, "/displayedNameForPlaceOfDelivery", "/placeOfDelivery"),
    transportDocumentType: type,
    negotiable: type === "sea-waybill" ? false : toOrder,
    requestedClauses: t
      .indexes("/requestedCarrierClauses")
      .map((i) => t.str(join("/requestedCarrierClauses", i), "/requestedClauses", 1000))
      .filter((x): x is string => x !== undefined),
  });
}

/**
 * DCSA eBL 3.0 transport document (or the document of an eBL issuance request) → bill-of-lading:
 * BOL a bill of lading, negotiable when to order; SWB a sea waybill. The carrier is the issuing
 * party (else its carrier code), the routing is `transports`.
 */
export function readTransportDocument(t: JsonTrace): DraftDocument {
  const kind = variant(t, "/variant");
  const body = common(t);
  const issuedAt =
    t.str("/issueDate", "/issuedAt", 10) ??
    t.str("/shippedOnBoardDate", "/issuedAt", 10) ??
    t.str("/receivedForShipmentDate", "/issuedAt", 10);
  const carrier = party(t, "/documentParties/issuingParty", "/carrier") ?? carrierByCode(t, "/carrier");
  const vessel = "/transports/vesselVoyages/0";
  const toOrder = body["toOrder"] === true;
  const declared = t.num("/declaredValue", "/declaredValue/value");
  return compact({
    type: "bill-of-lading" as const,
    number: t.str("/transportDocumentReference", "/number", 70) ?? "",
    issuedAt: issuedAt ?? "",
    issuer: carrier ?? { name: "" },
    ...body,
    carrier,
    placeOfReceipt: location(t, "/transports/placeOfReceipt", "/placeOfReceipt"),
    portOfLoading: location(t, "/transports/portOfLoading", "/portOfLoading"),
    portOfDischarge: location(t, "/transports/portOfDischarge", "/portOfDischarge"),
    placeOfDelivery: location(t, "/transports/placeOfDelivery", "/placeOfDelivery"),
    vessel: t.has(join(vessel, "vesselName"))
      ? compact({
          mode: "1",
          name: t.str(join(vessel, "vesselName"), "/vessel/name", 70),
          voyage: t.str(join(vessel, "carrierExportVoyageNumber"), "/vessel/voyage", 35),
        })
      : undefined,
    variant: kind,
    negotiable: kind === "sea-waybill" ? false : toOrder,
    shippedOnBoardDate: t.str("/shippedOnBoardDate", "/shippedOnBoardDate", 10),
    receivedForShipmentDate: t.str("/receivedForShipmentDate", "/receivedForShipmentDate", 10),
    placeOfIssue: location(t, "/placeOfIssue", "/placeOfIssue"),
    clauses: t
      .indexes("/carrierClauses")
      .map((i) => t.str(join("/carrierClauses", i), "/clauses", 2000))
      .filter((x): x is string => x !== undefined),
    declaredValue:
      declared !== undefined && /^[A-Z]{3}$/.test(String(at(t.root, "/declaredValueCurrency")))
        ? { value: declared, currency: t.str("/declaredValueCurrency", "/declaredValue/currency") }
        : undefined,
  });
}
