import type { PartyData } from "../../../../model/canonical.js";
import type { SegmentData } from "../../types.js";
import { PARTY_ID_AGENCIES } from "../codes.js";

/**
 * Segment builders shared by the message writers: each turns a canonical part into the segment
 * (or segment group) the readers read back, so the writers and readers stay mirror images.
 */

type Obj = Record<string, unknown>;

/** A segment from its tag and elements (each a component list); trailing empty values are dropped. */
export function seg(tag: string, ...elements: readonly (readonly (string | undefined)[])[]): SegmentData {
  const els = elements.map((e) => {
    const comps = e.map((c) => c ?? "");
    while (comps.length > 1 && comps[comps.length - 1] === "") comps.pop();
    return comps;
  });
  while (els.length > 0 && els[els.length - 1]!.every((c) => c === "")) els.pop();
  return { tag, elements: els };
}

/** EDIFACT values carry no line breaks (the syntax layer drops them on reading). */
export const clean = (s: string) => s.replace(/[\r\n]+/g, " ").trim();

/**
 * Text cut into at most `count` pieces of at most `size` characters, at spaces where it can: the
 * readers join the pieces of a composite with single spaces, so a text cut at its spaces reads
 * back as it was.
 */
export function pieces(text: string, size: number, count: number): string[] {
  const out: string[] = [];
  let rest = clean(text);
  while (rest.length > 0 && out.length < count) {
    if (rest.length <= size) {
      out.push(rest);
      break;
    }
    const cut = rest.lastIndexOf(" ", size);
    const at = cut > 0 ? cut : size;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  return out;
}

/** Numbers as EDIFACT writes them: no exponent, no needless zeros. */
export function num(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const fixed = n.toFixed(6).replace(/0+$/, "").replace(/\.$/, "");
  return fixed === "-0" ? "0" : fixed;
}

export const dtm = (qualifier: string, date: string) =>
  seg("DTM", [qualifier, date.slice(0, 10).replace(/-/g, ""), "102"]);

export const rff = (qualifier: string, ref: string) => seg("RFF", [qualifier, clean(ref)]);

export const moa = (qualifier: string, amount: number, currency?: string) =>
  seg("MOA", [qualifier, num(amount), currency]);

/** Free text (FTX, 4451 qualifier): up to five 4440 lines of 70. */
export const ftx = (qualifier: string, text: string) => seg("FTX", [qualifier], [], [], pieces(text, 70, 5));

/** A location: UN/LOCODE (3055 = 6, UN/ECE) and name in C517, as LOC+qualifier. */
export function loc(qualifier: string, l: Obj | undefined): SegmentData | undefined {
  if (!l) return undefined;
  const locode = l["locode"] as string | undefined;
  const name = l["name"] as string | undefined;
  if (!locode && !name) return undefined;
  return seg(
    "LOC",
    [qualifier],
    [
      locode,
      locode ? "139" : undefined,
      locode ? "6" : undefined,
      name ? clean(name).slice(0, 70) : undefined,
    ],
  );
}

/** A code as the C517 of a LOC (a customs office, a country). */
export const locCode = (qualifier: string, code: string) => seg("LOC", [qualifier], [code]);

/** MEA+purpose+attribute+unit:value. */
export const mea = (purpose: string, attribute: string, m: { value: number; unit: string }) =>
  seg("MEA", [purpose], [attribute], [m.unit, num(m.value)]);

/**
 * C082 for an identifier: GLN, DUNS, BIC under their agencies; OTHER back under the agency and
 * list it was read from (UNCL3055:<agency>/<list>); the other named schemes (EORI, LEI, USCI…)
 * under 3055 ZZZ (mutually defined) with the scheme as the 1131 code list, as the readers expect.
 */
function c082(i: { scheme: string; value: string; schemeName?: string }, agency: string | undefined) {
  if (agency) return [i.value, undefined, agency];
  const read = /^UNCL3055:([^/]+)(?:\/(.+))?$/.exec(i.schemeName ?? "");
  if (i.scheme === "OTHER") return read ? [i.value, read[2], read[1]] : [i.value];
  return [i.value, i.scheme, "ZZZ"];
}

/**
 * A party as its NAD segment group: C082 its first identifier other than VAT and tax numbers
 * (see c082), C080 the name in up to five pieces of 35, C059 the street lines, city, subdivision,
 * postal code and country; then RFF+VA (VAT) and RFF+FC (tax number), CTA and COM (TE, EM).
 * Further identifiers have no EDIFACT home in a NAD and are not written.
 */
export function nad(qualifier: string, p: PartyData | undefined): SegmentData[] {
  if (!p) return [];
  const ids = (p.identifiers ?? []) as readonly { scheme: string; value: string; schemeName?: string }[];
  const agencyOf = (scheme: string) =>
    Object.entries(PARTY_ID_AGENCIES).find(([, a]) => a.scheme === scheme)?.[0];
  const coded =
    ids.find((i) => agencyOf(i.scheme) !== undefined) ??
    ids.find((i) => i.scheme !== "VAT" && i.scheme !== "TIN");
  const a = p.address as Obj | undefined;
  const lines = ((a?.["lines"] as string[] | undefined) ?? []).slice(0, 4).map((l) => clean(l).slice(0, 35));
  const out: SegmentData[] = [
    seg(
      "NAD",
      [qualifier],
      coded ? c082(coded, agencyOf(coded.scheme)) : [],
      [],
      pieces(p.name, 35, 5),
      a ? lines : [],
      [a ? (a["city"] as string | undefined) : undefined],
      [a ? (a["subdivision"] as string | undefined) : undefined],
      [a ? (a["postalCode"] as string | undefined) : undefined],
      [a ? (a["country"] as string | undefined) : undefined],
    ),
  ];
  for (const i of ids) {
    if (i.scheme === "VAT") out.push(rff("VA", i.value));
    else if (i.scheme === "TIN") out.push(rff("FC", i.value));
  }
  const c = p["contact"] as Obj | undefined;
  if (c?.["name"]) out.push(seg("CTA", ["IC"], [undefined, clean(c["name"] as string).slice(0, 35)]));
  if (c?.["phone"]) out.push(seg("COM", [clean(c["phone"] as string), "TE"]));
  if (c?.["email"]) out.push(seg("COM", [clean(c["email"] as string), "EM"]));
  return out;
}

/** A means of transport as TDT+stage: voyage (8028), mode (8067), C222 id (IMO: 1131 146, 3055 11), name, nationality. */
export function tdt(stage: string, m: Obj | undefined): SegmentData | undefined {
  if (!m) return undefined;
  const imo = m["imoNumber"] as string | undefined;
  const id = imo ?? (m["id"] as string | undefined);
  return seg(
    "TDT",
    [stage],
    [m["voyage"] as string | undefined],
    [m["mode"] as string | undefined],
    [],
    [],
    [],
    [],
    [
      id,
      imo ? "146" : undefined,
      imo ? "11" : undefined,
      m["name"] as string | undefined,
      m["nationality"] as string | undefined,
    ],
  );
}

/** Containers as EQD groups: EQD+CN+id+size type+supplier (1 shipper, 2 carrier), SEL per seal, MEA T and VGM. */
export function eqd(list: readonly Obj[] | undefined): SegmentData[] {
  return (list ?? []).flatMap((e) => {
    const owned = e["shipperOwned"] as boolean | undefined;
    return [
      seg(
        "EQD",
        ["CN"],
        [e["id"] as string],
        [e["sizeType"] as string | undefined],
        [owned === undefined ? undefined : owned ? "1" : "2"],
      ),
      ...((e["seals"] as string[] | undefined) ?? []).map((s) => seg("SEL", [clean(s)])),
      ...(e["tareWeight"] ? [mea("AAE", "T", e["tareWeight"] as { value: number; unit: string })] : []),
      ...(e["verifiedGrossMass"]
        ? [mea("AAE", "VGM", e["verifiedGrossMass"] as { value: number; unit: string })]
        : []),
    ];
  });
}

/** Shipping marks as PCI C210 lines of 35. */
export const pci = (marks: string | undefined) =>
  marks
    ? [
        seg(
          "PCI",
          [],
          marks
            .split("\n")
            .flatMap((l) => pieces(l, 35, 10))
            .slice(0, 10),
        ),
      ]
    : [];

/** Function code → UNCL 1225: 9 original, 5 replace, 1 cancellation. */
export const FUNCTION_CODES: Readonly<Record<string, string>> = {
  original: "9",
  replacement: "5",
  cancellation: "1",
};

export const present = <T>(x: T | undefined): x is T => x !== undefined;
