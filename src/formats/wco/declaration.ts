import { ProblemError } from "../../errors/index.js";
import type { DraftDocument, PartyData } from "../../model/canonical.js";
import { INCOTERMS } from "../ubl/codes.js";
import { FUNCTION_1225 } from "../ubl/customs.js";
import { identifier, nameOrIdentifier } from "../ubl/party.js";
import { compact, type FieldReader } from "../ubl/values.js";
import type { Cursor } from "../xml/cursor.js";
import {
  dateTime304,
  DEC_REQUEST,
  EXPORT_PROCEDURES,
  mrnIsExport,
  REPRESENTATION,
  REQUEST_TYPES,
} from "./codes.js";

type Obj = Record<string, unknown>;

/** What the declaration reader learnt besides the draft. */
export interface DeclarationRead {
  readonly draft: DraftDocument;
  /**
   * Set when the message changes a declaration: a request (FunctionCode 13) carries only the
   * changes (delta) and names the declaration by MRN; a whole new version (1225 code 5 or 1)
   * names the one it replaces by MRN, else by LRN.
   */
  readonly change?: {
    readonly functionCode: "replacement" | "cancellation";
    readonly delta: boolean;
    readonly key: "mrn" | "lrn";
    readonly value: string;
  };
}

/** The scheme a WCO party ID has by its shape: an EORI (country prefix) or a China USCI (GB 32100). */
function partyScheme(id: string): string | undefined {
  if (/^[A-Z]{2}(?=[0-9A-Z]*[0-9])[0-9A-Z]{5,15}$/.test(id)) return "EORI";
  if (/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(id)) return "USCI";
  return undefined;
}

/** A WCO party (Exporter, Declarant, Consignee, Carrier…): name, EORI-style ID, address. */
export function readWcoParty(p: Cursor | undefined, f: FieldReader, pointer: string): PartyData | undefined {
  if (!p) return undefined;
  const idEl = p.child("ID");
  const id = f.text(idEl, `${pointer}/identifiers/0/value`);
  const identifiers = id ? [identifier(partyScheme(id), id, "OTHER")] : [];
  const a = p.child("Address");
  const country = f.country(a?.child("CountryCode"), `${pointer}/address/country`);
  const name = nameOrIdentifier(f.text(p.child("Name"), `${pointer}/name`), identifiers, f, pointer);
  if (!name) return undefined;
  return compact({
    name,
    identifiers,
    address: country
      ? compact({
          lines: [f.text(a?.child("Line"), `${pointer}/address/lines`)].filter(
            (x): x is string => x !== undefined,
          ),
          city: f.text(a?.child("CityName"), `${pointer}/address/city`),
          postalCode: f.text(a?.child("PostcodeID"), `${pointer}/address/postalCode`),
          country,
        })
      : undefined,
  });
}

/** Commodity code: the CN/HS code (TSP, GN or HS) with the TARIC extension (TRC) when given. */
function commodityCode(commodity: Cursor | undefined, f: FieldReader, pointer: string): string | undefined {
  const classes = commodity?.all("Classification") ?? [];
  const of = (type: string) =>
    classes.find((c) => c.child("IdentificationTypeCode")?.text()?.trim() === type);
  const base = of("TSP") ?? of("GN") ?? of("HS");
  const digits = base?.child("ID")?.text()?.replace(/[\s.]/g, "");
  if (!base || !digits) return undefined;
  if (!/^[0-9]{6,10}$/.test(digits))
    return f.reject(
      base.child("ID")!,
      pointer,
      `commodity code "${digits}" is not 6 to 10 digits`,
      "MAP-HS",
      "error",
    );
  f.text(base.child("ID"), pointer);
  const taric = of("TRC");
  const ext = taric?.child("ID")?.text()?.trim();
  if (digits.length === 8 && ext && /^[0-9]{2}$/.test(ext)) {
    f.text(taric?.child("ID"), pointer);
    return digits + ext;
  }
  return digits;
}

