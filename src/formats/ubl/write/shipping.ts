import type { XmlBuilder as XMLBuilder } from "../../xml/builder.js";
import type { CanonicalDocument, PartyData } from "../../../model/canonical.js";
import { arr, obj, strs, UblWriter, type Obj } from "./builder.js";

/** Canonical goods item → cac:GoodsItem (the fields the UBL reader maps back). */
export function goodsItem(
  w: UblWriter,
  parent: XMLBuilder,
  g: Obj,
  currency?: string,
  extra?: (e: XMLBuilder) => void,
): void {
  const e = w.el(parent, "cac:GoodsItem");
  w.el(e, "cbc:SequenceNumberID", g["sequence"]);
  w.el(e, "cbc:Description", g["description"]);
  if (currency) w.amount(e, "cbc:ValueAmount", g["value"], currency);
  w.quantity(e, "cbc:GrossWeightMeasure", g["grossWeight"]);
  w.quantity(e, "cbc:NetWeightMeasure", g["netWeight"]);
  w.quantity(e, "cbc:GrossVolumeMeasure", g["volume"]);
  w.quantity(e, "cbc:Quantity", g["quantity"]);
  extra?.(e);
  if (g["hsCode"] !== undefined)
    w.el(
      w.el(w.el(e, "cac:Item"), "cac:CommodityClassification"),
      "cbc:ItemClassificationCode",
      g["hsCode"],
      { listID: "HS" },
    );
  for (const id of strs(g["equipmentIds"]))
    w.el(w.el(w.el(e, "cac:GoodsItemContainer"), "cac:TransportEquipment"), "cbc:ID", id);
  if (g["originCountry"] !== undefined)
    w.country(w.el(e, "cac:OriginAddress"), "cac:Country", g["originCountry"]);
  const p = obj(g["packages"]);
  if (p) {
    const cp = w.el(e, "cac:ContainingPackage");
    w.el(cp, "cbc:Quantity", p["count"]);
    w.el(cp, "cbc:PackagingTypeCode", p["typeCode"]);
  }
}

/** Canonical transport equipment → cac:TransportEquipment. */
export function equipment(w: UblWriter, parent: XMLBuilder, eq: Obj): void {
  const e = w.el(parent, "cac:TransportEquipment");
  w.el(e, "cbc:ID", eq["id"]);
  w.opt(e, "cbc:SizeTypeCode", eq["sizeType"]);
  w.quantity(e, "cbc:GrossWeightMeasure", eq["verifiedGrossMass"]);
  w.quantity(e, "cbc:TareWeightMeasure", eq["tareWeight"]);
  for (const s of strs(eq["seals"])) w.el(w.el(e, "cac:TransportEquipmentSeal"), "cbc:ID", s);
}

/** Ports, vessel, transhipment and pre-carriage → cac:ShipmentStage elements. */
export function stages(w: UblWriter, shipment: XMLBuilder, doc: CanonicalDocument): void {
  const vessel = obj(doc["vessel"]) ?? obj(doc["transport"]);
  const tranship = arr(doc["transhipmentPorts"]);
  if (!vessel && !doc["portOfLoading"] && !doc["portOfDischarge"] && tranship.length === 0) return;
  const s = w.el(shipment, "cac:ShipmentStage");
  w.opt(s, "cbc:TransportModeCode", vessel?.["mode"]);
  if (vessel) {
    const m = w.el(s, "cac:TransportMeans");
    w.opt(m, "cbc:JourneyID", vessel["voyage"]);
    w.opt(m, "cbc:RegistrationNationalityID", vessel["nationality"]);
    if (vessel["name"] !== undefined || vessel["imoNumber"] !== undefined || vessel["id"] !== undefined) {
      const ship = w.el(m, "cac:MaritimeTransport");
      w.opt(ship, "cbc:VesselID", vessel["imoNumber"] ?? vessel["id"]);
      w.opt(ship, "cbc:VesselName", vessel["name"]);
    }
  }
  w.location(s, "cac:LoadingPortLocation", doc["portOfLoading"]);
  w.location(s, "cac:UnloadingPortLocation", doc["portOfDischarge"]);
  for (const t of tranship.slice(0, 1)) w.location(s, "cac:TransshipPortLocation", t);
  if (typeof doc["shippedOnBoardDate"] === "string")
    w.el(w.el(s, "cac:LoadingTransportEvent"), "cbc:OccurrenceDate", doc["shippedOnBoardDate"]);
}

