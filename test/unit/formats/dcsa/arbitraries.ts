import fc from "fast-check";
import { code, compact, country, date, quantity, text } from "../edifact-roundtrip/arbitraries.js";

/**
 * Canonical shipping instructions within what the DCSA eBL 3.0 request carries
 * (docs/formats-edifact-dcsa.md, "Round trip"), in the form the DCSA reader gives them back:
 * the shipper is the issuer, totals and negotiability follow from the rest, texts fit DCSA's
 * lines (descriptions and marks in lines of up to 35 characters, ports named in one line), each
 * tax identifier says its country, and every container has its seals.
 */
type Obj = Record<string, unknown>;

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Lines of up to 35 characters, joined by newlines, as DCSA's multi-line texts read back. */
const lines = (count: number) =>
  fc.array(text(35, 4), { minLength: 1, maxLength: count }).map((ls) => ls.join("\n"));

const coded = fc.oneof(
  code(/^[0-9A-Z]{18}[0-9]{2}$/).map((value) => ({ scheme: "LEI", value })),
  code(/^[0-9]{13}$/).map((value) => ({ scheme: "GLN", value })),
  code(/^[0-9]{9}$/).map((value) => ({ scheme: "DUNS", value })),
  code(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/).map((value) => ({ scheme: "BIC", value })),
  fc
    .record({ value: code(/^[A-Z0-9]{3,20}$/), schemeName: fc.constantFrom("SMDG", "NMFTA", "ZZZ") })
    .map((i) => ({ scheme: "OTHER", ...i })),
);

const tax = fc.oneof(
  code(/^[A-Z]{2}[0-9A-Z]{5,15}$/).map((value) => ({
    scheme: "EORI",
    value,
    issuerCountry: value.slice(0, 2),
  })),
  fc
    .record({ value: code(/^[A-Z]{2}[0-9A-Z]{8,12}$/), issuerCountry: country })
    .map((i) => ({ scheme: "VAT", ...i })),
  fc.record({ value: code(/^[0-9]{6,12}$/), issuerCountry: country }).map((i) => ({ scheme: "TIN", ...i })),
);

const contact = fc
  .record({
    name: text(35, 3),
    phone: opt(code(/^\+[0-9]{6,14}$/)),
    email: opt(code(/^[a-z]{1,8}@[a-z]{2,8}\.[a-z]{2,3}$/)),
  })
  .filter((c) => c.phone !== undefined || c.email !== undefined)
  .map(compact);

export const party = fc
  .record({
    name: text(70, 6),
    coded: opt(coded),
    tax: opt(tax),
    address: opt(
      fc.record({
        line: text(70, 5),
        city: text(35, 3),
        postalCode: opt(code(/^[0-9A-Z]{4,9}$/)),
        subdivision: opt(code(/^[A-Z]{2,3}$/)),
        country,
      }),
    ),
    contact: opt(contact),
  })
  .map((p) =>
    compact({
      name: p.name,
      identifiers: [...(p.coded ? [p.coded] : []), ...(p.tax ? [p.tax] : [])],
      address: p.address
        ? compact({
            lines: [p.address.line],
            city: p.address.city,
            postalCode: p.address.postalCode,
            subdivision: p.address.subdivision,
            country: p.address.country,
          })
        : undefined,
      contact: p.contact,
    }),
  );

const container = code(/^[A-Z]{4}[0-9]{7}$/);

/** The containers, with unique ids. Shipper-owned ones are given in full; a carrier's now and then. */
const equipmentList = fc
  .uniqueArray(
    fc.record({
      id: container,
      seals: fc.array(code(/^[A-Z0-9]{4,15}$/), { minLength: 1, maxLength: 2 }),
      shipperOwned: fc.boolean(),
      full: fc.boolean(),
      sizeType: fc.constantFrom("22G1", "45G1", "42R1"),
      tare: fc.integer({ min: 1500, max: 4500 }),
    }),
    { minLength: 1, maxLength: 3, selector: (e) => e.id },
  )
  .map((list) =>
    list.map((e) =>
      compact({
        id: e.id,
        seals: e.seals,
        shipperOwned: e.shipperOwned,
        sizeType: e.shipperOwned || e.full ? e.sizeType : undefined,
        tareWeight: e.shipperOwned || e.full ? { value: e.tare, unit: "KGM" } : undefined,
      }),
    ),
  );

