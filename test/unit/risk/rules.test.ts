import { describe, expect, it } from "vitest";
import type { DocumentSummary } from "../../../src/ports/store.js";
import { binOf, robustOf } from "../../../src/risk/robust.js";
import { declaredValueRule } from "../../../src/risk/rules/declared-value.js";
import { duplicateInvoiceRule } from "../../../src/risk/rules/duplicate-invoice.js";
import { RISK_RULES } from "../../../src/risk/rules/index.js";
import { originRule } from "../../../src/risk/rules/origin.js";
import { unitPriceRule, weightValueRule } from "../../../src/risk/rules/outliers.js";
import { restrictedPartyRule } from "../../../src/risk/rules/restricted-party.js";
import { Screener, watchlistFromCsv } from "../../../src/risk/watchlist.js";
import { context, declaration, docs, fixture, invoice, set } from "./helpers.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../helpers/corpora.js";

const summary = (over: Partial<DocumentSummary>): DocumentSummary => ({
  id: "stored-1",
  submissionId: "s-0",
  ucr: "UCR-OLD",
  lineageId: "stored-1",
  type: "commercial-invoice",
  number: "NS-INV-2025-0318",
  version: 1,
  functionCode: "original",
  supersedes: null,
  issuerPartyId: "owner-1",
  originalFormat: "json",
  originalMediaType: "application/json",
  originalDigest: "sha256:00",
  canonicalDigest: "sha256:00",
  status: "accepted",
  isCurrent: true,
  createdAt: "2025-03-18T00:00:00.000Z",
  ...over,
});

describe("the catalogue", () => {
  it("gives every rule a unique id, a severity, a title and a description with its thresholds", () => {
    const ids = RISK_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      "RISK-VAL-001",
      "RISK-PRC-001",
      "RISK-WV-001",
      "RISK-DUP-001",
      "RISK-RPL-001",
      "RISK-ORG-001",
    ]);
    for (const r of RISK_RULES) {
      expect(["low", "medium", "high"]).toContain(r.severity);
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.description.length).toBeGreaterThan(60);
    }
  });
});

describe("RISK-VAL-001 declared value vs invoice", () => {
  // The fixture pair agrees: goods items 18,480 + 7,200 = 25,680 USD = the invoice total.
  it("is quiet when the declaration and the invoice agree", async () => {
    expect(await declaredValueRule.check(context({ docs: docs(invoice(), declaration()) }))).toEqual([]);
  });

  it("warns, medium, when the declared value is 22 % below the invoice", async () => {
    const dec = declaration((d) => set(d, ["goodsItems", 0, "value"], 12_880)); // 12,880 + 7,200 = 20,080
    const [hit, ...rest] = await declaredValueRule.check(context({ docs: docs(invoice(), dec) }));
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ ruleId: "RISK-VAL-001", severity: "medium", documentIndex: 1 });
    expect((hit!.data["gap"] as number).toFixed(3)).toBe("-0.218");
  });

  it("is high beyond three times the tolerance", async () => {
    const dec = declaration((d) => set(d, ["goodsItems", 0, "value"], 1_000));
    const [hit] = await declaredValueRule.check(context({ docs: docs(invoice(), dec) }));
    expect(hit?.severity).toBe("high");
  });

  it("finds the invoice stored by the same exporter under another consignment", async () => {
    const dec = declaration((d) => set(d, ["goodsItems", 1, "value"], 1_200)); // 19,680
    const hits = await declaredValueRule.check(
      context({
        docs: docs(dec),
        ownCurrent: (type, number) =>
          Promise.resolve(
            type === "commercial-invoice" && number === "NS-INV-2025-0318" ? [summary({})] : [],
          ),
        document: (id) => Promise.resolve(id === "stored-1" ? invoice() : undefined),
      }),
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]!.data["invoiced"]).toBe(25_680);
  });

  it("does not compare amounts in different currencies", async () => {
    const dec = declaration((d) => {
      set(d, ["invoice", "currency"], "EUR");
      set(d, ["goodsItems", 0, "value"], 1);
    });
    expect(await declaredValueRule.check(context({ docs: docs(invoice(), dec) }))).toEqual([]);
  });
});

/** 40 observations of one series, spread 3.5 to 4.2 around a median of about 3.85. */
const aroundPrice = robustOf(
  Array.from({ length: 40 }, (_, i) => ({ bin: binOf(3.5 + (0.7 * i) / 39), n: 1 })),
)!;

describe("RISK-PRC-001 unit price outlier", () => {
  const series = (metric: string) => (s: { metric: string; heading: string }) =>
    Promise.resolve(s.metric === metric && s.heading === "9617" ? aroundPrice : undefined);

  it("is quiet for a price inside the spread", async () => {
    expect(
      await unitPriceRule.check(context({ docs: docs(invoice()), series: series("unit-price") })),
    ).toEqual([]);
  });

  it("warns when a line's price is far below the heading's median, naming the z-score", async () => {
    const inv = invoice((d) => set(d, ["lines", 0, "unitPrice"], 0.9));
    const hits = await unitPriceRule.check(context({ docs: docs(inv), series: series("unit-price") }));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ ruleId: "RISK-PRC-001", pointer: "/lines/0" });
    expect(hits[0]!.data["z"] as number).toBeLessThan(-3.5);
    expect(hits[0]!.message).toMatch(/far below the median/);
  });

  it("says nothing while the heading has too few observations", async () => {
    const inv = invoice((d) => set(d, ["lines", 0, "unitPrice"], 0.9));
    expect(await unitPriceRule.check(context({ docs: docs(inv) }))).toEqual([]);
  });
});

