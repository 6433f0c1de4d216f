import type { Cursor } from "../xml/cursor.js";
import { compact, type FieldReader } from "./values.js";

type Obj = Record<string, unknown>;

const MODES = new Set(["1", "2", "3", "4", "5", "7", "8", "9"]);
const SIZE_TYPE = /^[0-9A-Z]{4}$/;
const PACKAGE_TYPE = /^[0-9A-Z]{2}$/;
const HS = /^[0-9]{6,10}$/;

/** cac:*Location → canonical location (UN/LOCODE when the id is one, else the name). */
export function readLocation(l: Cursor | undefined, f: FieldReader, pointer: string): Obj | undefined {
  if (!l) return undefined;
  const locode = f.locode(l.child("ID", "cbc"), `${pointer}/locode`);
  const name =
    f.text(l.child("Name", "cbc"), `${pointer}/name`) ??
    f.text(l.child("Description", "cbc"), `${pointer}/name`) ??
    f.text(l.at("cac:Address", "cbc:CityName"), `${pointer}/name`) ??
    (locode ? undefined : f.text(l.child("ID", "cbc"), `${pointer}/name`));
  if (!locode && !name) return undefined;
  return compact({
    locode,
    name: name?.slice(0, 140),
    country: f.country(l.at("cac:Address", "cac:Country", "cbc:IdentificationCode"), `${pointer}/country`),
  });
}

/** cac:TransportMeans (with the stage's mode) → canonical means of transport. */
export function readMeans(
  stage: Cursor | undefined,
  means: Cursor | undefined,
  f: FieldReader,
  pointer: string,
): Obj | undefined {
  if (!means && !stage) return undefined;
  const mode = f.code(
    stage?.child("TransportModeCode", "cbc"),
    `${pointer}/mode`,
    /^[0-9]$/,
    "a Rec 19 mode",
  );
  const ship = means?.child("MaritimeTransport", "cac");
  const vesselId = ship?.child("VesselID", "cbc");
  const imo = /^[0-9]{7}$/.test(vesselId?.text()?.trim() ?? "")
    ? f.text(vesselId, `${pointer}/imoNumber`)
    : undefined;
  const out = compact({
    mode: mode && MODES.has(mode) ? mode : undefined,
    name:
      f.text(ship?.child("VesselName", "cbc"), `${pointer}/name`) ??
      f.text(means?.at("cac:AirTransport", "cbc:AircraftID"), `${pointer}/name`),
    imoNumber: imo,
    id:
      (imo ? undefined : f.text(vesselId, `${pointer}/id`)) ??
      f.text(ship?.child("RadioCallSignID", "cbc"), `${pointer}/id`) ??
      f.text(means?.at("cac:RoadTransport", "cbc:LicensePlateID"), `${pointer}/id`) ??
      f.text(means?.at("cac:RailTransport", "cbc:TrainID"), `${pointer}/id`),
    voyage:
      f.text(means?.child("JourneyID", "cbc"), `${pointer}/voyage`) ??
      f.text(stage?.child("TransportMeansJourneyID", "cbc"), `${pointer}/voyage`),
    nationality: f.country(means?.child("RegistrationNationalityID", "cbc"), `${pointer}/nationality`),
  });
  // A means of transport is named or numbered; a stage that only gives the mode names none.
  if (out["name"] === undefined && out["imoNumber"] === undefined && out["id"] === undefined) {
    if (mode)
      stage
        ?.child("TransportModeCode", "cbc")
        ?.log.leaves.delete(stage.child("TransportModeCode", "cbc")!.key);
    return undefined;
  }
  if (!out["mode"]) {
    const inferred = ship
      ? "1"
      : means?.child("AirTransport", "cac")
        ? "4"
        : means?.child("RoadTransport", "cac")
          ? "3"
          : means?.child("RailTransport", "cac")
            ? "2"
            : "9";
    f.trace.defaulted(
      `${pointer}/mode`,
      inferred,
      "no TransportModeCode; the mode follows from the means (9: not known)",
    );
    out["mode"] = inferred;
  }
  return out;
}