/** A goods item; `container` picks one of the equipment. */
const goodsItem = fc.record({
  description: lines(3),
  hsCode: code(/^[0-9]{6,10}$/),
  count: fc.integer({ min: 1, max: 99_999 }),
  typeCode: fc.constantFrom("CT", "PK", "4G", "BX", "PX"),
  marks: opt(lines(2)),
  weight: quantity,
  volume: opt(quantity),
  container: fc.nat(),
});

const clause = code(/^[A-Z]{3,12}(_[A-Z]{3,12})?$/).filter((c) => !/(^|_)PLACEHOLDER(_|$)/.test(c));

const place = opt(text(35, 4).map((name) => ({ name })));

export const shippingInstruction = fc
  .record({
    number: text(35, 3),
    issuedAt: date,
    shipper: party,
    toOrder: fc.boolean(),
    consignee: opt(party),
    notifyParties: opt(fc.array(party, { minLength: 1, maxLength: 3 })),
    forwarder: opt(party),
    bookingReference: code(/^[A-Z0-9]{6,20}$/),
    freightTerms: fc.constantFrom("prepaid", "collect"),
    freightPayableAt: opt(
      fc
        .constantFrom("CNSHA", "NLRTM", "DEHAM", "BRSSZ")
        .map((locode) => ({ locode, country: locode.slice(0, 2) })),
    ),
    equipment: equipmentList,
    unit: fc.constantFrom("KGM", "LBR"),
    goods: fc.array(goodsItem, { minLength: 1, maxLength: 4 }),
    originals: opt(fc.integer({ min: 0, max: 5 })),
    copies: opt(fc.integer({ min: 0, max: 5 })),
    placeOfReceipt: place,
    portOfLoading: place,
    portOfDischarge: place,
    placeOfDelivery: place,
    transportDocumentType: fc.constantFrom("bill-of-lading", "sea-waybill"),
    requestedClauses: opt(fc.array(clause, { minLength: 1, maxLength: 2 })),
  })
  .map((d): Obj => {
    const goodsItems = d.goods.map((g, i) =>
      compact({
        sequence: i + 1,
        description: g.description,
        hsCode: g.hsCode,
        packages: compact({ count: g.count, typeCode: g.typeCode, marks: g.marks }),
        grossWeight: { value: g.weight, unit: d.unit },
        volume: g.volume === undefined ? undefined : { value: g.volume, unit: "MTQ" },
        equipmentIds: [d.equipment[g.container % d.equipment.length]!.id],
      }),
    );
    const weight = goodsItems.reduce((a, g) => a + g.grossWeight.value, 0);
    return compact({
      type: "shipping-instruction",
      number: d.number,
      issuedAt: d.issuedAt,
      issuer: d.shipper,
      shipper: d.shipper,
      toOrder: d.toOrder,
      consignee: d.toOrder ? undefined : d.consignee,
      orderOf: d.toOrder ? d.consignee : undefined,
      notifyParties: d.notifyParties,
      forwarder: d.forwarder,
      bookingReference: d.bookingReference,
      freightTerms: d.freightTerms,
      freightPayableAt: d.freightPayableAt,
      equipment: d.equipment,
      goodsItems,
      totals: {
        packageCount: goodsItems.reduce((a, g) => a + g.packages.count, 0),
        grossWeight: { value: Math.round(weight * 1000) / 1000, unit: d.unit },
      },
      originals: d.originals,
      copies: d.copies,
      placeOfReceipt: d.placeOfReceipt,
      portOfLoading: d.portOfLoading,
      portOfDischarge: d.portOfDischarge,
      placeOfDelivery: d.placeOfDelivery,
      transportDocumentType: d.transportDocumentType,
      negotiable: d.transportDocumentType === "sea-waybill" ? false : d.toOrder,
      requestedClauses: d.requestedClauses,
    });
  });
