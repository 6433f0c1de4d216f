import type { PartyData } from "../../model/canonical.js";
import type { ReadDocument } from "../types.js";
import type { Cursor } from "../xml/cursor.js";
import { readGoodsItem, readLocation, readRouting } from "./common.js";
import { readUblDocument, type XmlSniffed } from "./document.js";
import { readParty } from "./party.js";
import { compact, type FieldReader } from "./values.js";

/** Words in a certificate type that make it preferential (a trade agreement form) or not. */
const NON_PREFERENTIAL = /non[\s-]*pref/i;
const PREFERENTIAL = /pref|form\s*[a-z]\b|eur\.?\s*1|eur-med|rcep|fta|gsp|agreement/i;

/** Inspection certificate kinds, by UNTDID 1001 code or by the words of the type. */
const INSPECTION_CODES: Readonly<Record<string, string>> = {
  "851": "phytosanitary",
  "852": "sanitary",
  "853": "veterinary",
};
const INSPECTION_WORDS: readonly [RegExp, string][] = [
  [/phyto/i, "phytosanitary"],
  [/veterin/i, "veterinary"],
  [/sanitary|sps/i, "sanitary"],
  [/fumigat/i, "fumigation"],
  [/health/i, "health"],
  [/radiat/i, "radiation"],
  [/weight/i, "weight"],
  [/quantity/i, "quantity"],
  [/quality|analysis|conformity/i, "quality"],
  [/pre-?shipment|\bpsi\b/i, "pre-shipment"],
];

/** Country of the shipment's delivery address, else the consignment's final destination. */
function destination(shipment: Cursor | undefined, f: FieldReader, pointer: string): string | undefined {
  return (
    f.country(
      shipment?.at("cac:Delivery", "cac:DeliveryAddress", "cac:Country", "cbc:IdentificationCode"),
      pointer,
    ) ??
    f.country(
      shipment?.at("cac:Consignment", "cac:FinalDestinationCountry", "cbc:IdentificationCode"),
      pointer,
    )
  );
}

/** UBL CertificateOfOrigin → canonical certificate-of-origin. */
function readCertificateOfOrigin(s: XmlSniffed): ReadDocument {
  return readUblDocument(s, "ubl-certificate-of-origin", (r, f) => {
    const app = r.child("CertificateOfOriginApplication", "cac");
    const shipment = app?.child("Shipment", "cac");
    const kind = f.text(app?.child("CertificateType", "cbc"), "/formType");
    const preferential = kind !== undefined && !NON_PREFERENTIAL.test(kind) && PREFERENTIAL.test(kind);
    if (kind === undefined)
      f.trace.defaulted("/certificateType", "non-preferential", "no certificate type given");
    const authority =
      readParty(app?.child("IssuerParty", "cac"), f, "/issuingAuthority") ??
      readParty(r.at("cac:IssuerEndorsement", "cac:EndorserParty"), f, "/issuingAuthority");
    const issuingCountry = f.country(
      app?.at("cac:IssuingCountry", "cbc:IdentificationCode"),
      "/issuingCountry",
    );
    const exportCountry =
      f.country(shipment?.at("cac:ExportCountry", "cbc:IdentificationCode"), "/exportCountry") ??
      f.country(
        shipment?.at("cac:Consignment", "cac:OriginalDepartureCountry", "cbc:IdentificationCode"),
        "/exportCountry",
      );
    if (!exportCountry && issuingCountry)
      f.trace.defaulted(
        "/exportCountry",
        issuingCountry,
        "no export country; the certificate's issuing country",
      );
    const goods = (shipment?.all("cac:GoodsItem") ?? []).map((g, i) => {
      const item = readGoodsItem(g, i, f, `/goodsItems/${i}`);
      const criterion = f.text(g.child("PreferenceCriterionCode", "cbc"), `/goodsItems/${i}/originCriterion`);
      return compact({ ...item, originCriterion: criterion?.slice(0, 70) });
    });
    const routing = readRouting(shipment, f);
    const exporter: PartyData | undefined =
      readParty(r.child("ExporterParty", "cac"), f, "/exporter") ??
      readParty(app?.child("ExporterParty", "cac"), f, "/exporter");
    return compact({
      type: "certificate-of-origin" as const,
      number: f.text(r.child("ID", "cbc"), "/number") ?? "",
      issuedAt: f.date(r.child("IssueDate", "cbc"), "/issuedAt") ?? "",
      issuer: authority ?? { name: "" },
      ucr: f.text(shipment?.at("cac:Consignment", "cbc:ID"), "/ucr"),
      certificateType: preferential ? "preferential" : "non-preferential",
      agreement: preferential ? kind?.slice(0, 140) : undefined,
      formType: kind?.slice(0, 70),
      exporter,
      consignee:
        readParty(r.child("ImporterParty", "cac"), f, "/consignee") ??
        readParty(app?.child("ImporterParty", "cac"), f, "/consignee") ??
        readParty(shipment?.at("cac:Consignment", "cac:ConsigneeParty"), f, "/consignee"),
      issuingAuthority: authority,
      issuingCountry,
      exportCountry: exportCountry ?? issuingCountry,
      importingCountry: destination(shipment, f, "/importingCountry"),
      transport: routing["vessel"],
      portOfLoading: routing["portOfLoading"],
      portOfDischarge: routing["portOfDischarge"],
      invoices: (app?.all("cac:SupportingDocumentReference") ?? [])
        .filter((d) => d.child("DocumentTypeCode", "cbc")?.text()?.trim() === "380")
        .map((d, i) =>
          compact({
            type: "commercial-invoice",
            number: f.text(d.child("ID", "cbc"), `/invoices/${i}/number`) ?? "",
            issuedAt: f.date(d.child("IssueDate", "cbc"), `/invoices/${i}/issuedAt`),
          }),
        ),
      goodsItems: goods,
      remarks:
        [
          ...(app?.all("cbc:Remarks") ?? []),
          ...(r.child("IssuerEndorsement", "cac")?.all("cbc:Remarks") ?? []),
        ]
          .map((x) => f.text(x, "/remarks"))
          .filter((x): x is string => x !== undefined)
          .join("\n") || undefined,
    });
  });
}

