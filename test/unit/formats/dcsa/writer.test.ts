import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DraftDocument } from "../../../../src/model/canonical.js";
import {
  DcsaWriteError,
  readDcsa,
  writeDcsaShippingInstructions,
} from "../../../../src/formats/dcsa/index.js";
import { shippingInstruction } from "./arbitraries.js";
import { openApiSchema } from "./helpers.js";

/** canonical → DCSA writer → JSON → DCSA reader gives back the same canonical draft, and DCSA's schema takes the JSON. */
const SEED = 20_260_615;
const RUNS = 300;

const createSI = openApiSchema("EBL_v3.0.0.yaml", "CreateShippingInstructions");
const desk = { name: "Carrier desk", email: "desk@gateway.example" };

type Obj = Record<string, unknown>;

function written(doc: Obj, options = {}) {
  return writeDcsaShippingInstructions(doc as DraftDocument, { contact: desk, ...options });
}

function missingOf(f: () => unknown): readonly string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof DcsaWriteError) return e.missing;
    throw e;
  }
  throw new Error("written");
}

const base = fc.sample(shippingInstruction, { seed: SEED, numRuns: 1 })[0]!;

describe("DCSA eBL 3.0 shipping-instructions writer", () => {
  it(`round trip and DCSA OpenAPI validity: ${RUNS} generated shipping instructions (seed ${SEED})`, () => {
    fc.assert(
      fc.property(shippingInstruction, (doc) => {
        const { value } = written(doc);
        expect(createSI(value), JSON.stringify(createSI.errors?.slice(0, 3))).toBe(true);
        const json: unknown = JSON.parse(JSON.stringify(value));
        const [read] = readDcsa(json, () => doc["issuedAt"] as string);
        expect(read!.draft).toEqual(doc);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("names everything DCSA requires that the instruction lacks", () => {
    const goods = base["goodsItems"] as Obj[];
    const doc: Obj = {
      ...base,
      bookingReference: undefined,
      freightTerms: undefined,
      shipper: { name: "Shipper without contact" },
      goodsItems: [{ ...goods[0], hsCode: "8471", grossWeight: { value: 0, unit: "KGM" }, equipmentIds: [] }],
      equipment: [{ id: "MSKU1234567", seals: [], shipperOwned: true }],
    };
    expect(missingOf(() => writeDcsaShippingInstructions(doc as DraftDocument))).toEqual([
      "bookingReference (DCSA carrierBookingReference)",
      "freightTerms (DCSA freightPaymentTermCode)",
      "a contact with a phone or e-mail (shipper.contact, or the adapter's contact)",
      "/goodsItems/0/hsCode (6 to 10 digits)",
      "/goodsItems/0/equipmentIds (the container the item is in, at most 11 characters)",
      "/goodsItems/0/grossWeight (above zero, in KGM or LBR)",
      "/equipment/0/seals (DCSA requires the seal numbers)",
      "/equipment/0/sizeType and tareWeight (DCSA requires both for shipper-owned equipment)",
    ]);
  });

  it("needs every container a goods item is in among the equipment, with its seals", () => {
    const goods = base["goodsItems"] as Obj[];
    const doc = { ...base, goodsItems: [{ ...goods[0], equipmentIds: ["TGHU0000001"] }] };
    expect(missingOf(() => written(doc))).toEqual([
      "/equipment: container TGHU0000001 of /goodsItems/0, with its seal numbers",
    ]);
  });

  it("wraps long texts into DCSA's lines and says what it cannot send", () => {
    const goods = base["goodsItems"] as Obj[];
    const long = "Stainless steel kitchen sinks, single bowl, brushed finish, with waste fittings";
    const doc = {
      ...base,
      goodsItems: [{ ...goods[0], description: long }],
      portOfLoading: { locode: "CNSHA", name: "Shanghai Yangshan Deep Water Port, Zhejiang" },
      requestedClauses: ["Freight prepaid as arranged"],
      lcNumber: "LC-001",
      notifyParties: [1, 2, 3, 4].map((n) => ({ name: `Notify ${n}` })),
    };
    const { value, warnings } = written(doc);
    expect(createSI(value), JSON.stringify(createSI.errors)).toBe(true);
    const item = (value["consignmentItems"] as Obj[])[0]!;
    expect(item["descriptionOfGoods"]).toEqual([
      "Stainless steel kitchen sinks,",
      "single bowl, brushed finish, with",
      "waste fittings",
    ]);
    expect(value["displayedNameForPortOfLoad"]).toEqual(["Shanghai Yangshan Deep Water Port,", "Zhejiang"]);
    expect(warnings).toEqual([
      'requested clause "Freight prepaid as arranged" is no DCSA carrier clause code: not sent',
      "lcNumber has no field in DCSA shipping instructions: not sent",
      "DCSA takes three notify parties: 1 not sent",
    ]);
  });

  it("carries the carrier code and the ICS2 flag; the reader names the carrier by its code", () => {
    const doc = { ...base, portOfDischarge: { locode: "NLRTM", country: "NL", name: "Rotterdam" } };
    const { value } = written(doc, { carrierCode: "MAEU" });
    expect(value).toMatchObject({
      carrierCode: "MAEU",
      carrierCodeListProvider: "NMFTA",
      isCargoDeliveredInICS2Zone: true,
    });
    const [read] = readDcsa(value);
    expect(read!.draft["carrier"]).toEqual({
      name: "MAEU",
      identifiers: [{ scheme: "OTHER", value: "MAEU", schemeName: "NMFTA" }],
    });
    expect(
      written({ ...doc, portOfDischarge: { locode: "USNYC", country: "US" } }, { carrierCode: "MAEU" }).value,
    ).toMatchObject({ isCargoDeliveredInICS2Zone: false });
  });
});
