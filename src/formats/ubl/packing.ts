import type { PartyData } from "../../model/canonical.js";
import type { ReadDocument } from "../types.js";
import type { Cursor } from "../xml/cursor.js";
import { hsCode, readRouting, readShipmentEquipment } from "./common.js";
import { readUblDocument, type XmlSniffed } from "./document.js";
import { readParty } from "./party.js";
import { compact, type FieldReader } from "./values.js";

type Obj = Record<string, unknown>;

const PACKAGE_TYPE = /^[0-9A-Z]{2}$/;

/** What a despatch line or goods item holds, as packing-list contents. */
function content(
  item: Cursor | undefined,
  quantity: Cursor | undefined,
  f: FieldReader,
  pointer: string,
): Obj | undefined {
  const description =
    f.text(item?.child("Name", "cbc"), `${pointer}/description`) ??
    f.text(item?.child("Description", "cbc"), `${pointer}/description`);
  const q = f.quantity(quantity, `${pointer}/quantity`);
  if (!description || !q) return undefined;
  return compact({
    description: description.slice(0, 512),
    hsCode: hsCode(item?.all("cac:CommodityClassification") ?? [], f, `${pointer}/hsCode`),
    quantity: q,
    sellerItemId: f.text(item?.at("cac:SellersItemIdentification", "cbc:ID"), `${pointer}/sellerItemId`),
  });
}

/** A transport handling unit → a package line (count and Rec 21 type), with what it holds. */
function packageLine(
  u: Cursor,
  i: number,
  f: FieldReader,
  lines: ReadonlyMap<string, Cursor>,
): Obj | undefined {
  const p = `/packages/${i}`;
  const pkg = u.child("Package", "cac") ?? u.child("ActualPackage", "cac");
  const typeCode =
    f.code(
      u.child("TransportHandlingUnitTypeCode", "cbc"),
      `${p}/typeCode`,
      PACKAGE_TYPE,
      "a Rec 21 package code",
    ) ??
    f.code(pkg?.child("PackagingTypeCode", "cbc"), `${p}/typeCode`, PACKAGE_TYPE, "a Rec 21 package code");
  const count =
    f.int(u.child("TotalPackageQuantity", "cbc"), `${p}/count`, 1) ??
    f.int(pkg?.child("Quantity", "cbc"), `${p}/count`, 1);
  if (!typeCode || count === undefined) return undefined;
  const contents = [
    ...u.all("cac:GoodsItem").map((g) => [g.child("Item", "cac"), g.child("Quantity", "cbc")] as const),
    ...u.all("cac:HandlingUnitDespatchLine").map((d) => {
      const line = lines.get(d.child("ID", "cbc")?.text()?.trim() ?? "");
      // A handling unit names the despatch line it holds; the line itself carries the data.
      if (line) d.consume();
      const from = line ?? d;
      return [from.child("Item", "cac"), from.child("DeliveredQuantity", "cbc")] as const;
    }),
  ]
    .map(([item, q], k) => content(item, q, f, `${p}/contents/${k}`))
    .filter((x): x is Obj => x !== undefined);
  return compact({
    sequence: i + 1,
    count,
    typeCode,
    marks: u
      .all("cbc:ShippingMarks")
      .map((m) => f.text(m, `${p}/marks`))
      .filter((x): x is string => x !== undefined)
      .join("\n")
      .slice(0, 512),
    equipmentId: f
      .text(u.at("cac:TransportEquipment", "cbc:ID"), `${p}/equipmentId`)
      ?.replace(/\s+/g, "")
      .slice(0, 17),
    contents,
  });
}