function readItem(g: Cursor, i: number, f: FieldReader, delta: boolean): Obj {
  const p = `/goodsItems/${i}`;
  const commodity = g.child("Commodity");
  const measure = commodity?.child("GoodsMeasure");
  const procedures = g.all("GovernmentProcedure");
  const main = procedures.find((x) => x.child("PreviousCode"));
  const additional = procedures.find((x) => x !== main);
  const current = f.text(main?.child("CurrentCode"), `${p}/procedure`);
  const previous = f.text(main?.child("PreviousCode"), `${p}/procedure`);
  const extra = f.text(additional?.child("CurrentCode"), `${p}/procedure`);
  const procedure = current
    ? `${current}${previous ?? "00"}${extra && extra !== "000" ? extra : ""}`.slice(0, 7)
    : undefined;
  const pack = g.child("Packaging");
  const count = f.int(pack?.child("QuantityQuantity"), `${p}/packages/count`);
  const typeCode = f.code(
    pack?.child("TypeCode"),
    `${p}/packages/typeCode`,
    /^[0-9A-Z]{2}$/,
    "a Rec 21 package code",
  );
  const seq = f.int(g.child("SequenceNumeric"), `${p}/sequence`, 1);
  if (seq === undefined && !delta)
    f.trace.defaulted(`${p}/sequence`, i + 1, "no SequenceNumeric; position in the declaration");
  return compact({
    sequence: seq ?? i + 1,
    description: f.text(commodity?.child("Description"), `${p}/description`)?.slice(0, 512),
    hsCode: commodityCode(commodity, f, `${p}/hsCode`),
    originCountry: f.country(g.at("Origin", "CountryCode"), `${p}/originCountry`),
    packages:
      count !== undefined && typeCode
        ? compact({
            count,
            typeCode,
            marks: f.text(pack?.child("MarksNumbersID"), `${p}/packages/marks`)?.slice(0, 512),
          })
        : undefined,
    grossWeight: f.weight(measure?.child("GrossMassMeasure"), `${p}/grossWeight`),
    netWeight: f.weight(measure?.child("NetNetWeightMeasure"), `${p}/netWeight`),
    procedure,
    statisticalValue: f.num(g.child("StatisticalValueAmount"), `${p}/statisticalValue`),
    additionalDocuments: g
      .all("AdditionalDocument")
      .map((d, k) => {
        const code = `${d.child("CategoryCode")?.text()?.trim() ?? ""}${d.child("TypeCode")?.text()?.trim() ?? ""}`;
        const number = f.text(d.child("ID"), `${p}/additionalDocuments/${k}/number`);
        if (!code || !number) return undefined;
        f.text(d.child("CategoryCode"), `${p}/additionalDocuments/${k}/typeCode`);
        f.text(d.child("TypeCode"), `${p}/additionalDocuments/${k}/typeCode`);
        return { typeCode: code.slice(0, 4), number: number.slice(0, 70) };
      })
      .filter((x): x is { typeCode: string; number: string } => x !== undefined),
  });
}

/** DE 7/7, 7/14 identification type codes that name the means rather than number it: 11 sea-going vessel, 81 inland vessel. */
const MEANS_NAMES = new Set(["11", "81"]);

/** The ID of a transport means, as a name (`asName`) or as an identifier, by its IdentificationTypeCode. */
function meansBy(means: Cursor | undefined, f: FieldReader, asName: boolean): string | undefined {
  const type = means?.child("IdentificationTypeCode")?.text()?.trim() ?? "";
  if (MEANS_NAMES.has(type) !== asName) return undefined;
  return f.text(means?.child("ID"), asName ? "/transport/meansName" : "/transport/meansId");
}

/** DE 5/8 may be given per item (multi-item supplementary declarations); one country for all items is the declaration's. */
function itemDestination(items: readonly Cursor[], f: FieldReader): string | undefined {
  const codes = items.map((g) => g.at("Destination", "CountryCode"));
  const values = new Set(codes.map((c) => c?.text()?.trim().toUpperCase()));
  if (values.size !== 1 || codes[0] === undefined) return undefined;
  for (const c of codes) f.country(c, "/destinationCountry");
  return f.country(codes[0], "/destinationCountry");
}

