import type { PartyData } from "../../model/canonical.js";
import { at, join, type JsonTrace } from "./trace.js";

type Obj = Record<string, unknown>;

export const compact = <T extends Obj>(o: T): T =>
  Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) =>
        v !== undefined &&
        !(Array.isArray(v) && v.length === 0) &&
        !(typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0),
    ),
  ) as T;

/** The entry a code names in a table, own entries only ("constructor" names nothing). */
export function codeIn<T>(table: Readonly<Record<string, T>>, code: unknown): T | undefined {
  return typeof code === "string" && Object.hasOwn(table, code) ? table[code] : undefined;
}

/** DCSA identifying codes (codeListProvider / codeListName) → canonical identifier schemes, with their shapes. */
const CODE_LISTS: readonly { readonly match: RegExp; readonly scheme: string; readonly shape: RegExp }[] = [
  { match: /^(GLEIF|LEI)$/i, scheme: "LEI", shape: /^[0-9A-Z]{18}[0-9]{2}$/ },
  { match: /^(GS1|GLN)$/i, scheme: "GLN", shape: /^[0-9]{13}$/ },
  { match: /^(DNB|DUNS)$/i, scheme: "DUNS", shape: /^[0-9]{9}$/ },
  { match: /^(SWIFT|BIC)$/i, scheme: "BIC", shape: /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/ },
  { match: /^EORI$/i, scheme: "EORI", shape: /^[A-Z]{2}[0-9A-Z]{1,15}$/ },
];

/** DCSA taxLegalReferences types → schemes (EORI and VAT numbers; other tax ids as TIN). */
const TAX_TYPES: Readonly<Record<string, { scheme: string; shape?: RegExp }>> = {
  EORI: { scheme: "EORI", shape: /^[A-Z]{2}[0-9A-Z]{1,15}$/ },
  VAT: { scheme: "VAT" },
  USCI: { scheme: "USCI", shape: /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/ },
};

function identifiers(t: JsonTrace, src: string, pointer: string): Obj[] {
  const out: Obj[] = [];
  for (const i of t.indexes(join(src, "identifyingCodes"))) {
    const s = join(src, "identifyingCodes", i);
    const value = t.str(join(s, "partyCode"), `${pointer}/identifiers/${out.length}/value`, 70);
    if (!value) continue;
    const provider = t.str(join(s, "codeListProvider"));
    const name = t.str(join(s, "codeListName"));
    const known = CODE_LISTS.find((c) => c.match.test(name ?? "") || c.match.test(provider ?? ""));
    out.push(
      known?.shape.test(value)
        ? { scheme: known.scheme, value }
        : {
            scheme: "OTHER",
            value,
            schemeName: [provider, name].filter(Boolean).join(" ").slice(0, 70) || "unspecified",
          },
    );
  }
  for (const i of t.indexes(join(src, "taxLegalReferences"))) {
    const s = join(src, "taxLegalReferences", i);
    const value = t.str(join(s, "value"), `${pointer}/identifiers/${out.length}/value`, 70);
    if (!value) continue;
    const type = t.str(join(s, "type")) ?? "";
    const country = t.str(join(s, "countryCode"));
    const known = codeIn(TAX_TYPES, type.toUpperCase());
    out.push(
      compact({
        scheme: known && (!known.shape || known.shape.test(value)) ? known.scheme : "TIN",
        value,
        issuerCountry: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
      }),
    );
  }
  return out;
}

function address(t: JsonTrace, src: string, pointer: string): Obj | undefined {
  const country = at(t.root, join(src, "countryCode"));
  if (typeof country !== "string" || !/^[A-Z]{2}$/.test(country)) return undefined;
  const street = [t.str(join(src, "street")), t.str(join(src, "streetNumber"))].filter(Boolean).join(" ");
  if (street) t.trace.from(`${pointer}/lines`, join(src, "street"));
  return compact({
    lines: [
      street,
      t.str(join(src, "floor"), `${pointer}/lines`),
      t.str(join(src, "POBox"), `${pointer}/lines`),
    ].filter((x): x is string => !!x),
    city: t.str(join(src, "city"), `${pointer}/city`, 70),
    postalCode: t.str(join(src, "postCode"), `${pointer}/postalCode`, 17),
    subdivision: t.str(join(src, "stateRegion"), `${pointer}/subdivision`, 70),
    country: t.str(join(src, "countryCode"), `${pointer}/country`),
  });
}

