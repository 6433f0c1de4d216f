import fc from "fast-check";

/**
 * Canonical drafts within what each EDIFACT writer carries (docs/formats-edifact-dcsa.md,
 * "Round trip"): texts in words of up to 12 characters (so a text cut at its spaces into
 * 35- or 70-character components reads back whole), with every EDIFACT service character among
 * them and, now and then, characters beyond Latin-1 (written as UNOW, UTF-8).
 */
type Obj = Record<string, unknown>;

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Drops undefined fields and empty lists, as the readers leave them out. */
export function compact<T extends Obj>(o: T): T {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

const inner = fc.constantFrom(
  ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.&()/'+:?*-".split(""),
  "é",
  "中",
  "Ж",
);
const edge = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".split(""));
/** A word: first and last character alphanumeric (readers trim, and drop trailing commas of place names). */
export const word = fc
  .tuple(edge, fc.array(inner, { maxLength: 10 }), edge)
  .map(([a, mid, z]) => a + mid.join("") + z)
  .filter((w) => w.length <= 12);

/** Words joined by single spaces, at most `max` characters. */
export const text = (max: number, words = 6) =>
  fc.array(word, { minLength: 1, maxLength: words }).map((ws) => {
    let out = ws[0]!;
    for (const w of ws.slice(1)) if (out.length + 1 + w.length <= max) out += ` ${w}`;
    return out.slice(0, max);
  });

export const code = (re: RegExp) => fc.stringMatching(re);
export const country = fc.constantFrom("CN", "NL", "DE", "US", "GB", "FR", "SG", "BR");
export const currency = fc.constantFrom("EUR", "USD", "CNY", "GBP");
export const unit = fc.constantFrom("C62", "KGM", "MTR", "LTR", "SET");
export const date = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
export const amount = fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100);
export const signedAmount = fc.integer({ min: -1_000_000, max: 10_000_000 }).map((c) => c / 100);
export const quantity = fc.integer({ min: 1, max: 10_000_000 }).map((m) => m / 1000);
export const rate = fc.constantFrom(0, 5, 7.5, 10, 16, 19, 20, 25);
export const weight = fc.record({ value: quantity, unit: fc.constant("KGM") });
export const volume = fc.record({ value: quantity, unit: fc.constant("MTQ") });

export const location = fc
  .record({
    locode: opt(fc.constantFrom("CNSHA", "NLRTM", "DEHAM", "USNYC", "SGSIN", "BRSSZ")),
    name: opt(text(70, 4)),
  })
  .filter((l) => l.locode !== undefined || l.name !== undefined)
  .map((l) => compact({ ...l, country: l.locode?.slice(0, 2) }));

const identifier = fc.oneof(
  code(/^[0-9]{13}$/).map((value) => ({ scheme: "GLN", value })),
  code(/^[0-9]{9}$/).map((value) => ({ scheme: "DUNS", value })),
  code(/^[A-Z]{2}[0-9A-Z]{5,15}$/).map((value) => ({ scheme: "EORI", value })),
  code(/^[0-9A-Z]{18}[0-9]{2}$/).map((value) => ({ scheme: "LEI", value })),
  code(/^[0-9A-Z]{10}$/).map((value) => ({ scheme: "CN-CUSTOMS", value })),
);

export const party = fc
  .record({
    name: text(35, 4),
    coded: opt(identifier),
    vat: opt(code(/^[A-Z]{2}[0-9A-Z]{8,12}$/)),
    tin: opt(code(/^[0-9]{6,12}$/)),
    address: opt(
      fc.record({
        lines: opt(fc.array(text(35, 4), { minLength: 1, maxLength: 4 })),
        city: opt(text(35, 3)),
        postalCode: opt(code(/^[0-9A-Z]{4,9}$/)),
        subdivision: opt(code(/^[A-Z]{2,3}$/)),
        country,
      }),
    ),
    contact: opt(
      fc
        .record({
          name: opt(text(35, 3)),
          phone: opt(code(/^\+[0-9]{6,14}$/)),
          email: opt(code(/^[a-z]{1,8}@[a-z]{2,8}\.[a-z]{2,3}$/)),
        })
        .filter((c) => c.name !== undefined || c.phone !== undefined || c.email !== undefined),
    ),
  })
  .map((p) =>
    compact({
      name: p.name,
      identifiers: [
        ...(p.coded ? [p.coded] : []),
        ...(p.vat ? [{ scheme: "VAT", value: p.vat }] : []),
        ...(p.tin ? [{ scheme: "TIN", value: p.tin }] : []),
      ],
      address: p.address ? compact(p.address) : undefined,
      contact: p.contact ? compact(p.contact) : undefined,
    }),
  );

