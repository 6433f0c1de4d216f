import { ProblemError } from "../../errors/index.js";
import type { DraftDocument, PartyData } from "../../model/canonical.js";
import type { ReadDocument } from "../types.js";
import type { Cursor } from "../xml/cursor.js";
import { readGoodsItem, readLocation, readRouting, readShipmentEquipment } from "./common.js";
import { readUblDocument, type XmlSniffed } from "./document.js";
import { readParty } from "./party.js";
import { compact, type FieldReader } from "./values.js";

type Obj = Record<string, unknown>;

/** Modes of transport (Rec 19) a sea transport document can cover; 9 is "not known". */
const SEA_MODES = new Set(["1", "8", "9"]);

/** Document references by UNTDID 1001 code → which canonical list they feed. */
const REFERENCE_LISTS: Readonly<Record<string, "invoiceNumbers" | "exportReferences" | "lcNumber">> = {
  "380": "invoiceNumbers",
  "830": "exportReferences",
  "465": "lcNumber",
};

/** The parties, routing, goods and totals that BillOfLading, Waybill and ForwardingInstructions share. */
function readCarriage(r: Cursor, f: FieldReader): Obj {
  const shipment = r.child("Shipment", "cac");
  const consignment = shipment?.child("Consignment", "cac");
  const party = (name: string, pointer: string): PartyData | undefined =>
    readParty(r.child(name, "cac"), f, pointer) ?? readParty(consignment?.child(name, "cac"), f, pointer);
  const lists: Obj = {};
  const references: Obj[] = [];
  for (const ref of r.all("cac:DocumentReference")) {
    const code = ref.child("DocumentTypeCode", "cbc")?.text()?.trim();
    const list = code ? REFERENCE_LISTS[code] : undefined;
    const number = f.text(
      ref.child("ID", "cbc"),
      list ? `/${list}` : `/references/${references.length}/number`,
    );
    if (!number) continue;
    if (list === "lcNumber") lists["lcNumber"] = number;
    else if (list) lists[list] = [...((lists[list] as string[] | undefined) ?? []), number];
    else references.push({ type: code ?? "other", number });
  }
  const goods = (shipment?.all("cac:GoodsItem") ?? []).map((g, i) =>
    readGoodsItem(g, i, f, `/goodsItems/${i}`),
  );
  const freight = consignment?.child("PrepaidPaymentTerms", "cac")
    ? "prepaid"
    : consignment?.child("CollectPaymentTerms", "cac")
      ? "collect"
      : undefined;
  consignment?.child("PrepaidPaymentTerms", "cac")?.consume();
  consignment?.child("CollectPaymentTerms", "cac")?.consume();
  return compact({
    ucr: f.text(consignment?.child("ID", "cbc"), "/ucr"),
    shipper: party("ConsignorParty", "/shipper"),
    consignee: readParty(consignment?.child("ConsigneeParty", "cac"), f, "/consignee"),
    notifyParties: consignment
      ?.all("cac:NotifyParty")
      .map((p, i) => readParty(p, f, `/notifyParties/${i}`))
      .filter((p): p is PartyData => p !== undefined),
    carrier: party("CarrierParty", "/carrier"),
    forwarder: party("FreightForwarderParty", "/forwarder"),
    bookingReference: f.text(r.child("CarrierAssignedID", "cbc"), "/bookingReference"),
    placeOfReceipt: readLocation(
      shipment?.at("cac:Delivery", "cac:Despatch", "cac:DespatchLocation"),
      f,
      "/placeOfReceipt",
    ),
    placeOfDelivery: readLocation(
      shipment?.at("cac:Delivery", "cac:DeliveryLocation"),
      f,
      "/placeOfDelivery",
    ),
    ...readRouting(shipment, f),
    freightTerms: freight,
    equipment: readShipmentEquipment(shipment, f),
    goodsItems: goods,
    totals: compact({
      packageCount: f.int(consignment?.child("TotalPackagesQuantity", "cbc"), "/totals/packageCount"),
      grossWeight:
        f.weight(consignment?.child("GrossWeightMeasure", "cbc"), "/totals/grossWeight") ??
        f.weight(shipment?.child("GrossWeightMeasure", "cbc"), "/totals/grossWeight"),
      volume:
        f.quantity(consignment?.child("GrossVolumeMeasure", "cbc"), "/totals/volume", "MTQ") ??
        f.quantity(shipment?.child("GrossVolumeMeasure", "cbc"), "/totals/volume", "MTQ"),
    }),
    ...lists,
    references,
    declaredValue: f.amount(r.child("DeclaredCarriageValueAmount", "cbc"), "/declaredValue"),
    notes: r
      .all("cbc:Note")
      .map((n, i) => f.text(n, `/notes/${i}`))
      .filter((x): x is string => x !== undefined),
  });
}

