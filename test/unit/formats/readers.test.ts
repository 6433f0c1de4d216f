import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalize } from "../../../src/pipeline/ingest/normalize.js";
import { sniff } from "../../../src/pipeline/ingest/sniff.js";
import { ingest, refusal } from "../../corpus/ingest.js";
import { readCorpus, ROOT } from "../../helpers/corpora.js";

type Obj = Record<string, unknown>;

const fixture = (...p: string[]) => readFileSync(join(ROOT, "test", "fixtures", "formats", ...p));
const only = (bytes: Buffer): Obj => {
  const run = ingest(bytes);
  expect(run.problems).toEqual([]);
  return run.docs[0]!.canonical;
};
const readOnly = (bytes: Buffer) =>
  normalize(
    [{ index: 0, bytes, mediaType: "application/xml" }],
    new Map([[0, sniff(bytes, "application/xml")]]),
  );

describe("UBL readers (hand-made fixtures after the 2.5 schemas)", () => {
  it("BillOfLading → negotiable bill of lading with routing, goods, containers and references", () => {
    const d = only(fixture("ubl", "BillOfLading-hand-made.xml"));
    expect(d).toMatchObject({
      type: "bill-of-lading",
      variant: "bill-of-lading",
      negotiable: true,
      toOrder: true,
      number: "MAEU123456789",
      bookingReference: "BKG-556677",
      ucr: "8CN913302000-NS0318",
      carrier: { name: "Maersk A/S", identifiers: [{ scheme: "DUNS", value: "123456789" }] },
      portOfLoading: { locode: "CNNGB", name: "Ningbo" },
      portOfDischarge: { locode: "NLRTM", name: "Rotterdam" },
      vessel: { mode: "1", name: "MAERSK ESSEX", imoNumber: "9778791", voyage: "512W" },
      shippedOnBoardDate: "2025-03-24",
      freightTerms: "prepaid",
      declaredValue: { value: 250000, currency: "USD" },
      equipment: [{ id: "MSKU1234565", sizeType: "45G1", seals: ["ML-CN4471823"] }],
      invoiceNumbers: ["NS-2025-0318"],
      totals: { packageCount: 450, grossWeight: { value: 6400, unit: "KGM" } },
      clauses: ["SHIPPER'S LOAD, STOW AND COUNT"],
    });
    expect((d["goodsItems"] as Obj[])[0]).toMatchObject({
      hsCode: "940540",
      packages: { count: 200, typeCode: "CT" },
      equipmentIds: ["MSKU1234565"],
    });
  });

  it("Waybill → sea waybill, never negotiable; the issue location is kept", () => {
    const d = only(fixture("ubl", "Waybill-hand-made.xml"));
    expect(d).toMatchObject({
      variant: "sea-waybill",
      negotiable: false,
      toOrder: false,
      placeOfIssue: { locode: "DEHAM" },
    });
    expect(d["vessel"]).toBeUndefined();
  });

  it("CertificateOfOrigin → preferential certificate with origin criteria and invoices", () => {
    const d = only(fixture("ubl", "CertificateOfOrigin-hand-made.xml"));
    expect(d).toMatchObject({
      certificateType: "preferential",
      agreement: "RCEP Certificate of Origin (preferential)",
      exportCountry: "CN",
      importingCountry: "JP",
      issuingAuthority: { name: "China Council for the Promotion of International Trade" },
      invoices: [{ type: "commercial-invoice", number: "BW-2504-031", issuedAt: "2025-04-08" }],
    });
    expect((d["goodsItems"] as Obj[])[0]).toMatchObject({
      originCountry: "CN",
      originCriterion: "PE",
      hsCode: "940540",
    });
  });

  it("PackingList → packages with marks, contents and containers", () => {
    const d = only(fixture("ubl", "PackingList-hand-made.xml"));
    expect(d).toMatchObject({
      type: "packing-list",
      invoiceNumber: "NS-2025-0318",
      totals: {
        packageCount: 450,
        grossWeight: { value: 6400, unit: "KGM" },
        netWeight: { value: 5520, unit: "KGM" },
      },
      packages: [
        {
          sequence: 1,
          count: 200,
          typeCode: "CT",
          equipmentId: "MSKU1234565",
          contents: [{ description: "LED panel lights 600x600", quantity: { value: 2000, unit: "C62" } }],
        },
        { sequence: 2, count: 250, typeCode: "CT" },
      ],
    });
  });

  it("ExportCustomsDeclaration (FunctionCode 5) → a replacement naming its predecessor by number", () => {
    const [doc] = readOnly(fixture("ubl", "ExportCustomsDeclaration-hand-made.xml"));
    expect(doc!.read.draft).toMatchObject({
      type: "export-declaration",
      functionCode: "replacement",
      declarationType: "EXA",
      invoice: { currency: "USD", amount: 86400 },
      destinationCountry: "NL",
      exportCountry: "CN",
      transport: { exitOffice: "CN3104" },
    });
    expect(doc!.read.supersedesRef).toEqual({
      type: "export-declaration",
      key: "number",
      value: "LRN-2025-0318-01",
    });
  });

  it("GoodsCertificate → phytosanitary inspection certificate that passed", () => {
    const d = only(fixture("ubl", "GoodsCertificate-hand-made.xml"));
    expect(d).toMatchObject({
      type: "inspection-certificate",
      certificateType: "phytosanitary",
      result: "pass",
      validUntil: "2025-04-20",
      destinationCountry: "NL",
    });
  });

  it("TransportationStatus → carrier milestone (Rec 24 31 'En route' as DCSA departure)", () => {
    const d = only(readCorpus("oasis-ubl-examples/MyTransportationStatus.xml"));
    expect(d).toMatchObject({
      category: "carrier",
      status: "milestone",
      ucr: "XYZ987",
      occurredAt: "2010-08-13T15:30:00.0Z",
      dcsa: { eventType: "TRANSPORT", eventClassifierCode: "ACT", transportEventTypeCode: "DEPA" },
    });
  });

  it("a mapping report lists what was not mapped with a digest, and the defaults it applied", () => {
    const [doc] = readOnly(readCorpus("oasis-ubl-examples/UBL-DespatchAdvice-2.0-Example.xml"));
    const r = doc!.read.report;
    expect(r.unmapped.find((u) => u.path === "/DespatchAdvice/CopyIndicator")?.digest).toMatch(
      /^sha256:[0-9a-f]{64}$/,
    );
    expect(r.defaults.map((d) => d.pointer)).toContain("/packages/0/typeCode");
  });
});