/** cac:TransportEquipment → canonical transport equipment. */
export function readEquipment(e: Cursor, f: FieldReader, pointer: string): Obj | undefined {
  const id = f.text(e.child("ID", "cbc"), `${pointer}/id`)?.replace(/\s+/g, "");
  if (!id) return undefined;
  const sizeType =
    f.code(
      e.child("SizeTypeCode", "cbc"),
      `${pointer}/sizeType`,
      SIZE_TYPE,
      "an ISO 6346 size and type code",
    ) ??
    (SIZE_TYPE.test(e.child("TransportEquipmentTypeCode", "cbc")?.text()?.trim() ?? "")
      ? f.text(e.child("TransportEquipmentTypeCode", "cbc"), `${pointer}/sizeType`)
      : undefined);
  return compact({
    id: id.slice(0, 35),
    sizeType,
    seals: e
      .all("cac:TransportEquipmentSeal")
      .map((s, i) => f.text(s.child("ID", "cbc"), `${pointer}/seals/${i}`))
      .filter((x): x is string => x !== undefined),
    shipperOwned: e.child("ProviderTypeCode", "cbc")?.text()?.trim() === "1" ? true : undefined,
    tareWeight: f.weight(e.child("TareWeightMeasure", "cbc"), `${pointer}/tareWeight`),
    verifiedGrossMass: f.weight(e.child("GrossWeightMeasure", "cbc"), `${pointer}/verifiedGrossMass`),
  });
}

/** The HS code among commodity classifications (listID HS), digits only. */
export function hsCode(classes: readonly Cursor[], f: FieldReader, pointer: string): string | undefined {
  for (const cc of classes) {
    const code = cc.child("ItemClassificationCode", "cbc");
    const list = code?.attr("listID")?.toUpperCase();
    if (list !== "HS" && list !== "HS2022" && list !== "TSP") continue;
    const digits = code?.text()?.replace(/[\s.]/g, "");
    if (digits && HS.test(digits)) {
      f.text(code, pointer);
      return digits;
    }
  }
  return undefined;
}

/** cac:Package / cac:ContainingPackage → canonical packages (count and Rec 21 type). */
export function readPackages(p: Cursor | undefined, f: FieldReader, pointer: string): Obj | undefined {
  if (!p) return undefined;
  const count = f.int(p.child("Quantity", "cbc"), `${pointer}/count`, 0);
  const typeCode = f.code(
    p.child("PackagingTypeCode", "cbc"),
    `${pointer}/typeCode`,
    PACKAGE_TYPE,
    "a Rec 21 package code",
  );
  if (count === undefined || !typeCode) return undefined;
  return { count, typeCode };
}

/** cac:GoodsItem → canonical goods item. */
export function readGoodsItem(g: Cursor, index: number, f: FieldReader, pointer: string): Obj {
  const item = g.child("Item", "cac");
  const seq =
    f.int(g.child("SequenceNumberID", "cbc"), `${pointer}/sequence`, 1) ??
    (/^[1-9][0-9]*$/.test(g.child("ID", "cbc")?.text()?.trim() ?? "")
      ? f.int(g.child("ID", "cbc"), `${pointer}/sequence`, 1)
      : undefined);
  if (seq === undefined)
    f.trace.defaulted(`${pointer}/sequence`, index + 1, "no sequence number; position in the document");
  const description =
    g
      .all("cbc:Description")
      .map((d, i) => f.text(d, i === 0 ? `${pointer}/description` : `${pointer}/description`))
      .filter((x): x is string => x !== undefined)
      .join("\n") ||
    f.text(item?.child("Name", "cbc"), `${pointer}/description`) ||
    f.text(item?.child("Description", "cbc"), `${pointer}/description`);
  return compact({
    sequence: seq ?? index + 1,
    description: description?.slice(0, 512) ?? "",
    hsCode: hsCode(
      [...g.all("cac:CommodityClassification"), ...(item?.all("cac:CommodityClassification") ?? [])],
      f,
      `${pointer}/hsCode`,
    ),
    originCountry:
      f.country(
        g.at("cac:OriginAddress", "cac:Country", "cbc:IdentificationCode"),
        `${pointer}/originCountry`,
      ) ?? f.country(item?.at("cac:OriginCountry", "cbc:IdentificationCode"), `${pointer}/originCountry`),
    quantity: f.quantity(g.child("Quantity", "cbc"), `${pointer}/quantity`),
    packages: readPackages(g.child("ContainingPackage", "cac"), f, `${pointer}/packages`),
    grossWeight: f.weight(g.child("GrossWeightMeasure", "cbc"), `${pointer}/grossWeight`),
    netWeight:
      f.weight(g.child("NetWeightMeasure", "cbc"), `${pointer}/netWeight`) ??
      f.weight(g.child("NetNetWeightMeasure", "cbc"), `${pointer}/netWeight`),
    volume: f.quantity(g.child("GrossVolumeMeasure", "cbc"), `${pointer}/volume`, "MTQ"),
    value: f.num(g.child("ValueAmount", "cbc"), `${pointer}/value`),
    equipmentIds: g
      .all("cac:GoodsItemContainer")
      .flatMap((gc) => gc.all("cac:TransportEquipment"))
      .map((te, i) => f.text(te.child("ID", "cbc"), `${pointer}/equipmentIds/${i}`))
      .filter((x): x is string => x !== undefined),
  });
}