const functionCode = fc.constantFrom("original", "replacement", "cancellation");
const notes = opt(fc.array(text(250, 30), { minLength: 1, maxLength: 2 }));

const allowanceCharge = (allowance: boolean) =>
  fc
    .record({
      amount,
      baseAmount: opt(amount),
      percent: opt(rate),
      reason: opt(text(46, 5)),
      reasonCode: opt(allowance ? code(/^[0-9]{2,3}$/) : code(/^[A-Z]{2,3}$/)),
      taxCategory: opt(fc.constantFrom("S", "Z", "E", "AE")),
      taxRate: opt(rate),
    })
    .map(compact);

const line = fc
  .record({
    lineId: code(/^[0-9]{1,6}$/),
    description: text(46, 6),
    sellerItemId: opt(code(/^[A-Z0-9-]{1,20}$/)),
    hsCode: opt(code(/^[0-9]{6,10}$/)),
    originCountry: opt(country),
    quantity: fc.record({ value: quantity, unit }),
    unitPrice: opt(amount),
    priceBaseQuantity: opt(fc.constantFrom(1, 10, 100)),
    allowances: opt(fc.array(allowanceCharge(true), { minLength: 1, maxLength: 2 })),
    charges: opt(fc.array(allowanceCharge(false), { minLength: 1, maxLength: 2 })),
    lineAmount: signedAmount,
    taxCategory: opt(fc.constantFrom("S", "Z", "E")),
    taxRate: opt(rate),
    netWeight: opt(weight),
    grossWeight: opt(weight),
  })
  .map((l) =>
    compact({ ...l, priceBaseQuantity: l.unitPrice === undefined ? undefined : l.priceBaseQuantity }),
  );

export const invoice = fc
  .record({
    number: text(35, 2),
    issuedAt: date,
    functionCode,
    invoiceTypeCode: fc.constantFrom("380", "381", "383", "386"),
    seller: party,
    buyer: party,
    consignee: opt(party),
    exporter: opt(party),
    ucr: opt(code(/^[0-9A-Z-]{5,35}$/)),
    currency,
    dueDate: opt(date),
    deliveryDate: opt(date),
    paymentTerms: opt(text(250, 30)),
    orderReference: opt(text(35, 2)),
    lcNumber: opt(code(/^[A-Z0-9-]{4,35}$/)),
    incoterms: opt(
      fc.record({ code: fc.constantFrom("FOB", "CIF", "EXW", "DAP"), place: opt(location) }).map(compact),
    ),
    portOfLoading: opt(location),
    portOfDischarge: opt(location),
    paymentMeansCode: opt(fc.constantFrom("30", "31", "58", "1")),
    precedingInvoices: opt(
      fc.array(
        code(/^[A-Z0-9-]{3,20}$/).map((number) => ({ number })),
        { minLength: 1, maxLength: 2 },
      ),
    ),
    lines: fc.array(line, { minLength: 1, maxLength: 3 }),
    allowances: opt(fc.array(allowanceCharge(true), { minLength: 1, maxLength: 2 })),
    charges: opt(fc.array(allowanceCharge(false), { minLength: 1, maxLength: 2 })),
    taxes: opt(
      fc.array(
        fc
          .record({
            category: fc.constantFrom("S", "Z", "E"),
            rate: opt(rate),
            taxableAmount: amount,
            taxAmount: amount,
          })
          .map(compact),
        { minLength: 1, maxLength: 2 },
      ),
    ),
    totals: fc
      .record({
        lineTotal: signedAmount,
        allowanceTotal: opt(amount),
        chargeTotal: opt(amount),
        taxExclusive: signedAmount,
        taxTotal: opt(amount),
        taxInclusive: opt(signedAmount),
        prepaid: opt(amount),
        payable: signedAmount,
      })
      .map(compact),
    notes,
  })
  .map((d) =>
    compact({
      type: "commercial-invoice",
      ...d,
      issuer: d.seller,
      lines: d.lines.map((l, i) => ({ sequence: i + 1, ...l })),
    }),
  );

