import { describe, expect, it } from "vitest";
import { readCorpus } from "../../../helpers/corpora.js";
import { canonical, draft, fixCount, read } from "./helpers.js";

const en16931 = () =>
  fixCount(readCorpus("en16931-einvoicing/edifact-examples/EDIFACT_EXAMPLE0.TXT").toString("utf8"));

describe("INVOIC → commercial-invoice", () => {
  it("reads EN 16931's EDIFACT binding example (its UNT count corrected) term by term", () => {
    const d = draft(en16931());
    expect(d).toMatchObject({
      type: "commercial-invoice",
      number: "12115118", // BT-1
      issuedAt: "2017-02-01", // BT-2
      invoiceTypeCode: "380", // BT-3
      currency: "EUR", // BT-5
      dueDate: "2017-03-02", // BT-9
      paymentMeansCode: "30", // BT-81
      seller: {
        name: "De Koksmaat",
        identifiers: [{ scheme: "VAT", value: "NL8200.98.395.B.01" }],
        address: { country: "NL", city: "Velsen-Noord", postalCode: "1950 AB" },
      },
      buyer: { name: "ODIN 59", address: { lines: ["POSTBUS 367"], city: "HEEMSKERK", country: "NL" } },
      totals: { lineTotal: 20, taxExclusive: 20, taxTotal: 2, taxInclusive: 22, payable: 22 },
      taxes: [{ category: "S", rate: 10, taxableAmount: 20, taxAmount: 2 }],
    });
    expect(d["lines"]).toEqual([
      {
        sequence: 1,
        lineId: "1",
        description: "PATAT FRITES 10MM 10KG",
        sellerItemId: "166022",
        quantity: { value: 2, unit: "C62" },
        unitPrice: 10,
        priceBaseQuantity: 1,
        lineAmount: 20,
        taxCategory: "S",
        taxRate: 10,
      },
    ]);
  });

  it("reports positions: the source of each field, and every component it did not map", () => {
    const [doc] = read(en16931());
    expect(doc!.format).toBe("edifact-d14b");
    expect(doc!.originalType).toBe("INVOIC");
    expect(doc!.sourceMap.get("/number")).toBe("segment 4 (BGM), element 2.1");
    expect(doc!.sourceMap.get("/lines/0/quantity/value")).toMatch(/^segment \d+ \(QTY\), element 1\.2$/);
    const unmapped = doc!.report.unmapped.map((u) => u.path);
    // FTX+DOC (the specification identifier) has no canonical field: it is reported, with a digest.
    expect(unmapped.some((p) => / \(FTX\), element 4\.1$/.test(p))).toBe(true);
    expect(doc!.report.unmapped.every((u) => /^sha256:[0-9a-f]{64}$/.test(u.digest))).toBe(true);
  });

  it("is schema-valid through the pipeline's stages", () => {
    const run = canonical(Buffer.from(en16931()));
    expect(run.problems).toEqual([]);
    expect(run.docs[0]!.original.format).toBe("edifact-d14b");
  });

  it("reads EANCOM parties named by GLN only, and lines named by GTIN only, with the defaults said", () => {
    const [doc] = read(readCorpus("unedifact-samples/edifabric-mit-2018/Eancom_INVOIC_D01BEAN3.txt"));
    const d = doc!.draft as Record<string, unknown>;
    expect(d["seller"]).toEqual({
      name: "4012345500004",
      identifiers: [
        { scheme: "GLN", value: "4012345500004" },
        { scheme: "VAT", value: "VR12345" },
      ],
    });
    expect((d["lines"] as { description: string }[]).map((l) => l.description)).toEqual([
      "4000862141404",
      "5412345111115",
    ]);
    expect(d["charges"]).toEqual([{ amount: 120, reasonCode: "FC", taxCategory: "S", taxRate: 19 }]);
    const reasons = doc!.report.defaults.map((x) => x.pointer);
    expect(reasons).toEqual(expect.arrayContaining(["/seller/name", "/lines/0/description"]));
  });

  it("reads a credit note's preceding invoice and a replacement's function", () => {
    const text = [
      "UNB+UNOC:3+SELLER+BUYER+250101:1200+1'",
      "UNH+1+INVOIC:D:96A:UN'",
      "BGM+381+CN-7+5'",
      "DTM+137:20250101:102'",
      "RFF+IV:INV-6'",
      "NAD+SE+++Seller Ltd++++++GB'",
      "NAD+BY+++Buyer SA++++++FR'",
      "CUX+2:EUR:4'",
      "LIN+1'",
      "IMD+F++:::Refund of goods'",
      "QTY+47:1:C62'",
      "MOA+203:50'",
      "UNS+S'",
      "MOA+79:50'",
      "MOA+9:50'",
      "UNT+15+1'",
      "UNZ+1+1'",
    ].join("");
    expect(draft(text)).toMatchObject({
      invoiceTypeCode: "381",
      functionCode: "replacement",
      precedingInvoices: [{ number: "INV-6" }],
      totals: { lineTotal: 50, taxExclusive: 50, payable: 50 },
    });
  });

  it("refuses an interchange with any syntax problem whole, naming the 0085 code and where", () => {
    expect(() => read(readCorpus("en16931-einvoicing/edifact-examples/EDIFACT_EXAMPLE0.TXT"))).toThrow(
      expect.objectContaining({
        code: "SWG_MALFORMED_EDIFACT",
        issues: [
          expect.objectContaining({ ruleId: "EDIFACT-0085-29", location: "segment 39 (UNT), element 1" }),
        ],
      }),
    );
  });
});
