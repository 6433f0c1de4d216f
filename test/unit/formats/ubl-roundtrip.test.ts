import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeUbl } from "../../../src/formats/ubl/write/index.js";
import { writeWcoDeclaration } from "../../../src/formats/wco/write-declaration.js";
import type { CanonicalDocument } from "../../../src/model/canonical.js";
import { ingest } from "../../corpus/ingest.js";
import { ROOT } from "../../helpers/corpora.js";

/** Kept so a failure can be replayed: fast-check prints the seed and path it needs. */
const SEED = 20260115;
const RUNS = 300;

type Obj = Record<string, unknown>;

const word = fc.stringMatching(/^[A-Za-z0-9]{1,10}$/);
const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));
const country = fc.constantFrom("DE", "CN", "GB", "US", "NL", "FR");
const date = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const money = fc.integer({ min: 0, max: 100_000_000 }).map((n) => n / 100);
const rate = fc.constantFrom(0, 5, 7, 19, 20, 25);
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const identifier = fc.oneof(
  fc.stringMatching(/^[0-9]{13}$/).map((value) => ({ scheme: "GLN", value })),
  fc.stringMatching(/^[0-9A-Z]{18}[0-9]{2}$/).map((value) => ({ scheme: "LEI", value })),
  fc.stringMatching(/^[A-Z]{2}[0-9]{9}$/).map((value) => ({ scheme: "VAT", value })),
  fc.stringMatching(/^[0-9]{6,12}$/).map((value) => ({ scheme: "TIN", value })),
  fc.stringMatching(/^GB[0-9]{12}$/).map((value) => ({ scheme: "EORI", value })),
  fc
    .tuple(word, fc.constantFrom("0204", "EM", "unspecified"))
    .map(([value, schemeName]) => ({ scheme: "OTHER", value, schemeName })),
);

const party = fc
  .record(
    {
      name: text,
      identifiers: fc.uniqueArray(identifier, { maxLength: 3, selector: (i) => `${i.scheme}:${i.value}` }),
      address: opt(
        fc.record(
          {
            lines: fc.array(text, { maxLength: 3 }),
            city: opt(text),
            postalCode: opt(word),
            subdivision: opt(text),
            country,
          },
          { requiredKeys: ["lines", "country"] },
        ),
      ),
      contact: opt(
        fc.record({
          name: text,
          phone: fc.stringMatching(/^\+?[0-9]{6,12}$/),
          email: word.map((w) => `${w}@example.com`),
        }),
      ),
    },
    { requiredKeys: ["name", "identifiers"] },
  )
  .map((p) => clean({ ...p, address: p.address ? clean(p.address) : undefined }));

const allowance = fc
  .record({
    amount: money,
    baseAmount: opt(money),
    percent: opt(rate),
    reason: opt(text),
    reasonCode: opt(fc.constantFrom("95", "100", "FC")),
  })
  .map((a) => clean(a));
const docAllowance = fc
  .tuple(allowance, opt(fc.tuple(fc.constantFrom("S", "Z", "E"), opt(rate))))
  .map(([a, t]) => clean({ ...a, taxCategory: t?.[0], taxRate: t?.[0] ? t[1] : undefined }));

const line = fc.record({
  description: text,
  sellerItemId: opt(word),
  hsCode: opt(fc.stringMatching(/^[0-9]{6,10}$/)),
  originCountry: opt(country),
  quantity: fc.record({ value: money, unit: fc.constantFrom("C62", "KGM", "H87", "XPP") }),
  price: opt(fc.tuple(money, opt(fc.constantFrom(1, 10, 100)))),
  allowances: fc.array(allowance, { maxLength: 2 }),
  charges: fc.array(allowance, { maxLength: 2 }),
  lineAmount: money,
  tax: opt(fc.tuple(fc.constantFrom("S", "Z", "E", "AE"), opt(rate))),
});

const reference = fc.record({
  type: fc.constantFrom(
    "supporting-document",
    "invoiced-object",
    "despatch-advice",
    "receiving-advice",
    "contract",
    "tender",
    "project",
    "purchase-order",
  ),
  number: word,
});

