import type { PartyData } from "../../../model/canonical.js";
import { qualifier, value } from "../reading.js";
import type { Segment } from "../types.js";
import { codeIn, PARTY_ID_AGENCIES, PARTY_REFERENCES } from "./codes.js";
import { groups } from "./structure.js";
import type { MessageTrace } from "./trace.js";
import { compact } from "./compact.js";

/**
 * What may follow a NAD inside its segment group (INVOIC NAD-LOC-FII-RFF-DTM-DOC-CTA-COM). Messages
 * whose party group holds more (IFTMIN adds MOA) or less (CUSDEC, CUSRES: NAD-CTA-COM) say so.
 */
export const NAD_GROUP: readonly string[] = ["LOC", "FII", "RFF", "DTM", "DOC", "CTA", "COM"];

type Obj = Record<string, unknown>;

export interface Identifier {
  readonly scheme: string;
  readonly value: string;
  readonly schemeName?: string;
}

/** Identifier shapes the canonical schema checks, for schemes named in C082 under 3055 ZZZ (mutually defined). */
const NAMED_SHAPES: Readonly<Record<string, RegExp>> = {
  EORI: /^[A-Z]{2}[0-9A-Z]{1,15}$/,
  LEI: /^[0-9A-Z]{18}[0-9]{2}$/,
  USCI: /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
  "CN-CUSTOMS": /^[0-9A-Z]{10}$/,
  VAT: /./,
  TIN: /./,
};

/**
 * C082 party id with its code list (1131) and agency (3055) → a canonical identifier: GLN, DUNS or
 * BIC by their agencies; under ZZZ (mutually defined) a scheme the list names (EORI, LEI, USCI…),
 * as the gateway's writers put them; otherwise OTHER, naming agency and list.
 */
export function partyIdentifier(
  id: string,
  agency: string | undefined,
  list: string | undefined,
): Identifier {
  const known = codeIn(PARTY_ID_AGENCIES, agency);
  if (known?.shape.test(id)) return { scheme: known.scheme, value: id };
  const named = agency === "ZZZ" ? codeIn(NAMED_SHAPES, list) : undefined;
  if (named?.test(id)) return { scheme: list!, value: id };
  const scheme = agency
    ? `UNCL3055:${agency}${list ? `/${list}` : ""}`
    : list
      ? `UNCL1131:${list}`
      : "unspecified";
  return { scheme: "OTHER", value: id, schemeName: scheme };
}

function contact(group: readonly Segment[], t: MessageTrace, pointer: string): Obj | undefined {
  const cta = group.find((s) => s.tag === "CTA");
  const name = t.text(cta, 1, 1, `${pointer}/name`);
  if (cta) t.mark(cta, 0);
  let phone: string | undefined;
  let email: string | undefined;
  for (const com of group.filter((s) => s.tag === "COM")) {
    const channel = com.elements[0]?.[1];
    if (channel === "TE" && !phone) phone = t.text(com, 0, 0, `${pointer}/phone`)?.slice(0, 50);
    else if (channel === "EM" && !email) email = t.text(com, 0, 0, `${pointer}/email`)?.slice(0, 254);
    else continue;
    t.mark(com, 0, 1);
  }
  const c = compact({ name: name?.slice(0, 140), phone, email });
  return Object.keys(c).length > 0 ? c : undefined;
}

/**
 * A NAD segment group → canonical party: the structured name (C080) or the first line of the
 * unstructured name and address (C058), the structured address when it names a country, the
 * C082 identifier and the group's VAT and tax numbers (RFF+VA, FC), and the first contact.
 * A party named only by an identifier (common with GLNs) gets it as its name, and the report
 * says so.
 */
export function readParty(
  group: readonly Segment[],
  t: MessageTrace,
  pointer: string,
): PartyData | undefined {
  const nad = group[0];
  if (nad?.tag !== "NAD") return undefined;
  t.mark(nad, 0);
  const ids: Identifier[] = [];
  const id = t.text(nad, 1, 0, `${pointer}/identifiers/0/value`);
  if (id) {
    ids.push(partyIdentifier(id.slice(0, 70), t.text(nad, 1, 2), t.text(nad, 1, 1)));
  }
  for (const rff of group.filter((s) => s.tag === "RFF")) {
    const scheme = codeIn(PARTY_REFERENCES, qualifier(rff));
    if (!scheme) continue;
    t.mark(rff, 0);
    const v = t.text(rff, 0, 1, `${pointer}/identifiers/${ids.length}/value`)?.replace(/\s+/g, "");
    if (v) ids.push({ scheme, value: v.slice(0, 70) });
  }

  const structured = t.joined(nad, 3, [0, 1, 2, 3, 4], `${pointer}/name`);
  // C058 is "name and address" in lines: its first line is the name when C080 gives none.
  const lines = [0, 1, 2, 3, 4]
    .map((c) => ({ c, v: value(nad, 2, c)?.trim() }))
    .filter((l): l is { c: number; v: string } => !!l.v);
  const first = structured ? undefined : lines.shift();
  if (first) t.text(nad, 2, first.c, `${pointer}/name`);
  let name = structured ?? first?.v;
  if (!name && ids[0]) {
    name = ids[0].value;
    t.defaulted(
      `${pointer}/name`,
      name,
      "the party has no name (NAD C080/C058); its identifier stands for it",
    );
  }
  if (!name) return undefined;

  const country = value(nad, 8);
  let address: Obj | undefined;
  if (country && /^[A-Z]{2}$/.test(country)) {
    const p = `${pointer}/address`;
    address = compact({
      lines: [
        ...[0, 1, 2, 3].map((c) => t.text(nad, 4, c, `${p}/lines`)),
        ...lines.map((l) => t.text(nad, 2, l.c, `${p}/lines`)),
      ]
        .filter((x): x is string => x !== undefined)
        .map((l) => l.slice(0, 200)),
      city: t.text(nad, 5, 0, `${p}/city`)?.slice(0, 70),
      subdivision: (t.text(nad, 6, 0, `${p}/subdivision`) ?? t.text(nad, 6, 3, `${p}/subdivision`))?.slice(
        0,
        70,
      ),
      postalCode: t.text(nad, 7, 0, `${p}/postalCode`)?.slice(0, 17),
      country: t.text(nad, 8, 0, `${p}/country`),
    });
  }
  return compact({
    name: name.slice(0, 200),
    identifiers: ids,
    address,
    contact: contact(group, t, `${pointer}/contact`),
  }) as PartyData;
}

/** The NAD groups of a level, by party qualifier (3035), first occurrence of each. */
export function partyGroups(
  segments: readonly Segment[],
  members: readonly string[] = NAD_GROUP,
): Map<string, Segment[]> {
  const out = new Map<string, Segment[]>();
  for (const g of groups(segments, "NAD", members)) {
    const q = qualifier(g[0]!);
    if (q && !out.has(q)) out.set(q, g);
  }
  return out;
}

/** The first party present among the qualifiers, in order of preference, read into `pointer`. */
export function partyOf(
  parties: ReadonlyMap<string, readonly Segment[]>,
  qualifiers: readonly string[],
  t: MessageTrace,
  pointer: string,
): PartyData | undefined {
  for (const q of qualifiers) {
    const g = parties.get(q);
    if (g) return readParty(g, t, pointer);
  }
  return undefined;
}
