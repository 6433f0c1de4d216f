import { qualifier } from "../reading.js";
import type { Segment } from "../types.js";
import type { MessageTrace } from "./trace.js";

const LOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;
/** 3055 agencies whose location codes are not UN/LOCODEs even when they look like one. */
const NOT_LOCODE_AGENCIES = new Set(["9", "ZZZ", "16", "91", "92"]);

export interface Location {
  readonly locode?: string;
  readonly name?: string;
  readonly country?: string;
}

/** LOC C517 → canonical location: a UN/LOCODE (with its country) and the place name (3224). */
export function readLocation(
  loc: Segment | undefined,
  t: MessageTrace,
  pointer: string,
): Location | undefined {
  if (!loc) return undefined;
  const id = loc.elements[1]?.[0]?.trim();
  const agency = loc.elements[1]?.[2];
  const isLocode = !!id && LOCODE.test(id) && !(agency && NOT_LOCODE_AGENCIES.has(agency));
  const locode = isLocode ? t.text(loc, 1, 0, `${pointer}/locode`) : undefined;
  if (isLocode) {
    t.mark(loc, 1, 1);
    t.mark(loc, 1, 2);
  }
  const name = t
    .text(loc, 1, 3, `${pointer}/name`)
    ?.replace(/[\s,]+$/, "")
    .slice(0, 140);
  if (!locode && !name) return undefined;
  t.mark(loc, 0);
  return { ...(locode ? { locode, country: locode.slice(0, 2) } : {}), ...(name ? { name } : {}) };
}

/** The LOC with one of the 3227 qualifiers, read as a location. */
export function locationOf(
  segments: readonly Segment[],
  qualifiers: readonly string[],
  t: MessageTrace,
  pointer: string,
): Location | undefined {
  for (const q of qualifiers) {
    const loc = segments.find((s) => s.tag === "LOC" && qualifier(s) === q);
    const read = readLocation(loc, t, pointer);
    if (read) return read;
  }
  return undefined;
}

/** A country named by a LOC (27 origin, 28 destination, 35 exportation): C517 3225 as ISO 3166 code. */
export function countryOf(
  segments: readonly Segment[],
  qualifiers: readonly string[],
  t: MessageTrace,
  pointer: string,
): string | undefined {
  for (const q of qualifiers) {
    const loc = segments.find((s) => s.tag === "LOC" && qualifier(s) === q);
    const code = loc?.elements[1]?.[0]?.trim();
    if (!loc || !code || !COUNTRY.test(code)) continue;
    t.mark(loc, 0);
    t.mark(loc, 1, 1);
    t.mark(loc, 1, 2);
    return t.text(loc, 1, 0, pointer);
  }
  return undefined;
}

/** A LOC's C517 code as given (a customs office code such as GB000060 is no UN/LOCODE). */
export function locationId(
  segments: readonly Segment[],
  qualifiers: readonly string[],
  t: MessageTrace,
  pointer: string,
  max: number,
): string | undefined {
  for (const q of qualifiers) {
    const loc = segments.find((s) => s.tag === "LOC" && qualifier(s) === q);
    const id = loc?.elements[1]?.[0]?.trim();
    if (!loc || !id || id.length > max) continue;
    t.mark(loc, 0);
    t.mark(loc, 1, 1);
    t.mark(loc, 1, 2);
    return t.text(loc, 1, 0, pointer);
  }
  return undefined;
}