const invoice = fc
  .record({
    number: word,
    issuedAt: date,
    invoiceTypeCode: fc.constantFrom("380", "381", "383", "389"),
    seller: party,
    buyer: party,
    consignee: opt(party),
    currency: fc.constantFrom("EUR", "USD", "CNY"),
    taxCurrency: opt(fc.constantFrom("SEK", "GBP")),
    dueDate: opt(date),
    paymentTerms: opt(text),
    paymentMeansCode: opt(fc.constantFrom("30", "58", "1")),
    buyerReference: opt(word),
    orderReference: opt(word),
    incoterms: opt(
      fc.record({
        code: fc.constantFrom("FOB", "CIF", "DAP"),
        place: opt(fc.record({ locode: fc.constantFrom("CNSHA", "NLRTM"), name: text, country })),
      }),
    ),
    deliveryDate: opt(date),
    lines: fc.array(line, { minLength: 1, maxLength: 5 }),
    allowances: fc.array(docAllowance, { maxLength: 2 }),
    charges: fc.array(docAllowance, { maxLength: 2 }),
    taxes: fc.array(
      fc.record({
        category: fc.constantFrom("S", "Z", "E"),
        rate: opt(rate),
        taxableAmount: money,
        taxAmount: money,
        exemptionReason: opt(text),
      }),
      { maxLength: 3 },
    ),
    totals: fc.record({
      lineTotal: money,
      taxExclusive: money,
      payable: money,
      allowanceTotal: opt(money),
      chargeTotal: opt(money),
      taxInclusive: opt(money),
      prepaid: opt(money),
      rounding: opt(money),
      taxTotal: opt(money),
    }),
    precedingInvoices: fc.array(fc.record({ number: word, issuedAt: opt(date) }), { maxLength: 2 }),
    references: fc.array(reference, { maxLength: 3 }),
    salesOrder: opt(word),
    notes: fc.array(text, { maxLength: 2 }),
  })
  .map((g) => {
    const taxes = g.taxes.map((t) => clean(t));
    return clean({
      type: "commercial-invoice",
      number: g.number,
      issuedAt: g.issuedAt,
      issuer: g.seller,
      invoiceTypeCode: g.invoiceTypeCode,
      seller: g.seller,
      buyer: g.buyer,
      consignee: g.consignee,
      currency: g.currency,
      taxCurrency: g.taxCurrency,
      dueDate: g.dueDate,
      paymentTerms: g.paymentTerms,
      paymentMeansCode: g.paymentMeansCode,
      buyerReference: g.buyerReference,
      orderReference: g.orderReference,
      incoterms: g.incoterms ? clean(g.incoterms) : undefined,
      deliveryDate: g.deliveryDate,
      lines: g.lines.map((l, i) =>
        clean({
          sequence: i + 1,
          lineId: `L${i + 1}`,
          description: l.description,
          sellerItemId: l.sellerItemId,
          hsCode: l.hsCode,
          originCountry: l.originCountry,
          quantity: l.quantity,
          unitPrice: l.price?.[0],
          priceBaseQuantity: l.price?.[1],
          allowances: l.allowances,
          charges: l.charges,
          lineAmount: l.lineAmount,
          taxCategory: l.tax?.[0],
          taxRate: l.tax ? l.tax[1] : undefined,
        }),
      ),
      allowances: g.allowances,
      charges: g.charges,
      taxes,
      // EN 16931 gives the tax total (BT-110) whenever there is a VAT breakdown.
      totals: clean({
        ...g.totals,
        taxTotal: taxes.length > 0 ? (g.totals.taxTotal ?? 0) : g.totals.taxTotal,
      }),
      precedingInvoices: g.precedingInvoices.map((p) => clean(p)),
      references: [
        ...g.references,
        ...(g.salesOrder && g.orderReference ? [{ type: "sales-order", number: g.salesOrder }] : []),
      ],
      notes: g.notes,
    });
  });

function clean<T extends Obj>(o: T): T {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as T;
}

const sorted = (xs: unknown) =>
  Array.isArray(xs) ? [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : xs;

/** What the comparison ignores: what the gateway assigns, and orders the syntax fixes by element position. */
function comparable(d: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(d)) {
    if (["schemaVersion", "id", "version", "functionCode", "ucr", "original"].includes(k)) continue;
    const p =
      v && typeof v === "object" && !Array.isArray(v) && "identifiers" in v
        ? { ...v, identifiers: sorted((v as Obj)["identifiers"]) }
        : v;
    out[k] = k === "references" ? sorted(v) : p;
  }
  return out;
}

