import type { PartyData } from "../../model/canonical.js";
import type { ReadDocument } from "../types.js";
import { readEquipment, readGoodsItem, readLocation, readRouting } from "./common.js";
import { readUblDocument, type XmlSniffed } from "./document.js";
import { INCOTERMS } from "./codes.js";
import { readParty } from "./party.js";
import { compact } from "./values.js";

type Obj = Record<string, unknown>;

/** UN/EDIFACT 1225 message function codes → canonical function code. */
export const FUNCTION_1225: Readonly<Record<string, "original" | "replacement" | "cancellation">> = {
  "9": "original",
  "5": "replacement",
  "4": "replacement",
  "1": "cancellation",
  "3": "cancellation",
};

/** UBL ExportCustomsDeclaration (2.3+) → canonical export-declaration. */
function readExportCustomsDeclaration(s: XmlSniffed): ReadDocument {
  let supersedes: string | undefined;
  let fc: "original" | "replacement" | "cancellation" | undefined;
  const read = readUblDocument(s, "ubl-export-customs-declaration", (r, f) => {
    const decl = r.child("CustomsDeclaration", "cac");
    const shipment = decl?.child("Shipment", "cac");
    const consignment = shipment?.child("Consignment", "cac");
    const exporter = readParty(r.child("ExporterParty", "cac"), f, "/exporter");
    const declarant: PartyData | undefined = readParty(decl?.child("IssuerParty", "cac"), f, "/declarant");
    if (!declarant && exporter)
      f.trace.defaulted("/declarant", exporter.name, "no declarant: the exporter lodges the declaration");
    const typeCode = f.code(
      r.child("ExportTypeCode", "cbc"),
      "/declarationType",
      /^[A-Z]{2}[A-Z]?$/,
      "a declaration type (e.g. EXA)",
    );
    if (!typeCode) f.trace.defaulted("/declarationType", "EX", "no export type code; EX (export)");
    const code = decl?.child("FunctionCode", "cbc")?.text()?.trim();
    fc = code ? FUNCTION_1225[code] : undefined;
    if (fc) f.trace.from("/functionCode", decl?.child("FunctionCode", "cbc")?.path);
    supersedes = f.text(decl?.at("cac:PreviousCustomsDeclaration", "cbc:ID"), "/supersedes");
    const value =
      f.amount(consignment?.child("TotalInvoiceAmount", "cbc"), "/invoice") ??
      f.amount(consignment?.child("DeclaredCustomsValueAmount", "cbc"), "/invoice");
    const exportCountry =
      f.country(shipment?.at("cac:ExportCountry", "cbc:IdentificationCode"), "/exportCountry") ??
      f.country(consignment?.at("cac:OriginalDepartureCountry", "cbc:IdentificationCode"), "/exportCountry");
    const fallbackCountry = exporter?.address?.country;
    if (!exportCountry && fallbackCountry)
      f.trace.defaulted("/exportCountry", fallbackCountry, "no export country; the exporter's country");
    const dt =
      shipment?.at("cac:Delivery", "cac:DeliveryTerms") ?? consignment?.child("DeliveryTerms", "cac");
    const term = dt?.child("ID", "cbc")?.text()?.trim().toUpperCase().slice(0, 3);
    const routing = readRouting(shipment, f);
    const vessel = routing["vessel"] as Obj | undefined;
    const invoiceRef = (decl?.all("cac:AdditionalDocumentReference") ?? []).find(
      (d) => d.child("DocumentTypeCode", "cbc")?.text()?.trim() === "380",
    );
    const units = consignment?.all("cac:TransportHandlingUnit") ?? [];
    return compact({
      type: "export-declaration" as const,
      number: f.text(r.child("ID", "cbc"), "/number") ?? "",
      issuedAt: f.date(r.child("IssueDate", "cbc"), "/issuedAt") ?? "",
      issuer: declarant ?? exporter ?? { name: "" },
      ucr: f.text(consignment?.child("ID", "cbc"), "/ucr"),
      functionCode: fc,
      declarationType: typeCode ?? "EX",
      lrn: f.text(r.child("ID", "cbc"), "/lrn"),
      mrn:
        decl?.child("ID", "cbc")?.text()?.trim() !== r.child("ID", "cbc")?.text()?.trim()
          ? f.text(decl?.child("ID", "cbc"), "/mrn")
          : undefined,
      exporter,
      declarant: declarant ?? exporter,
      consignee:
        readParty(decl?.child("ConsigneeParty", "cac"), f, "/consignee") ??
        readParty(consignment?.child("ConsigneeParty", "cac"), f, "/consignee"),
      exportCountry: exportCountry ?? fallbackCountry,
      destinationCountry:
        f.country(
          shipment?.at("cac:Delivery", "cac:DeliveryAddress", "cac:Country", "cbc:IdentificationCode"),
          "/destinationCountry",
        ) ??
        f.country(
          consignment?.at("cac:FinalDestinationCountry", "cbc:IdentificationCode"),
          "/destinationCountry",
        ),
      incoterms:
        term && INCOTERMS.has(term)
          ? compact({
              code: term,
              place: readLocation(dt?.child("DeliveryLocation", "cac"), f, "/incoterms/place"),
            })
          : undefined,
      invoice: value
        ? compact({
            number: f.text(invoiceRef?.child("ID", "cbc"), "/invoice/number"),
            currency: value.currency,
            amount: value.value,
          })
        : undefined,
      transport: compact({
        modeAtBorder:
          vessel?.["mode"] ??
          f.code(
            shipment?.at("cac:ShipmentStage", "cbc:TransportModeCode"),
            "/transport/modeAtBorder",
            /^[0-9]$/,
            "a Rec 19 mode",
          ),
        meansName: vessel?.["name"],
        meansId: vessel?.["imoNumber"] ?? vessel?.["id"],
        voyage: vessel?.["voyage"],
        nationality: vessel?.["nationality"],
        loadingLocation: routing["portOfLoading"],
        exitOffice: f
          .text(decl?.at("cac:CustomsExitOfficeLocation", "cbc:ID"), "/transport/exitOffice")
          ?.slice(0, 17),
        equipment: units
          .flatMap((u) => u.all("cac:TransportEquipment"))
          .map((e, i) => readEquipment(e, f, `/transport/equipment/${i}`))
          .filter((e): e is Obj => e !== undefined),
        containerised: f.bool(
          consignment?.child("ContainerizedIndicator", "cbc"),
          "/transport/containerised",
        ),
      }),
      goodsItems: (shipment?.all("cac:GoodsItem") ?? []).map((g, i) => {
        const p = `/goodsItems/${i}`;
        return compact({
          ...readGoodsItem(g, i, f, p),
          procedure: f.text(g.child("CustomsProcedureCode", "cbc"), `${p}/procedure`)?.slice(0, 7),
          statisticalValue: f.num(g.child("DeclaredStatisticsValueAmount", "cbc"), `${p}/statisticalValue`),
          additionalDocuments: g.all("cac:AdditionalDocumentReference").map((d, k) =>
            compact({
              typeCode:
                f
                  .text(d.child("DocumentTypeCode", "cbc"), `${p}/additionalDocuments/${k}/typeCode`)
                  ?.slice(0, 4) ?? "",
              number: f.text(d.child("ID", "cbc"), `${p}/additionalDocuments/${k}/number`) ?? "",
            }),
          ),
        });
      }),
      totals: compact({
        packageCount: f.int(consignment?.child("TotalPackagesQuantity", "cbc"), "/totals/packageCount"),
        grossWeight: f.weight(consignment?.child("GrossWeightMeasure", "cbc"), "/totals/grossWeight"),
      }),
      carrier: readParty(consignment?.child("CarrierParty", "cac"), f, "/carrier"),
      notes: r
        .all("cbc:Note")
        .map((n, i) => f.text(n, `/notes/${i}`))
        .filter((x): x is string => x !== undefined),
    });
  });
  return fc !== "original" && fc !== undefined && supersedes
    ? { ...read, supersedesRef: { type: "export-declaration", key: "number", value: supersedes } }
    : read;
}

export const CUSTOMS_READERS = {
  ExportCustomsDeclaration: readExportCustomsDeclaration,
} as const;
