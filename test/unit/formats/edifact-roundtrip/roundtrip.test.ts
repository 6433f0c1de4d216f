import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DraftDocument } from "../../../../src/model/canonical.js";
import { readInterchanges } from "../../../../src/formats/edifact/messages/read.js";
import { writeCusdec } from "../../../../src/formats/edifact/messages/write/cusdec.js";
import type {
  EnvelopeOptions,
  WrittenInterchange,
} from "../../../../src/formats/edifact/messages/write/envelope.js";
import { writeIftmin } from "../../../../src/formats/edifact/messages/write/iftmin.js";
import { writeInvoic } from "../../../../src/formats/edifact/messages/write/invoic.js";
import { exportDeclaration, invoice, shippingInstruction } from "./arbitraries.js";

/** canonical → writer → bytes → reader gives back the same canonical draft. */
const SEED = 20_260_615;
const RUNS = 300;

const envelope: EnvelopeOptions = {
  sender: { id: "5412345000013", qualifier: "14" },
  recipient: "PARTNER",
  controlRef: "RT1",
  preparedAt: new Date("2025-06-15T08:30:00Z"),
};

function roundTrip(
  write: (d: DraftDocument, o: EnvelopeOptions) => WrittenInterchange,
  doc: Record<string, unknown>,
) {
  const written = write(doc as DraftDocument, envelope);
  const docs = readInterchanges(written.bytes);
  expect(docs).toHaveLength(1);
  expect(docs[0]!.draft).toEqual(doc);
  expect(docs[0]!.report.issues.filter((i) => i.severity === "error")).toEqual([]);
}

describe("EDIFACT writers round trip through the readers (fast-check)", () => {
  it(`INVOIC: ${RUNS} generated commercial invoices (seed ${SEED})`, () => {
    fc.assert(
      fc.property(invoice, (d) => roundTrip(writeInvoic, d)),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`IFTMIN: ${RUNS} generated shipping instructions (seed ${SEED})`, () => {
    fc.assert(
      fc.property(shippingInstruction, (d) => roundTrip(writeIftmin, d)),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`CUSDEC: ${RUNS} generated export declarations (seed ${SEED})`, () => {
    fc.assert(
      fc.property(exportDeclaration, (d) => roundTrip(writeCusdec, d)),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("writes UNOC syntax 3 for Latin-1 text, UNOW syntax 4 (UTF-8) beyond it, with computed counts", () => {
    const base = {
      type: "commercial-invoice",
      number: "INV-1",
      issuedAt: "2025-06-01",
      issuer: { name: "Seller" },
      seller: { name: "Seller" },
      buyer: { name: "Buyer" },
      currency: "EUR",
      lines: [{ sequence: 1, description: "Goods", quantity: { value: 1, unit: "C62" }, lineAmount: 10 }],
      totals: { lineTotal: 10, taxExclusive: 10, payable: 10 },
    };
    const latin = writeInvoic({ ...base, number: "INV-1" } as DraftDocument, envelope);
    expect(latin.syntax).toEqual({ identifier: "UNOC", version: "3" });
    expect(latin.text).toMatch(/^UNB\+UNOC:3\+/);
    const wide = writeInvoic({ ...base, number: "发票-1" } as DraftDocument, envelope);
    expect(wide.syntax).toEqual({ identifier: "UNOW", version: "4" });
    expect(wide.bytes.toString("utf8")).toContain("发票-1");
    const segments = (t: string) => t.split(/(?<!\?)'/).filter((s) => s !== "");
    const unt = /UNT\+(\d+)\+/.exec(latin.text)![1];
    expect(Number(unt)).toBe(segments(latin.text).length - 2);
  });
});
