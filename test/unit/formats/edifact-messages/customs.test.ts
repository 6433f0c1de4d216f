import { describe, expect, it } from "vitest";
import { completeAmendment } from "../../../../src/formats/wco/amendment.js";
import { canonical, draft, fixture, read } from "./helpers.js";

describe("CUSDEC → export-declaration (hand-made D.96B / D.01B fixtures)", () => {
  it("reads the declaration, its parties, places, transport, invoice and customs items", () => {
    const run = canonical(fixture("cusdec-d96b-export.edi"));
    expect(run.problems).toEqual([]);
    const d = run.docs[0]!;
    expect(d).toMatchObject({
      type: "export-declaration",
      number: "LRN-2025-000123",
      lrn: "LRN-2025-000123",
      functionCode: "original",
      declarationType: "EXA",
      ucr: "5CN91310000MA1K4-REF77",
      exportCountry: "CN",
      destinationCountry: "NL",
      customsOffice: "CN2201",
      exporter: {
        name: "SHANGHAI BRIGHT TEXTILES CO LTD",
        identifiers: [{ scheme: "USCI", value: "91310000MA1K4ABC2E" }],
      },
      declarant: { identifiers: [{ scheme: "CN-CUSTOMS", value: "3101234567" }] },
      consignee: { identifiers: [{ scheme: "GLN", value: "8712345000011" }] },
      incoterms: { code: "FOB", place: { locode: "CNSHA" } },
      invoice: { number: "INV-88231", currency: "USD", amount: 48250 },
      transport: {
        modeAtBorder: "1",
        meansName: "MSC ANNA",
        meansId: "9321483",
        voyage: "FE512W",
        nationality: "PA",
        exitOffice: "CN2248",
        loadingLocation: { locode: "CNSHA" },
        equipment: [{ id: "MSCU1234566", sizeType: "45G1", seals: ["SL778812"], shipperOwned: false }],
      },
      goodsLocation: { locode: "CNSHA", name: "Yangshan bonded warehouse 3" },
      totals: { packageCount: 200, grossWeight: { value: 2450.5, unit: "KGM" } },
    });
    expect(d["goodsItems"]).toEqual([
      {
        sequence: 1,
        description: "Terry towels of cotton, bath size",
        hsCode: "6302600000",
        procedure: "1000",
        originCountry: "CN",
        packages: { count: 120, typeCode: "CT", marks: "HHG/AMS\n1-120" },
        grossWeight: { value: 1450.5, unit: "KGM" },
        netWeight: { value: 1300, unit: "KGM" },
        value: 28250,
        statisticalValue: 28250,
        equipmentIds: ["MSCU1234566"],
        additionalDocuments: [{ typeCode: "861", number: "CO2025SH0045" }],
      },
      {
        sequence: 2,
        description: "Cushion covers of synthetic fibres",
        hsCode: "6304930000",
        procedure: "1000",
        originCountry: "CN",
        packages: { count: 80, typeCode: "CT" },
        grossWeight: { value: 1000, unit: "KGM" },
        value: 20000,
        equipmentIds: ["MSCU1234566"],
      },
    ]);
  });

  it("reads a replacement (1225 = 5) as a new version that names the declaration it supersedes by its MRN", () => {
    const prior = canonical(fixture("cusdec-d96b-export.edi")).docs[0]!;
    const [doc] = read(fixture("cusdec-d96b-amendment.edi"));
    expect(doc!.supersedesRef).toEqual({
      type: "export-declaration",
      key: "mrn",
      value: "25CN22010000123456",
    });
    expect(doc!.delta).toBeUndefined();
    const run = canonical(fixture("cusdec-d96b-amendment.edi"), prior);
    expect(run.problems).toEqual([]);
    expect(run.docs[0]).toMatchObject({
      functionCode: "replacement",
      version: 2,
      supersedes: prior.id,
      mrn: "25CN22010000123456",
    });
    expect(run.docs[0]!["invoice"]).toMatchObject({ amount: 49100 });
  });

  it("reads a cancellation (1225 = 1) as a cancelling version", () => {
    const prior = canonical(fixture("cusdec-d96b-export.edi")).docs[0]!;
    const run = canonical(fixture("cusdec-d96b-cancellation.edi"), prior);
    expect(run.problems).toEqual([]);
    expect(run.docs[0]).toMatchObject({ functionCode: "cancellation", version: 2, supersedes: prior.id });
  });

  it("reads a change (1225 = 4) as a delta, completed from the version it amends", () => {
    const text = fixture("cusdec-d96b-amendment.edi")
      .toString("latin1")
      .replace("+LRN-2025-000123+5'", "+LRN-2025-000123+4'");
    const [doc] = read(text);
    expect(doc!.delta).toBe(true);
    expect(doc!.draft.functionCode).toBe("replacement");
    const prior = canonical(fixture("cusdec-d96b-export.edi")).docs[0]!;
    const completed = completeAmendment(prior, doc!.draft);
    expect(completed["invoice"]).toMatchObject({ amount: 49100 });
    expect(completed["exporter"]).toEqual(prior["exporter"]);
  });

  it("takes a generic declaration (1001 914) as an export when GEI 7365 = 22 says so, with an EORI under 3055 ZZZ", () => {
    const d = draft(fixture("cusdec-d01b-generic-export.edi"));
    expect(d).toMatchObject({
      declarationType: "EXD",
      exporter: { identifiers: [{ scheme: "EORI", value: "GB123456789000" }] },
      declarant: { name: "THAMES VALLEY ENGINEERING LTD" },
      transport: { exitOffice: "GB000060" },
      invoice: { currency: "GBP", amount: 12000 },
    });
  });

  it("refuses an import declaration, saying why and where", () => {
    expect(() => read(fixture("cusdec-d96b-import.edi"))).toThrow(
      expect.objectContaining({
        code: "SWG_UNSUPPORTED_DOCUMENT",
        issues: [
          expect.objectContaining({ location: "segment 3 (BGM), element 1.1", ruleId: "EDI-CUSDEC-EXPORT" }),
        ],
      }),
    );
  });
});