const container = code(/^[A-Z]{4}[0-9]{7}$/);
const equipment = fc
  .record({
    id: container,
    sizeType: opt(fc.constantFrom("22G1", "42G1", "45G1", "45R1")),
    seals: opt(fc.array(code(/^[A-Z0-9]{4,15}$/), { minLength: 1, maxLength: 2 })),
    shipperOwned: opt(fc.boolean()),
    tareWeight: opt(weight),
    verifiedGrossMass: opt(weight),
  })
  .map(compact);

const means = fc
  .record({
    mode: fc.constantFrom("1", "2", "3", "4", "8", "9"),
    name: opt(text(35, 3)),
    imo: opt(fc.boolean()),
    id: opt(code(/^[0-9]{7}$/)),
    voyage: opt(code(/^[A-Z0-9]{2,10}$/)),
    nationality: opt(country),
  })
  .map(({ imo, id, ...m }) => compact({ ...m, ...(id ? (imo ? { imoNumber: id } : { id }) : {}) }));

const packages = fc
  .record({
    count: fc.integer({ min: 1, max: 99_999 }),
    typeCode: fc.constantFrom("CT", "PX", "BG", "CS", "DR"),
    marks: opt(fc.array(text(35, 3), { minLength: 1, maxLength: 3 }).map((ls) => ls.join("\n"))),
  })
  .map(compact);

export const shippingInstruction = fc
  .record({
    number: text(35, 2),
    issuedAt: date,
    functionCode,
    ucr: opt(code(/^[0-9A-Z-]{5,35}$/)),
    shipper: party,
    consignee: party,
    toOrder: fc.boolean(),
    orderOf: opt(text(100, 10).map((name) => ({ name }))),
    notifyParties: opt(fc.array(party, { minLength: 1, maxLength: 3 })),
    carrier: opt(party),
    forwarder: opt(party),
    bookingReference: opt(code(/^[A-Z0-9]{6,20}$/)),
    placeOfReceipt: opt(location),
    portOfLoading: location,
    portOfDischarge: location,
    placeOfDelivery: opt(location),
    transhipmentPorts: opt(fc.array(location, { minLength: 1, maxLength: 2 })),
    vessel: opt(means),
    preCarriage: opt(means),
    freightTerms: opt(fc.constantFrom("prepaid", "collect")),
    freightPayableAt: opt(location),
    equipment: opt(fc.array(equipment, { minLength: 1, maxLength: 2 })),
    goodsItems: fc.array(
      fc
        .record({
          description: text(200, 20),
          hsCode: opt(code(/^[0-9]{6,10}$/)),
          packages,
          grossWeight: opt(weight),
          netWeight: opt(weight),
          volume: opt(volume),
          equipmentIds: opt(fc.array(container, { minLength: 1, maxLength: 2 })),
        })
        .map(compact),
      { minLength: 1, maxLength: 3 },
    ),
    packageCount: opt(fc.integer({ min: 0, max: 99_999 })),
    lcNumber: opt(code(/^[A-Z0-9-]{4,35}$/)),
    invoiceNumbers: opt(fc.array(code(/^[A-Z0-9-]{3,20}$/), { minLength: 1, maxLength: 2 })),
    exportReferences: opt(fc.array(code(/^[A-Z0-9]{10,18}$/), { minLength: 1, maxLength: 2 })),
    transportDocumentType: fc.constantFrom("bill-of-lading", "sea-waybill"),
    originals: opt(fc.integer({ min: 0, max: 3 })),
    copies: opt(fc.integer({ min: 0, max: 6 })),
    requestedClauses: opt(fc.array(text(200, 10), { minLength: 1, maxLength: 2 })),
    notes,
  })
  .map(({ toOrder, orderOf, consignee, packageCount, freightPayableAt, ...d }) => {
    const order = toOrder && d.transportDocumentType === "bill-of-lading";
    return compact({
      type: "shipping-instruction",
      ...d,
      issuer: d.shipper,
      consignee: order ? undefined : consignee,
      toOrder: order ? true : undefined,
      orderOf: order ? orderOf : undefined,
      negotiable: order ? true : undefined,
      freightPayableAt: d.freightTerms ? freightPayableAt : undefined,
      totals: packageCount === undefined ? undefined : { packageCount },
      goodsItems: d.goodsItems.map((g, i) => ({ sequence: i + 1, ...g })),
    });
  });

