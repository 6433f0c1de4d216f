import { describe, expect, it } from "vitest";
import { ingestFile } from "../../../src/cli/ingest.js";
import { corpusPath } from "../../helpers/corpora.js";
import { schemaSet } from "../../corpus/ingest.js";

describe("swg ingest (dry run)", () => {
  it("reads a file into a canonical document with its report and findings", () => {
    const r = ingestFile(
      corpusPath("xrechnung-testsuite/business-cases/standard/01.06a-INVOICE_uncefact.xml"),
      schemaSet(),
    );
    expect(r).toMatchObject({
      format: "cii-d16b",
      ok: true,
      document: { type: "commercial-invoice", number: "R123456789" },
    });
    expect(r.report).toMatchObject({ reader: "cii-invoice" });
  });

  it("accepts a customs notification although only the gateway can correlate it", () => {
    const r = ingestFile(
      corpusPath("wco-customs-hmrc-cds/TT_EX039a/Example_Notifications/03_DMSACC.xml"),
      schemaSet(),
    );
    expect(r.ok).toBe(true);
    expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("reports a refusal as problems, with no document", () => {
    const r = ingestFile(corpusPath("oasis-ubl-examples/UBL-Order-2.1-Example.xml"), schemaSet());
    expect(r).toMatchObject({ ok: false, document: null, format: null });
    expect(r.problems[0]?.ruleId).toBe("INGEST-READER");
  });

  it("gives several documents for a message that carries several", () => {
    const r = ingestFile(
      corpusPath("china-customs-ceb-xml/samples-202205/export/CEB505Message.xml"),
      schemaSet(),
    );
    expect(Array.isArray(r.document) && r.document.length).toBe(10);
  });
});