/** DE 5/14 may be left out when the goods leave the country the declaration is lodged in. */
function lodgedIn(meta: Cursor, f: FieldReader): string | undefined {
  const country = meta.child("ResponsibleCountryCode", "md")?.text()?.trim().toUpperCase();
  if (!country || !/^[A-Z]{2}$/.test(country)) return undefined;
  f.trace.defaulted(
    "/exportCountry",
    country,
    "no ExportCountry (DE 5/14); the country the declaration is lodged in (ResponsibleCountryCode)",
  );
  f.trace.from("/exportCountry", meta.child("ResponsibleCountryCode", "md")?.path);
  return country;
}

/** True when the declaration takes goods out of the country (export), by type and procedure. */
function isExport(typeCode: string, items: readonly Obj[]): boolean {
  if (typeCode.startsWith("EX") || typeCode.startsWith("EU")) return true;
  if (typeCode.startsWith("IM")) return false;
  return items.some((it) => typeof it["procedure"] === "string" && EXPORT_PROCEDURES.test(it["procedure"]));
}

function unsupported(message: string, xpath: string): ProblemError {
  return new ProblemError("SWG_UNSUPPORTED_DOCUMENT", message, [{ message, xpath, ruleId: "WCO-DIRECTION" }]);
}

/**
 * WCO DM 3.x Declaration (CDS DEC-DMS) → canonical export-declaration. An original (FunctionCode 9)
 * becomes a whole version; a request (13) becomes the changes it carries (delta), to be completed
 * from the declaration it names by MRN. Import declarations are refused: the canonical model has
 * export declarations only.
 */