/** A DCSA party (partyName, address, identifyingCodes, taxLegalReferences, partyContactDetails) → canonical party. */
export function party(t: JsonTrace, src: string, pointer: string): PartyData | undefined {
  const name = t.str(join(src, "partyName"), `${pointer}/name`, 200);
  if (!name) return undefined;
  const c = join(src, "partyContactDetails", 0);
  const out: Obj = compact({
    name,
    identifiers: identifiers(t, src, pointer),
    address: address(t, join(src, "address"), `${pointer}/address`),
    contact: compact({
      name: t.str(join(c, "name"), `${pointer}/contact/name`, 140),
      phone: t.str(join(c, "phone"), `${pointer}/contact/phone`, 50),
      email: t.str(join(c, "email"), `${pointer}/contact/email`, 254),
    }),
  });
  return out as PartyData;
}

/** The carrier named by its SCAC or SMDG code, when no party names it. */
export function carrierByCode(t: JsonTrace, pointer: string): PartyData | undefined {
  const code = t.str("/carrierCode", `${pointer}/name`, 4);
  if (!code) return undefined;
  const list = t.str("/carrierCodeListProvider") ?? "unspecified";
  t.defaulted(`${pointer}/name`, code, "the carrier is named by its carrier code only");
  const carrier: Obj = { name: code, identifiers: [{ scheme: "OTHER", value: code, schemeName: list }] };
  return carrier as PartyData;
}

/** A DCSA location (UNLocationCode, locationName, city/address country) → canonical location. */
export function location(t: JsonTrace, src: string, pointer: string): Obj | undefined {
  const raw = at(t.root, join(src, "UNLocationCode"));
  const locode =
    typeof raw === "string" && /^[A-Z]{2}[A-Z2-9]{3}$/.test(raw)
      ? t.str(join(src, "UNLocationCode"), `${pointer}/locode`)
      : undefined;
  const name = t.str(join(src, "locationName"), `${pointer}/name`, 140);
  const countrySrc = [join(src, "city", "countryCode"), join(src, "address", "countryCode")].find((p) => {
    const c = at(t.root, p);
    return typeof c === "string" && /^[A-Z]{2}$/.test(c);
  });
  const country = locode
    ? locode.slice(0, 2)
    : countrySrc
      ? t.str(countrySrc, `${pointer}/country`)
      : undefined;
  if (!locode && !name) return undefined;
  return compact({ locode, name, country });
}

/** displayedNameFor… lines → a location by name, the only way a DCSA shipping instruction names its ports. */
export function displayedLocation(t: JsonTrace, src: string, pointer: string): Obj | undefined {
  const lines = t
    .indexes(src)
    .map((i) => t.str(join(src, i), pointer, 140))
    .filter((x): x is string => x !== undefined);
  return lines.length > 0 ? { name: lines.join(", ").slice(0, 140) } : undefined;
}

const MASS = new Set(["KGM", "LBR"]);