function readBack(doc: Obj): { canonical: Obj; problems: readonly unknown[] } {
  const xml = writeUbl({
    ...doc,
    schemaVersion: "1.0",
    id: "0195b2a0-1c00-7a10-8c01-3e5f7a9b1001",
    version: 1,
    functionCode: "original",
    ucr: "U",
    original: { format: "json", mediaType: "application/json", digest: `sha256:${"0".repeat(64)}` },
  } as unknown as CanonicalDocument);
  const run = ingest(Buffer.from(xml, "utf8"));
  return { canonical: run.docs[0]!.canonical, problems: run.problems };
}

describe("UBL writer → UBL reader round trip", () => {
  it(`gives back every generated commercial invoice (fast-check seed ${SEED}, ${RUNS} runs)`, () => {
    fc.assert(
      fc.property(invoice, (doc) => {
        const back = readBack(doc);
        expect(back.problems).toEqual([]);
        expect(comparable(back.canonical)).toEqual(comparable(doc));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  /**
   * The hand-made canonical fixtures of the other types: every field the UBL document types
   * carry comes back. Listed are the canonical fields those UBL documents have no element for.
   */
  const NOT_IN_UBL: Readonly<Record<string, readonly string[]>> = {
    "bill-of-lading": [
      "orderOf",
      "placeOfIssue",
      "originals",
      "copies",
      "clean",
      "signedBy",
      "freightPayableAt",
    ],
    "certificate-of-origin": [
      "agreement",
      "originCountry",
      "producer",
      "departureDate",
      "declarationPlace",
      "declarationDate",
      "certificationPlace",
    ],
    "packing-list": [],
    "commercial-invoice": ["lcNumber", "portOfLoading", "portOfDischarge"],
  };
  for (const type of Object.keys(NOT_IN_UBL)) {
    const dir = join(ROOT, "test", "fixtures", "documents", type);
    for (const file of readdirSync(dir).filter((f) => f.startsWith("valid"))) {
      it(`${type}/${file} comes back with the fields UBL carries`, () => {
        const doc = JSON.parse(readFileSync(join(dir, file), "utf8")) as Obj;
        const back = readBack(doc);
        expect(back.problems).toEqual([]);
        for (const [field, value] of Object.entries(doc)) {
          if (
            NOT_IN_UBL[type]!.includes(field) ||
            [
              "schemaVersion",
              "id",
              "version",
              "functionCode",
              "ucr",
              "original",
              "references",
              "attachments",
            ].includes(field)
          )
            continue;
          if (typeof value !== "object") expect(back.canonical[field], field).toEqual(value);
        }
        expect(back.canonical["number"]).toEqual(doc["number"]);
      });
    }
  }
});

describe("WCO DM writer → WCO reader round trip", () => {
  /** What a DEC declaration carries of the canonical export-declaration (one ID per party, no voyage or item quantity). */
  const CARRIED = [
    "number",
    "declarationType",
    "lrn",
    "exportCountry",
    "destinationCountry",
    "invoice",
    "customsOffice",
    "transactionNature",
  ];
  const dir = join(ROOT, "test", "fixtures", "documents", "export-declaration");
  for (const file of readdirSync(dir).filter((f) => f.startsWith("valid"))) {
    it(`export-declaration/${file} comes back`, () => {
      const doc = JSON.parse(readFileSync(join(dir, file), "utf8")) as Obj;
      const run = ingest(
        Buffer.from(
          writeWcoDeclaration({ ...doc, functionCode: "original" } as unknown as CanonicalDocument, {
            responsibleCountry: "CN",
          }),
        ),
      );
      expect(run.problems).toEqual([]);
      const back = run.docs[0]!.canonical as Obj;
      for (const f of CARRIED) expect(back[f], f).toEqual(doc[f]);
      expect(back["ucr"]).toEqual(doc["ucr"]);
      const items = (doc["goodsItems"] as Obj[]).map((g) => ({
        sequence: g["sequence"],
        hsCode: g["hsCode"],
        originCountry: g["originCountry"],
        packages: g["packages"],
      }));
      expect(
        (back["goodsItems"] as Obj[]).map((g) => ({
          sequence: g["sequence"],
          hsCode: g["hsCode"],
          originCountry: g["originCountry"],
          packages: g["packages"],
        })),
      ).toEqual(items);
    });
  }
});