describe("RISK-WV-001 value per kilogram outlier", () => {
  // Line 1: 18,480 USD for 1,920 kg net = 9.625 USD/kg.
  const around = robustOf(Array.from({ length: 30 }, (_, i) => ({ bin: binOf(9 + i / 29), n: 1 })))!;
  const series = (s: { metric: string }) => Promise.resolve(s.metric === "value-per-kg" ? around : undefined);

  it("is quiet for the fixture's ratio", async () => {
    const hits = await weightValueRule.check(context({ docs: docs(invoice()), series }));
    expect(hits.filter((h) => h.pointer === "/lines/0")).toEqual([]);
  });

  it("warns, high, when the declared weight makes the goods fifty times dearer per kg", async () => {
    const dec = declaration((d) => set(d, ["goodsItems", 0, "netWeight", "value"], 38.4));
    const hits = await weightValueRule.check(context({ docs: docs(dec), series }));
    const first = hits.find((h) => h.pointer === "/goodsItems/0");
    expect(first).toMatchObject({ ruleId: "RISK-WV-001", severity: "high" });
    expect(first!.data["z"] as number).toBeGreaterThan(7);
  });
});

describe("RISK-DUP-001 duplicate invoice number from the same seller", () => {
  it("warns when the exporter already has a current invoice with that number", async () => {
    const hits = await duplicateInvoiceRule.check(
      context({ docs: docs(invoice()), ownCurrent: () => Promise.resolve([summary({})]) }),
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ ruleId: "RISK-DUP-001", severity: "high", pointer: "/number" });
  });

  it("ignores the invoice itself and an amendment (other sellers and cancelled ones: the store's scope)", async () => {
    expect(
      await duplicateInvoiceRule.check(
        context({ docs: docs(invoice()), ownCurrent: () => Promise.resolve([summary({ id: "doc-0" })]) }),
      ),
    ).toEqual([]);
    const amendment = invoice((d) => set(d, ["functionCode"], "replacement"));
    expect(
      await duplicateInvoiceRule.check(
        context({ docs: docs(amendment), ownCurrent: () => Promise.resolve([summary({})]) }),
      ),
    ).toEqual([]);
  });

  it("warns on two invoices with one number in the same submission", async () => {
    const hits = await duplicateInvoiceRule.check(context({ docs: docs(invoice(), invoice()) }));
    expect(hits.map((h) => h.documentIndex)).toEqual([1]);
  });
});

describe("RISK-RPL-001 restricted party", () => {
  const list = watchlistFromCsv(
    readFileSync(join(ROOT, "test/fixtures/register/restricted-parties.csv"), "utf8"),
    "restricted-parties.csv",
  );
  const screener = new Screener(list, 0.88);

  it("matches a listed identifier wherever the party sits (here the consignee's LEI)", async () => {
    const hits = await restrictedPartyRule.check(context({ docs: docs(invoice()), screener }));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ ruleId: "RISK-RPL-001", severity: "high", pointer: "/buyer" });
    expect(hits[0]!.data).toMatchObject({ entryId: "RP-004", by: "identifier", score: 1 });
  });

  it("matches a name written in Cyrillic, with its legal form, against the Latin entry", async () => {
    const inv = invoice((d) => {
      set(d, ["buyer"], { name: "АО Рособоронэкспорт", address: { country: "RU" } });
    });
    const hits = await restrictedPartyRule.check(context({ docs: docs(inv), screener }));
    expect(hits.map((h) => h.data["entryId"])).toEqual(["RP-001"]);
  });

  it("is quiet without a list", async () => {
    expect(await restrictedPartyRule.check(context({ docs: docs(invoice()) }))).toEqual([]);
  });
});

describe("RISK-ORG-001 origin inconsistent across documents", () => {
  const coo = (origin: string) =>
    fixture("certificate-of-origin/valid-non-preferential.json", (d) => {
      const items = d["goodsItems"] as Record<string, unknown>[];
      items.forEach((g) => {
        g["hsCode"] = "961700";
        g["originCountry"] = origin;
      });
    });

  it("is quiet when every document gives the same origin", async () => {
    expect(await originRule.check(context({ docs: docs(invoice(), coo("CN")) }))).toEqual([]);
  });

  it("flags each submitted document that gives the goods another origin", async () => {
    const hits = await originRule.check(context({ docs: docs(invoice(), coo("VN")) }));
    expect(hits.map((h) => h.documentIndex).sort()).toEqual([0, 1]);
    expect(hits[0]!.data["countries"]).toEqual(["CN", "VN"]);
  });

  it("counts the consignment's stored documents but flags only the new one", async () => {
    const hits = await originRule.check(context({ docs: docs(coo("VN")), related: [invoice()] }));
    expect(hits.map((h) => h.documentIndex)).toEqual([0]);
  });
});
