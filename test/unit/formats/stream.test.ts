import { describe, expect, it } from "vitest";
import { isProblem } from "../../../src/errors/index.js";
import { LARGE_XML_BYTES, readLargeUblInvoice } from "../../../src/formats/stream/ubl-invoice.js";
import { normalize } from "../../../src/pipeline/ingest/normalize.js";
import { sniff } from "../../../src/pipeline/ingest/sniff.js";
import { readCorpus } from "../../helpers/corpora.js";

const read = (bytes: Buffer) =>
  normalize(
    [{ index: 0, bytes, mediaType: "application/xml" }],
    new Map([[0, sniff(bytes, "application/xml")]]),
  )[0]!.read;

/** A corpus invoice with its lines repeated until the body passes `size` bytes. */
function grown(path: string, size: number): Buffer {
  const text = readCorpus(path).toString("utf8");
  const lines = [...text.matchAll(/<cac:InvoiceLine>[\s\S]*?<\/cac:InvoiceLine>/g)].map((m) => m[0]).join("");
  const at = text.lastIndexOf("</Invoice>");
  const copies = Math.ceil(size / lines.length);
  return Buffer.from(text.slice(0, at) + lines.repeat(copies) + text.slice(at), "utf8");
}

describe("streaming UBL invoice reader", () => {
  it("maps a document exactly as the tree reader does", () => {
    const bytes = readCorpus("en16931-einvoicing/test-testfiles/Invoice-Max_content.xml");
    const tree = read(bytes);
    const streamed = readLargeUblInvoice({
      kind: "xml-stream",
      mediaType: "application/xml",
      bytes,
      root: "Invoice",
      namespace: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    });
    expect(streamed.draft).toEqual(tree.draft);
    expect(streamed.report.unmapped.map((u) => u.path).sort()).toEqual(
      tree.report.unmapped.map((u) => u.path).sort(),
    );
  });

  it("takes over bodies above the threshold in sniff, without building a tree", () => {
    const bytes = grown(
      "en16931-einvoicing/test-testfiles/Invoice-Min_content_with_VAT.xml",
      LARGE_XML_BYTES + 1,
    );
    expect(sniff(bytes, "application/xml").kind).toBe("xml-stream");
    const doc = read(bytes);
    expect(doc.report.reader).toBe("ubl-invoice-stream");
    expect((doc.draft["lines"] as unknown[]).length).toBeGreaterThan(10_000);
  });

  it("refuses a DOCTYPE and malformed bodies with problems", () => {
    const big = grown(
      "en16931-einvoicing/test-testfiles/Invoice-Min_content_with_VAT.xml",
      LARGE_XML_BYTES + 1,
    ).toString("utf8");
    for (const [body, code] of [
      [
        big.replace("<Invoice ", "<!DOCTYPE Invoice [<!ENTITY a 'b'>]><Invoice "),
        "SWG_XML_FORBIDDEN_CONSTRUCT",
      ],
      [big.replace("</Invoice>", ""), "SWG_MALFORMED_XML"],
      [big.replace("<cbc:ID>", "<cbc:ID>&undeclared;"), "SWG_MALFORMED_XML"],
    ] as const) {
      try {
        read(Buffer.from(body, "utf8"));
        expect.unreachable(code);
      } catch (e) {
        expect(isProblem(e) && e.code).toBe(code);
      }
    }
  });
});