/** The packing facts of a UBL Shipment: packages, equipment, totals and routing. */
function readPacking(r: Cursor, f: FieldReader, lines: readonly Cursor[]): Obj {
  const shipment = r.child("Shipment", "cac");
  const byId = new Map(lines.map((l) => [l.child("ID", "cbc")?.text()?.trim() ?? "", l] as const));
  let packages = (shipment?.all("cac:TransportHandlingUnit") ?? [])
    .map((u, i) => packageLine(u, i, f, byId))
    .filter((x): x is Obj => x !== undefined);
  if (packages.length === 0 && lines.length > 0) {
    // A despatch advice may list what is shipped without how it is packed: one line of
    // packages "not available" (Rec 21 NA) holds the despatch lines, and the report says so.
    const count =
      f.int(shipment?.child("TotalTransportHandlingUnitQuantity", "cbc"), "/packages/0/count", 1) ?? 1;
    f.trace.defaulted("/packages/0/typeCode", "NA", "no packaging given; Rec 21 NA (not available)");
    if (count === 1) f.trace.defaulted("/packages/0/count", 1, "no package count given");
    packages = [
      compact({
        sequence: 1,
        count,
        typeCode: "NA",
        contents: lines
          .map((l, k) =>
            content(
              l.child("Item", "cac"),
              l.child("DeliveredQuantity", "cbc"),
              f,
              `/packages/0/contents/${k}`,
            ),
          )
          .filter((x): x is Obj => x !== undefined),
      }),
    ];
  }
  const packageCount =
    f.int(shipment?.child("TotalTransportHandlingUnitQuantity", "cbc"), "/totals/packageCount") ??
    f.int(shipment?.at("cac:Consignment", "cbc:TotalPackagesQuantity"), "/totals/packageCount");
  const sum = packages.reduce((n, p) => n + (p["count"] as number), 0);
  if (packageCount === undefined)
    f.trace.defaulted("/totals/packageCount", sum, "no total given; the sum of the package lines");
  const routing = readRouting(shipment, f);
  return compact({
    ucr: f.text(shipment?.at("cac:Consignment", "cbc:ID"), "/ucr"),
    shipmentDate:
      f.date(shipment?.at("cac:Delivery", "cac:Despatch", "cbc:ActualDespatchDate"), "/shipmentDate") ??
      f.date(shipment?.at("cac:Delivery", "cbc:ActualDeliveryDate"), "/shipmentDate"),
    packages,
    equipment: readShipmentEquipment(shipment, f),
    totals: compact({
      packageCount: packageCount ?? sum,
      grossWeight: f.weight(shipment?.child("GrossWeightMeasure", "cbc"), "/totals/grossWeight"),
      netWeight: f.weight(shipment?.child("NetWeightMeasure", "cbc"), "/totals/netWeight"),
      volume: f.quantity(shipment?.child("GrossVolumeMeasure", "cbc"), "/totals/volume", "MTQ"),
    }),
    exporter: readParty(shipment?.at("cac:Consignment", "cac:ExporterParty"), f, "/exporter"),
    portOfLoading: routing["portOfLoading"],
    portOfDischarge: routing["portOfDischarge"],
  });
}

function invoiceReference(refs: readonly Cursor[], f: FieldReader): string | undefined {
  const invoice = refs.find((d) => d.child("DocumentTypeCode", "cbc")?.text()?.trim() === "380");
  return f.text(invoice?.child("ID", "cbc"), "/invoiceNumber");
}

/** UBL DespatchAdvice → canonical packing-list. */
function readDespatchAdvice(s: XmlSniffed): ReadDocument {
  return readUblDocument(s, "ubl-despatch-advice", (r, f) => {
    const consignor = readParty(r.at("cac:DespatchSupplierParty", "cac:Party"), f, "/consignor");
    const order = f.text(r.at("cac:OrderReference", "cbc:ID"), "/references/0/number");
    const invoiceNumber = invoiceReference(r.all("cac:AdditionalDocumentReference"), f);
    return compact({
      type: "packing-list" as const,
      number: f.text(r.child("ID", "cbc"), "/number") ?? "",
      issuedAt: f.date(r.child("IssueDate", "cbc"), "/issuedAt") ?? "",
      issuer: consignor ?? { name: "" },
      consignor,
      consignee: readParty(r.at("cac:DeliveryCustomerParty", "cac:Party"), f, "/consignee"),
      ...readPacking(r, f, r.all("cac:DespatchLine")),
      invoiceNumber,
      references: [
        ...(order ? [{ type: "purchase-order", number: order }] : []),
        ...(invoiceNumber ? [{ type: "commercial-invoice", number: invoiceNumber }] : []),
      ],
      notes: r
        .all("cbc:Note")
        .map((n, i) => f.text(n, `/notes/${i}`))
        .filter((x): x is string => x !== undefined),
    });
  });
}

/** UBL PackingList (2.3+) → canonical packing-list. */
function readPackingList(s: XmlSniffed): ReadDocument {
  return readUblDocument(s, "ubl-packing-list", (r, f) => {
    const consignment = r.at("cac:Shipment", "cac:Consignment");
    const consignor: PartyData | undefined =
      readParty(r.child("ConsignorParty", "cac"), f, "/consignor") ??
      readParty(consignment?.child("ConsignorParty", "cac"), f, "/consignor");
    const invoiceNumber = invoiceReference(r.all("cac:DocumentReference"), f);
    return compact({
      type: "packing-list" as const,
      number: f.text(r.child("ID", "cbc"), "/number") ?? "",
      issuedAt: f.date(r.child("IssueDate", "cbc"), "/issuedAt") ?? "",
      issuer: consignor ?? { name: "" },
      consignor,
      consignee: readParty(consignment?.child("ConsigneeParty", "cac"), f, "/consignee"),
      ...readPacking(r, f, []),
      invoiceNumber,
      references: invoiceNumber ? [{ type: "commercial-invoice", number: invoiceNumber }] : [],
      notes: r
        .all("cbc:Note")
        .map((n, i) => f.text(n, `/notes/${i}`))
        .filter((x): x is string => x !== undefined),
    });
  });
}

export const PACKING_READERS = {
  DespatchAdvice: readDespatchAdvice,
  PackingList: readPackingList,
} as const;