export const exportDeclaration = fc
  .record({
    number: code(/^[A-Z0-9-]{4,35}$/),
    ownLrn: fc.boolean(),
    lrn: code(/^[A-Z0-9-]{4,35}$/),
    issuedAt: date,
    functionCode,
    ucr: opt(code(/^[0-9A-Z-]{5,35}$/)),
    declarationType: fc.constantFrom("EX", "EXA", "EXD", "EUA", "COA"),
    mrn: opt(code(/^[0-9]{2}[A-Z]{2}[0-9A-Z]{14}$/)),
    customsOffice: opt(code(/^[A-Z]{2}[0-9]{4,6}$/)),
    exporter: party,
    declarant: party,
    consignee: opt(party),
    carrier: opt(party),
    exportCountry: country,
    destinationCountry: country,
    incoterms: opt(
      fc.record({ code: fc.constantFrom("FOB", "CIF", "EXW", "DAP"), place: opt(location) }).map(compact),
    ),
    invoice: fc.record({ number: opt(code(/^[A-Z0-9-]{3,20}$/)), currency, amount }).map(compact),
    border: opt(means),
    loadingLocation: opt(location),
    exitOffice: opt(code(/^[A-Z]{2}[0-9]{4,6}$/)),
    equipment: opt(fc.array(equipment, { minLength: 1, maxLength: 2 })),
    goodsItems: fc.array(
      fc
        .record({
          description: text(200, 20),
          hsCode: code(/^[0-9]{6,10}$/),
          originCountry: opt(country),
          packages: opt(packages),
          grossWeight: opt(weight),
          netWeight: opt(weight),
          volume: opt(volume),
          value: opt(amount),
          statisticalValue: opt(amount),
          equipmentIds: opt(fc.array(container, { minLength: 1, maxLength: 2 })),
          procedure: opt(code(/^[0-9]{4}$/)),
          additionalDocuments: opt(
            fc.array(fc.record({ typeCode: code(/^[A-Z0-9]{3,4}$/), number: code(/^[A-Z0-9-]{3,20}$/) }), {
              minLength: 1,
              maxLength: 2,
            }),
          ),
        })
        .map(compact),
      { minLength: 1, maxLength: 3 },
    ),
    goodsLocation: opt(location),
    packageCount: opt(fc.integer({ min: 0, max: 99_999 })),
    grossWeight: opt(weight),
    notes,
  })
  .map(
    ({ ownLrn, lrn, border, loadingLocation, exitOffice, equipment: eq, packageCount, grossWeight, ...d }) =>
      compact({
        type: "export-declaration",
        ...d,
        lrn: ownLrn ? d.number : lrn,
        issuer: d.declarant,
        transport: (() => {
          const m = border as Record<string, string | undefined> | undefined;
          const t = compact({
            modeAtBorder: m?.["mode"],
            meansName: m?.["name"],
            meansId: m?.["imoNumber"] ?? m?.["id"],
            voyage: m?.["voyage"],
            nationality: m?.["nationality"],
            loadingLocation,
            exitOffice,
            equipment: eq,
          });
          return Object.keys(t).length > 0 ? t : undefined;
        })(),
        totals:
          packageCount === undefined && grossWeight === undefined
            ? undefined
            : compact({ packageCount, grossWeight }),
        goodsItems: d.goodsItems.map((g, i) => ({ sequence: i + 1, ...g })),
      }),
  );