describe("WCO DM (CDS) readers", () => {
  it("an amendment (FC 13, COR) is a delta completed from the declaration it names by MRN", () => {
    const prior = ingest(readCorpus("wco-customs-hmrc-cds/TT_EX009a/TT_EX009a.xml")).docs[0]!.canonical;
    const [delta] = readOnly(readCorpus("wco-customs-hmrc-cds/TT_EX009a/Step5_TT_EX009a_Amendment.xml"));
    expect(delta!.read.delta).toBe(true);
    expect(delta!.read.supersedesRef).toEqual({
      type: "export-declaration",
      key: "mrn",
      value: "24GB0YVJ3EXXES8AA0",
    });
    const v2 = ingest(
      readCorpus("wco-customs-hmrc-cds/TT_EX009a/Step5_TT_EX009a_Amendment.xml"),
      "application/xml",
      prior,
    );
    expect(v2.problems).toEqual([]);
    const doc = v2.docs[0]!.canonical as Obj;
    expect(doc).toMatchObject({
      functionCode: "replacement",
      version: 2,
      supersedes: prior.id,
      number: prior.number,
      mrn: "24GB0YVJ3EXXES8AA0",
    });
    expect((doc["goodsItems"] as Obj[])[0]!["additionalDocuments"]).toEqual([
      { typeCode: "X002", number: "GBSIEE2E350002-0001" },
    ]);
  });

  it("a cancellation (FC 13, INV) cancels the current version and keeps its content", () => {
    const prior = ingest(readCorpus("wco-customs-hmrc-cds/TT_EX052a/Step1_TT_EX052a.xml")).docs[0]!.canonical;
    const v2 = ingest(
      readCorpus("wco-customs-hmrc-cds/TT_EX052a/Step3_Cancellation.xml"),
      "application/xml",
      prior,
    );
    expect(v2.problems).toEqual([]);
    expect(v2.docs[0]!.canonical).toMatchObject({
      functionCode: "cancellation",
      goodsItems: prior["goodsItems"],
      notes: ["This is a duplicate, please can"],
    });
  });

  it("notifications become customs status events; the ones without a canonical status are refused by name", () => {
    const acc = only(readCorpus("wco-customs-hmrc-cds/TT_EX039a/Example_Notifications/03_DMSACC.xml"));
    expect(acc).toMatchObject({
      category: "customs",
      status: "accepted",
      occurredAt: "2023-05-26T20:55:09+01:00",
      answers: { documentType: "export-declaration", documentNumber: "4.1.0CDSP10284_TC02_18" },
      customs: {
        mrn: "23GB5SCPZSPYDAUAA1",
        lrn: "4.1.0CDSP10284_TC02_18",
        acceptanceDate: "2023-05-26T20:55:07+01:00",
      },
    });
    expect(
      only(readCorpus("wco-customs-hmrc-cds/TT_IM016a/Example_Notifications/03_DMSDOC.xml")),
    ).toMatchObject({ status: "documents-required" });
    const e = refusal(() =>
      readOnly(readCorpus("wco-customs-hmrc-cds/TT_EX039a/Example_Notifications/01_DMSRCV(1).xml")),
    );
    expect(e?.code).toBe("SWG_UNSUPPORTED_DOCUMENT");
    expect(e?.message).toContain("DMSRCV");
  });

  it("import declarations are refused: the canonical model has export declarations only", () => {
    expect(refusal(() => readOnly(readCorpus("wco-customs-hmrc-cds/TT_IM016a/TT_IM016a.xml")))?.code).toBe(
      "SWG_UNSUPPORTED_DOCUMENT",
    );
  });
});