/**
 * Canonical bill-of-lading → UBL BillOfLading (variant bill-of-lading) or Waybill (sea waybill);
 * canonical shipping-instruction → UBL ForwardingInstructions.
 */
export function writeTransportDocument(doc: CanonicalDocument): string {
  const name =
    doc.type === "shipping-instruction"
      ? "ForwardingInstructions"
      : doc["variant"] === "sea-waybill"
        ? "Waybill"
        : "BillOfLading";
  const w = new UblWriter(name);
  const r = w.root;
  const totals = obj(doc["totals"]) ?? {};
  w.el(r, "cbc:UBLVersionID", "2.3");
  w.el(r, "cbc:ID", doc.number);
  w.opt(r, "cbc:CarrierAssignedID", doc["bookingReference"]);
  w.el(r, "cbc:IssueDate", doc.issuedAt.slice(0, 10));
  for (const n of strs(doc["notes"])) w.el(r, "cbc:Note", n);
  if (name !== "Waybill") w.opt(r, "cbc:ToOrderIndicator", doc["toOrder"]);
  const declared = obj(doc["declaredValue"]);
  if (declared)
    w.amount(r, "cbc:DeclaredCarriageValueAmount", declared["value"], String(declared["currency"]));
  for (const c of strs(doc[name === "ForwardingInstructions" ? "requestedClauses" : "clauses"]))
    w.el(r, "cbc:OtherInstruction", c);
  if (name === "Waybill") w.location(r, "cac:IssueLocation", doc["placeOfIssue"]);
  w.party(r, "cac:ConsignorParty", doc["shipper"] as PartyData | undefined);
  w.party(r, "cac:CarrierParty", doc["carrier"] as PartyData | undefined);
  w.party(r, "cac:FreightForwarderParty", doc["forwarder"] as PartyData | undefined);
  const s = w.el(r, "cac:Shipment");
  w.el(s, "cbc:ID", doc.ucr ?? doc.number);
  w.quantity(s, "cbc:GrossWeightMeasure", totals["grossWeight"]);
  w.quantity(s, "cbc:GrossVolumeMeasure", totals["volume"]);
  const c = w.el(s, "cac:Consignment");
  w.el(c, "cbc:ID", doc.ucr ?? doc.number);
  w.opt(c, "cbc:TotalPackagesQuantity", totals["packageCount"]);
  w.party(c, "cac:ConsigneeParty", doc["consignee"] as PartyData | undefined);
  for (const n of arr(doc["notifyParties"])) w.party(c, "cac:NotifyParty", n as unknown as PartyData);
  if (doc["freightTerms"] === "prepaid")
    w.el(w.el(c, "cac:PrepaidPaymentTerms"), "cbc:Note", "freight prepaid");
  if (doc["freightTerms"] === "collect")
    w.el(w.el(c, "cac:CollectPaymentTerms"), "cbc:Note", "freight collect");
  for (const g of arr(doc["goodsItems"])) goodsItem(w, s, g);
  stages(w, s, doc);
  if (doc["placeOfDelivery"] !== undefined || doc["placeOfReceipt"] !== undefined) {
    const d = w.el(s, "cac:Delivery");
    w.location(d, "cac:DeliveryLocation", doc["placeOfDelivery"]);
    if (doc["placeOfReceipt"] !== undefined)
      w.location(w.el(d, "cac:Despatch"), "cac:DespatchLocation", doc["placeOfReceipt"]);
  }
  for (const eq of arr(doc["equipment"])) equipment(w, w.el(s, "cac:TransportHandlingUnit"), eq);
  const ref = (id: string, code: string) => {
    const d = w.el(r, "cac:DocumentReference");
    w.el(d, "cbc:ID", id);
    w.el(d, "cbc:DocumentTypeCode", code);
  };
  for (const n of strs(doc["invoiceNumbers"])) ref(n, "380");
  for (const n of strs(doc["exportReferences"])) ref(n, "830");
  if (typeof doc["lcNumber"] === "string") ref(doc["lcNumber"], "465");
  return w.end();
}