describe("CUSRES → customs status-event", () => {
  const status = (name: string) => canonical(fixture(name));

  it("accepted: the processing indicator, the MRN, the LRN it answers, the office", () => {
    const run = status("cusres-d96b-accepted.edi");
    expect(run.problems).toEqual([]);
    expect(run.docs[0]).toMatchObject({
      type: "status-event",
      category: "customs",
      status: "accepted",
      number: "RSP-20250314-0001",
      occurredAt: "2025-03-14T10:01:00Z",
      answers: { documentNumber: "LRN-2025-000123" },
      customs: { mrn: "25CN22010000123456", lrn: "LRN-2025-000123", customsOffice: "CN2201" },
      issuer: { name: "CUSTOMSHUB" },
    });
  });

  it("rejected: each error group's code, list and text, at the segment it names", () => {
    const run = status("cusres-d96b-rejected.edi");
    expect(run.problems).toEqual([]);
    expect(run.docs[0]).toMatchObject({ status: "rejected" });
    expect(run.docs[0]!["reasons"]).toEqual([
      {
        code: "12",
        codeList: "UNCL9321",
        text: "in CST at 12: Hand-made fixture: commodity code 6302600000 is not valid on the declaration date",
      },
      { code: "14", codeList: "UNCL9321", text: "in MOA at 15: Invoice amount missing its currency" },
    ]);
  });

  it("the strongest outcome wins: accepted and released is released", () => {
    expect(status("cusres-d96b-released.edi").docs[0]).toMatchObject({ status: "released" });
  });

  it("held for examination, with the place of examination", () => {
    expect(status("cusres-d96b-held.edi").docs[0]).toMatchObject({
      status: "held-for-examination",
      customs: { examinationPlace: { locode: "CNSHA", name: "Yangshan inspection area B" } },
    });
  });

  it("documents required, each by its code and name", () => {
    expect(status("cusres-d96b-documents-required.edi").docs[0]).toMatchObject({
      status: "documents-required",
      customs: {
        documentsRequired: [
          { typeCode: "861", text: "Certificate of origin" },
          { typeCode: "271", text: "Packing list" },
        ],
      },
    });
  });

  it("refuses a response whose only outcome is in a national code list", () => {
    expect(() => read(fixture("cusres-d96b-national-codes.edi"))).toThrow(
      expect.objectContaining({
        code: "SWG_UNSUPPORTED_DOCUMENT",
        issues: [expect.objectContaining({ ruleId: "EDI-CUSRES-STATUS" })],
      }),
    );
  });
});