describe("China customs CEB readers", () => {
  it("CEB603 inventory → export declaration (hand-made, valid JGS-20 codes)", () => {
    const d = only(fixture("ceb", "CEB603-hand-made.xml"));
    expect(d).toMatchObject({
      type: "export-declaration",
      lrn: "COP202503100001",
      mrn: "51412025E000000001",
      exportCountry: "CN",
      destinationCountry: "US",
      customsOffice: "5141",
      exporter: { identifiers: [{ scheme: "USCI", value: "91440101MA59XXXX0X" }] },
      invoice: { number: "ORD202503100001", currency: "CNY", amount: 398 },
      transport: { modeAtBorder: "4", exitOffice: "5141" },
    });
    expect((d["goodsItems"] as Obj[])[0]).toMatchObject({
      hsCode: "8518300000",
      procedure: "9610",
      quantity: { value: 2, unit: "C62" },
    });
  });

  it("one canonical document per entity of a message, each with the message's signature consumed", () => {
    const docs = readOnly(readCorpus("china-customs-ceb-xml/samples-202205/export/CEB505Message.xml"));
    expect(docs).toHaveLength(10);
    for (const d of docs)
      expect(d.read.report.unmapped.some((u) => u.path.includes("Signature"))).toBe(false);
  });

  it("receipts map returnStatus to customs statuses; e-port processing steps are refused", () => {
    const sample = readCorpus("china-customs-ceb-xml/samples-202205/export/CEB604Message.xml").toString(
      "utf8",
    );
    const released = ingest(
      Buffer.from(sample.replaceAll("<ceb:returnStatus>2<", "<ceb:returnStatus>800<"), "utf8"),
    );
    expect(released.docs[0]!.canonical).toMatchObject({
      category: "customs",
      status: "released",
      answers: { documentType: "export-declaration", documentNumber: "Cop20180507001" },
    });
    const rejected = ingest(
      Buffer.from(sample.replaceAll("<ceb:returnStatus>2<", "<ceb:returnStatus>100<"), "utf8"),
    );
    expect(rejected.docs[0]!.canonical).toMatchObject({ status: "rejected" });
    expect(refusal(() => readOnly(Buffer.from(sample, "utf8")))?.message).toContain("returnStatus 2");
  });

  it("CEB403 payment → bank status event (paid) answering the order", () => {
    const d = only(readCorpus("china-customs-ceb-xml/samples-202205/export/CEB403Message.xml"));
    expect(d).toMatchObject({
      category: "bank",
      status: "paid",
      bank: { amount: { value: 200.5, currency: "CNY" } },
      answers: { documentNumber: "order2018050711340001" },
    });
  });
});