function instructions(r: Cursor, f: FieldReader, pointer: string): string[] {
  return r
    .all("cbc:OtherInstruction")
    .map((n, i) => f.text(n, `${pointer}/${i}`))
    .filter((x): x is string => x !== undefined);
}

function envelope(r: Cursor, f: FieldReader, issuer: PartyData | undefined): Obj {
  return {
    number: f.text(r.child("ID", "cbc"), "/number") ?? "",
    issuedAt: f.date(r.child("IssueDate", "cbc"), "/issuedAt") ?? "",
    issuer: issuer ?? { name: "" },
  };
}

/** UBL BillOfLading or Waybill → canonical bill-of-lading (Waybill: the sea waybill variant). */
function readTransportDocument(s: XmlSniffed): ReadDocument {
  const waybill = s.xml.root === "Waybill";
  return readUblDocument(s, "ubl-transport-document", (r, f) => {
    const carriage = readCarriage(r, f);
    const mode = (carriage["vessel"] as Obj | undefined)?.["mode"];
    if (waybill && typeof mode === "string" && !SEA_MODES.has(mode)) {
      throw new ProblemError(
        "SWG_UNSUPPORTED_DOCUMENT",
        `a Waybill for transport mode ${mode} is not a sea waybill`,
        [
          {
            message: `the canonical bill-of-lading covers sea transport documents; this Waybill is for Rec 19 mode ${mode}`,
            xpath: f.trace.sourceMap.get("/vessel/mode"),
            ruleId: "UBL-WAYBILL-MODE",
          },
        ],
      );
    }
    const toOrder = waybill ? false : f.bool(r.child("ToOrderIndicator", "cbc"), "/toOrder");
    if (waybill)
      f.trace.defaulted("/variant", "sea-waybill", "a UBL Waybill is the non-negotiable sea waybill");
    const loading = r.at(
      "cac:Shipment",
      "cac:ShipmentStage",
      "cac:LoadingTransportEvent",
      "cbc:OccurrenceDate",
    );
    return compact({
      type: "bill-of-lading" as const,
      ...envelope(
        r,
        f,
        (carriage["carrier"] as PartyData | undefined) ??
          readParty(r.child("SenderParty", "cac"), f, "/issuer"),
      ),
      ...carriage,
      variant: waybill ? "sea-waybill" : "bill-of-lading",
      negotiable: toOrder === true,
      toOrder,
      shippedOnBoardDate: f.date(loading, "/shippedOnBoardDate"),
      placeOfIssue: readLocation(r.child("IssueLocation", "cac"), f, "/placeOfIssue"),
      clauses: instructions(r, f, "/clauses"),
    }) as unknown as DraftDocument;
  });
}

/** UBL ForwardingInstructions → canonical shipping-instruction. */
function readForwardingInstructions(s: XmlSniffed): ReadDocument {
  return readUblDocument(s, "ubl-forwarding-instructions", (r, f) => {
    const carriage = readCarriage(r, f);
    const toOrder = f.bool(r.child("ToOrderIndicator", "cbc"), "/toOrder");
    f.trace.defaulted(
      "/transportDocumentType",
      "bill-of-lading",
      "ForwardingInstructions do not say which transport document is wanted; a bill of lading is assumed",
    );
    return compact({
      type: "shipping-instruction" as const,
      ...envelope(
        r,
        f,
        (carriage["shipper"] as PartyData | undefined) ?? (carriage["forwarder"] as PartyData | undefined),
      ),
      ...carriage,
      transportDocumentType: "bill-of-lading",
      negotiable: toOrder,
      toOrder,
      requestedClauses: instructions(r, f, "/requestedClauses"),
    }) as unknown as DraftDocument;
  });
}

export const TRANSPORT_READERS = {
  BillOfLading: readTransportDocument,
  Waybill: readTransportDocument,
  ForwardingInstructions: readForwardingInstructions,
} as const;