function inspectionKind(r: Cursor, f: FieldReader): string | undefined {
  const c = r.child("TypeCode", "cbc");
  const raw = c?.text()?.trim();
  if (!raw) return undefined;
  const kind = INSPECTION_CODES[raw] ?? INSPECTION_WORDS.find(([re]) => re.test(raw))?.[1];
  if (!kind) {
    f.reject(
      c!,
      "/certificateType",
      `certificate type "${raw}" names no inspection the canonical model knows`,
      "MAP-CODE",
      "error",
    );
    return undefined;
  }
  f.text(c, "/certificateType");
  return kind;
}

/** UBL GoodsCertificate → canonical inspection-certificate. */
function readGoodsCertificate(s: XmlSniffed): ReadDocument {
  return readUblDocument(s, "ubl-goods-certificate", (r, f) => {
    const shipment = r.child("Shipment", "cac");
    const authority = readParty(r.child("IssuerParty", "cac"), f, "/issuingAuthority");
    const attestations = r.all("cac:Attestation");
    const accepted = attestations.map((a) => f.bool(a.child("AcceptanceIndicator", "cbc"), "/result"));
    const result = accepted.includes(false) ? "fail" : "pass";
    if (!accepted.some((a) => a !== undefined))
      f.trace.defaulted(
        "/result",
        "pass",
        "no acceptance indicator: an issued certificate attests the goods",
      );
    const findings = [
      ...attestations.flatMap((a) => [...a.all("cbc:Description"), ...a.all("cbc:Note")]),
      ...r.all("cbc:Description"),
    ]
      .map((d) => f.text(d, "/findings"))
      .filter((x): x is string => x !== undefined)
      .join("\n");
    const routing = readRouting(shipment, f);
    return compact({
      type: "inspection-certificate" as const,
      number: f.text(r.child("ID", "cbc"), "/number") ?? "",
      issuedAt: f.date(r.child("IssueDate", "cbc"), "/issuedAt") ?? "",
      issuer: authority ?? { name: "" },
      ucr: f.text(shipment?.at("cac:Consignment", "cbc:ID"), "/ucr"),
      certificateType: inspectionKind(r, f),
      issuingAuthority: authority,
      exporter:
        readParty(r.child("ExporterParty", "cac"), f, "/exporter") ??
        readParty(r.child("ConsignorParty", "cac"), f, "/exporter"),
      consignee:
        readParty(r.child("ImporterParty", "cac"), f, "/consignee") ??
        readParty(r.child("ConsigneeParty", "cac"), f, "/consignee"),
      applicationNumber: f.text(r.at("cac:PreviousDocumentReference", "cbc:ID"), "/applicationNumber"),
      exportCountry: f.country(shipment?.at("cac:ExportCountry", "cbc:IdentificationCode"), "/exportCountry"),
      originCountry: f.country(
        shipment?.at("cac:OriginAddress", "cac:Country", "cbc:IdentificationCode"),
        "/originCountry",
      ),
      destinationCountry: destination(shipment, f, "/destinationCountry"),
      pointOfEntry: readLocation(shipment?.child("FirstArrivalPortLocation", "cac"), f, "/pointOfEntry"),
      transport: routing["vessel"],
      result,
      findings: findings ? findings.slice(0, 4000) : undefined,
      validUntil: f.date(r.at("cac:ValidityPeriod", "cbc:EndDate"), "/validUntil"),
      goodsItems: (shipment?.all("cac:GoodsItem") ?? []).map((g, i) =>
        readGoodsItem(g, i, f, `/goodsItems/${i}`),
      ),
      notes: r
        .all("cbc:Note")
        .map((n, i) => f.text(n, `/notes/${i}`))
        .filter((x): x is string => x !== undefined),
    });
  });
}

export const CERTIFICATE_READERS = {
  CertificateOfOrigin: readCertificateOfOrigin,
  GoodsCertificate: readGoodsCertificate,
} as const;