/** consignmentItems → goods items: description lines, first HS code, packages, weights and volumes summed over the cargo items. */
export function goodsItems(t: JsonTrace, src: string): Obj[] {
  return t.indexes(src).map((i) => {
    const s = join(src, i);
    const p = `/goodsItems/${i}`;
    const d = at(t.root, join(s, "descriptionOfGoods"));
    const description = Array.isArray(d)
      ? t
          .indexes(join(s, "descriptionOfGoods"))
          .map((k) => t.str(join(s, "descriptionOfGoods", k), `${p}/description`))
          .filter(Boolean)
          .join("\n")
      : t.str(join(s, "descriptionOfGoods"), `${p}/description`);
    const hsRaw = at(t.root, join(s, "HSCodes", 0));
    const hs = typeof hsRaw === "string" && /^[0-9]+$/.test(hsRaw.replace(/[.\s]/g, "")) ? hsRaw : undefined;
    if (hs) t.str(join(s, "HSCodes", 0), `${p}/hsCode`);
    let count = 0;
    let type: string | undefined;
    let mixed = false;
    let weight = 0;
    let weightUnit: string | undefined;
    let volume = 0;
    const equipment = new Set<string>();
    for (const k of t.indexes(join(s, "cargoItems"))) {
      const c = join(s, "cargoItems", k);
      const n = t.num(join(c, "outerPackaging", "numberOfPackages"), `${p}/packages/count`);
      if (n !== undefined) count += n;
      const code = t.str(join(c, "outerPackaging", "packageCode"), `${p}/packages/typeCode`);
      if (code && type && code !== type) mixed = true;
      type ??= code;
      const unit = at(t.root, join(c, "cargoGrossWeight", "unit"));
      const w =
        typeof unit === "string" && MASS.has(unit) && (weightUnit === undefined || unit === weightUnit)
          ? t.num(join(c, "cargoGrossWeight", "value"), `${p}/grossWeight/value`)
          : undefined;
      if (w !== undefined) {
        weight += w;
        weightUnit = t.str(join(c, "cargoGrossWeight", "unit"), `${p}/grossWeight/unit`);
      }
      if (at(t.root, join(c, "cargoGrossVolume", "unit")) === "MTQ") {
        volume += t.num(join(c, "cargoGrossVolume", "value"), `${p}/volume/value`) ?? 0;
        t.str(join(c, "cargoGrossVolume", "unit"));
      }
      const eq = t.str(join(c, "equipmentReference"), `${p}/equipmentIds`, 17);
      if (eq) equipment.add(eq);
    }
    const marks = t
      .indexes(join(s, "shippingMarks"))
      .map((k) => t.str(join(s, "shippingMarks", k), `${p}/packages/marks`))
      .filter(Boolean)
      .join("\n");
    // DCSA requires only a count and a description of the outer packaging; the canonical item a
    // Recommendation 21 code, so an uncoded one becomes "PK" (package), the description kept in the reason.
    if (count > 0 && !type) {
      type = "PK";
      const said = t.str(join(s, "cargoItems", 0, "outerPackaging", "description"), undefined, 100);
      t.defaulted(
        `${p}/packages/typeCode`,
        type,
        `no Recommendation 21 package code${said ? ` for "${said}"` : ""}: PK (package)`,
      );
    }
    if (mixed)
      t.warn(
        "cargo items in different package types: the first one's type stands for the item",
        join(s, "cargoItems"),
      );
    return compact({
      sequence: i + 1,
      description: description?.slice(0, 4000),
      hsCode: hs?.replace(/[.\s]/g, ""),
      packages:
        count > 0 && type && /^[0-9A-Z]{2}$/.test(type)
          ? compact({ count, typeCode: type, marks: marks.slice(0, 512) || undefined })
          : undefined,
      grossWeight: weightUnit ? { value: weight, unit: weightUnit } : undefined,
      volume: volume > 0 ? { value: volume, unit: "MTQ" } : undefined,
      equipmentIds: [...equipment],
    });
  });
}

/** utilizedTransportEquipments → equipment (the TD nests the container in `equipment`; the SI may not). */
export function equipment(t: JsonTrace, src: string): Obj[] {
  const out: Obj[] = [];
  for (const i of t.indexes(src)) {
    const s = join(src, i);
    const e = at(t.root, join(s, "equipment")) !== undefined ? join(s, "equipment") : s;
    const p = `/equipment/${out.length}`;
    const id = t.str(join(e, "equipmentReference"), `${p}/id`, 17);
    if (!id) continue;
    const iso = at(t.root, join(e, "ISOEquipmentCode"));
    const tareUnit = at(t.root, join(e, "tareWeight", "unit"));
    out.push(
      compact({
        id,
        sizeType:
          typeof iso === "string" && /^[0-9A-Z]{4}$/.test(iso)
            ? t.str(join(e, "ISOEquipmentCode"), `${p}/sizeType`)
            : undefined,
        seals: t
          .indexes(join(s, "seals"))
          .map((k) => t.str(join(s, "seals", k, "number"), `${p}/seals`))
          .filter((x): x is string => x !== undefined),
        shipperOwned: t.bool(join(s, "isShipperOwned"), `${p}/shipperOwned`),
        tareWeight:
          typeof tareUnit === "string" && MASS.has(tareUnit)
            ? compact({
                value: t.num(join(e, "tareWeight", "value"), `${p}/tareWeight/value`),
                unit: t.str(join(e, "tareWeight", "unit")),
              })
            : undefined,
      }),
    );
  }
  return out;
}

/** Package count and gross weight over the goods items, when every item states them in one unit. */
export function totals(items: readonly Obj[]): Obj {
  const packages = items.map((g) => (g["packages"] as { count?: number } | undefined)?.count);
  const weights = items.map((g) => g["grossWeight"] as { value: number; unit: string } | undefined);
  const unit = weights[0]?.unit;
  return compact({
    packageCount:
      packages.every((n) => n !== undefined) && packages.length > 0
        ? packages.reduce((a, b) => a + b, 0)
        : undefined,
    grossWeight:
      unit && weights.every((w) => w?.unit === unit)
        ? { value: Math.round(weights.reduce((a, w) => a + w!.value, 0) * 1000) / 1000, unit }
        : undefined,
  });
}

/** DCSA freightPaymentTermCode. */
export const FREIGHT_TERMS: Readonly<Record<string, "prepaid" | "collect">> = {
  PRE: "prepaid",
  COL: "collect",
};