export function readDeclaration(meta: Cursor, decl: Cursor, f: FieldReader): DeclarationRead {
  const fc = decl.child("FunctionCode")?.text()?.trim();
  const typeEl = decl.child("TypeCode");
  const typeCode = typeEl?.text()?.trim().toUpperCase() ?? "";
  const delta = fc === DEC_REQUEST;
  const mrn = f.text(decl.child("ID"), "/mrn");
  let request: { functionCode: "replacement" | "cancellation"; mrn: string } | undefined;
  if (delta) {
    const kind = REQUEST_TYPES[typeCode];
    if (!kind)
      throw unsupported(
        `a request of type ${typeCode || "(none)"} is neither an amendment (COR) nor a cancellation (INV)`,
        typeEl?.path ?? decl.path,
      );
    if (!mrn)
      throw new ProblemError(
        "SWG_VALIDATION_FAILED",
        "an amendment or cancellation must name the declaration (its MRN)",
        [
          {
            message: "Declaration/ID (the MRN of the declaration to change) is missing",
            xpath: `${decl.path}/ID`,
            ruleId: "WCO-MRN",
          },
        ],
      );
    if (mrnIsExport(mrn) === false)
      throw unsupported(
        `MRN ${mrn} is not an export declaration's: import declarations are not supported`,
        `${decl.path}/ID`,
      );
    f.text(typeEl, "/functionCode");
    request = { functionCode: kind, mrn };
  } else if (!/^[A-Z]{2}[A-Z]?$/.test(typeCode)) {
    throw new ProblemError("SWG_VALIDATION_FAILED", "the declaration has no type (DE 1/1, 1/2)", [
      {
        message: "Declaration/TypeCode is missing or not a declaration type such as EXA",
        xpath: typeEl?.path ?? `${decl.path}/TypeCode`,
        ruleId: "WCO-TYPE",
      },
    ]);
  }
  // 1225 codes for a whole version: 9 original, 5 (or 4) replacement, 1 (or 3) cancellation.
  const whole = !delta && fc ? FUNCTION_1225[fc] : undefined;
  if (fc && fc !== DEC_REQUEST) f.text(decl.child("FunctionCode"), "/functionCode");
  const shipment = decl.child("GoodsShipment");
  const consignment = shipment?.child("Consignment");
  const items = (shipment?.all("GovernmentAgencyGoodsItem") ?? []).map((g, i) => readItem(g, i, f, delta));
  if (!delta && !isExport(typeCode, items)) {
    throw unsupported(
      `declaration type ${typeCode} is an import declaration: the canonical model has export declarations only`,
      typeEl?.path ?? decl.path,
    );
  }
  if (!delta) f.text(typeEl, "/declarationType");

  const exporter = readWcoParty(decl.child("Exporter"), f, "/exporter");
  const declarant = readWcoParty(decl.child("Declarant"), f, "/declarant");
  const agent = decl.child("Agent");
  const representation = agent
    ? compact({
        type: REPRESENTATION[agent.child("FunctionCode")?.text()?.trim() ?? ""],
        representative: readWcoParty(agent, f, "/representation/representative"),
      })
    : undefined;
  if (representation) f.trace.from("/representation/type", agent?.child("FunctionCode")?.path);

  const invoiceEl = decl.child("InvoiceAmount");
  let invoice = f.amount(invoiceEl, "/invoice");
  if (!invoice && !delta) {
    // Exports often omit DE 4/11; the sum of the items' statistical values (DE 99/6) stands in.
    const values = (shipment?.all("GovernmentAgencyGoodsItem") ?? []).map((g) =>
      g.child("StatisticalValueAmount"),
    );
    const currency = values
      .map((v) => v?.attr("currencyID")?.trim().toUpperCase())
      .find((c) => c && /^[A-Z]{3}$/.test(c));
    if (currency) {
      const amount = items.reduce((n, it) => n + ((it["statisticalValue"] as number | undefined) ?? 0), 0);
      invoice = { value: Math.round(amount * 100) / 100, currency };
      f.trace.defaulted(
        "/invoice/amount",
        invoice.value,
        "no InvoiceAmount (DE 4/11); the sum of the items' statistical values",
      );
    }
  }
  const acceptance = decl.at("AcceptanceDateTime", "DateTimeString")?.text();
  const accepted = acceptance ? dateTime304(acceptance) : undefined;
  if (accepted) f.trace.from("/issuedAt", decl.at("AcceptanceDateTime", "DateTimeString")?.path);
  const issuedAt = accepted?.slice(0, 10) ?? new Date().toISOString().slice(0, 10);
  if (!accepted)
    f.trace.defaulted(
      "/issuedAt",
      issuedAt,
      "a declaration carries no issue date; the date the gateway read it",
    );
  const border = decl.child("BorderTransportMeans");
  const departure = consignment?.child("DepartureTransportMeans");
  const loading = consignment?.child("LoadingLocation");
  const goodsLocation = consignment?.child("GoodsLocation");
  const terms = shipment?.child("TradeTerms");
  const term = terms?.child("ConditionCode")?.text()?.trim().toUpperCase();
  const ucr =
    f.text(shipment?.at("UCR", "TraderAssignedReferenceID"), "/ucr") ??
    f.text(shipment?.at("UCR", "ID"), "/ucr") ??
    f.text(
      shipment
        ?.all("PreviousDocument")
        .find((d) => d.child("TypeCode")?.text()?.trim() === "DCR")
        ?.child("ID"),
      "/ucr",
    );
  const natures = (shipment?.all("GovernmentAgencyGoodsItem") ?? []).map((g) =>
    g.child("TransactionNatureCode"),
  );
  const nature = f.code(
    shipment?.child("TransactionNatureCode") ?? natures.find((n) => n),
    "/transactionNature",
    /^[0-9]{1,2}$/,
    "a nature of transaction code",
  );
  for (const n of natures) n?.text();
  const lrn = f.text(decl.child("FunctionalReferenceID"), delta ? "/references/0/number" : "/lrn");
  const draft = compact({
    type: "export-declaration" as const,
    number: lrn ?? mrn ?? "",
    issuedAt,
    issuer: declarant ?? exporter ?? { name: "" },
    ucr: ucr?.slice(0, 35),
    functionCode: request?.functionCode ?? whole,
    declarationType: delta ? undefined : typeCode,
    lrn: delta ? undefined : lrn,
    mrn,
    customsOffice: f.text(decl.at("PresentationOffice", "ID"), "/customsOffice")?.slice(0, 17),
    exporter,
    declarant: declarant ?? (delta ? undefined : exporter),
    representation: representation && representation["type"] ? representation : undefined,
    consignee: readWcoParty(shipment?.child("Consignee"), f, "/consignee"),
    exportCountry:
      f.country(shipment?.at("ExportCountry", "ID"), "/exportCountry") ??
      (delta ? undefined : lodgedIn(meta, f)),
    destinationCountry:
      f.country(shipment?.at("Destination", "CountryCode"), "/destinationCountry") ??
      itemDestination(shipment?.all("GovernmentAgencyGoodsItem") ?? [], f),
    incoterms:
      term && INCOTERMS.has(term)
        ? compact({
            code: term,
            place: compact({
              locode: f.locode(terms?.child("LocationID"), "/incoterms/place/locode"),
              name: f.text(terms?.child("LocationName"), "/incoterms/place/name"),
            }),
          })
        : undefined,
    invoice: invoice
      ? compact({
          number: f.text(shipment?.at("Invoice", "ID"), "/invoice/number"),
          currency: invoice.currency,
          amount: invoice.value,
        })
      : undefined,
    transport: compact({
      modeAtBorder: f.code(border?.child("ModeCode"), "/transport/modeAtBorder", /^[0-9]$/, "a Rec 19 mode"),
      meansName: (f.text(border?.child("Name"), "/transport/meansName") ?? meansBy(border, f, true))?.slice(
        0,
        70,
      ),
      meansId: meansBy(border, f, false)?.slice(0, 35),
      nationality: f.country(border?.child("RegistrationNationalityCode"), "/transport/nationality"),
      inlandMode: f.code(departure?.child("ModeCode"), "/transport/inlandMode", /^[0-9]$/, "a Rec 19 mode"),
      loadingLocation: loading
        ? compact({
            locode: f.locode(loading.child("ID"), "/transport/loadingLocation/locode"),
            name: f.text(loading.child("Name"), "/transport/loadingLocation/name"),
          })
        : undefined,
      exitOffice: f.text(decl.at("ExitOffice", "ID"), "/transport/exitOffice")?.slice(0, 17),
      containerised: consignment?.child("ContainerCode")
        ? f.text(consignment.child("ContainerCode"), "/transport/containerised") === "1"
        : undefined,
      equipment: (consignment?.all("TransportEquipment") ?? [])
        .map((e, k) =>
          compact({
            id: f.text(e.child("ID"), `/transport/equipment/${k}/id`)?.replace(/\s+/g, "").slice(0, 35),
            seals: e
              .all("Seal")
              .map((s, j) => f.text(s.child("ID"), `/transport/equipment/${k}/seals/${j}`))
              .filter((x): x is string => x !== undefined),
          }),
        )
        .filter((e) => e.id !== undefined),
    }),
    goodsItems: items,
    totals: compact({
      packageCount: f.int(decl.child("TotalPackageQuantity"), "/totals/packageCount"),
      grossWeight: f.weight(decl.child("TotalGrossMassMeasure"), "/totals/grossWeight"),
    }),
    carrier: readWcoParty(decl.at("Consignment", "Carrier"), f, "/carrier"),
    goodsLocation: goodsLocation
      ? compact({
          locode: f.locode(goodsLocation.child("ID"), "/goodsLocation/locode"),
          name:
            f.text(goodsLocation.child("Name"), "/goodsLocation/name") ??
            f.text(goodsLocation.child("ID"), "/goodsLocation/name"),
          country: f.country(goodsLocation.at("Address", "CountryCode"), "/goodsLocation/country"),
        })
      : undefined,
    transactionNature: nature,
    references: delta && lrn ? [{ type: "customs-request", number: lrn }] : undefined,
    notes: delta
      ? decl
          .all("AdditionalInformation")
          .map((a, i) => f.text(a.child("StatementDescription"), `/notes/${i}`))
          .filter((x): x is string => x !== undefined)
      : undefined,
  }) as unknown as DraftDocument;
  for (const k of [
    "WCODataModelVersionCode",
    "WCOTypeName",
    "ResponsibleCountryCode",
    "ResponsibleAgencyName",
    "AgencyAssignedCustomizationCode",
    "AgencyAssignedCustomizationVersionCode",
  ])
    meta.child(k, "md")?.consume();
  const lrnOf = decl.child("FunctionalReferenceID")?.text()?.trim();
  if (request)
    return {
      draft,
      change: { functionCode: request.functionCode, delta: true, key: "mrn", value: request.mrn },
    };
  if (whole && whole !== "original" && (mrn ?? lrnOf))
    return {
      draft,
      change: { functionCode: whole, delta: false, key: mrn ? "mrn" : "lrn", value: (mrn ?? lrnOf)! },
    };
  return { draft };
}