/** The carriage stages of a shipment: ports, transhipment, vessel and pre-carriage. */
export function readRouting(shipment: Cursor | undefined, f: FieldReader): Obj {
  const stages = [
    ...(shipment?.all("cac:ShipmentStage") ?? []),
    ...(shipment?.all("cac:Consignment").flatMap((c) => c.all("cac:MainCarriageShipmentStage")) ?? []),
  ];
  const pre = shipment?.child("Consignment", "cac")?.child("PreCarriageShipmentStage", "cac");
  const loading = stages.find(
    (s) => s.child("LoadingPortLocation", "cac") ?? s.at("cac:LoadingTransportEvent", "cac:Location"),
  );
  const discharge = [...stages]
    .reverse()
    .find(
      (s) => s.child("UnloadingPortLocation", "cac") ?? s.at("cac:DischargeTransportEvent", "cac:Location"),
    );
  const main = stages.find((s) => s.child("TransportMeans", "cac")) ?? stages[0];
  const tranship = stages
    .map((s) => s.child("TransshipPortLocation", "cac"))
    .filter((x): x is Cursor => x !== undefined)
    .map((l, i) => readLocation(l, f, `/transhipmentPorts/${i}`))
    .filter((x): x is Obj => x !== undefined);
  return compact({
    portOfLoading: readLocation(
      loading?.child("LoadingPortLocation", "cac") ??
        loading?.at("cac:LoadingTransportEvent", "cac:Location"),
      f,
      "/portOfLoading",
    ),
    portOfDischarge: readLocation(
      discharge?.child("UnloadingPortLocation", "cac") ??
        discharge?.at("cac:DischargeTransportEvent", "cac:Location"),
      f,
      "/portOfDischarge",
    ),
    transhipmentPorts: tranship,
    vessel: main ? readMeans(main, main.child("TransportMeans", "cac"), f, "/vessel") : undefined,
    preCarriage: pre ? readMeans(pre, pre.child("TransportMeans", "cac"), f, "/preCarriage") : undefined,
  });
}

/** Equipment of a shipment: its transport handling units' equipment, once per container id. */
export function readShipmentEquipment(shipment: Cursor | undefined, f: FieldReader): Obj[] {
  const out: Obj[] = [];
  const units = [
    ...(shipment?.all("cac:TransportHandlingUnit") ?? []),
    ...(shipment?.all("cac:Consignment").flatMap((c) => c.all("cac:TransportHandlingUnit")) ?? []),
  ];
  for (const te of units.flatMap((u) => u.all("cac:TransportEquipment"))) {
    const e = readEquipment(te, f, `/equipment/${out.length}`);
    if (e && !out.some((x) => x["id"] === e["id"])) out.push(e);
  }
  return out;
}
