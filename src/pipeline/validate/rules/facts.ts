import type { DocEntry } from "./types.js";

/** A string field found in a document, with its JSON Pointer. */
export interface Found {
  readonly value: string;
  readonly pointer: string;
}

export interface FoundIdentifier extends Found {
  readonly scheme: string;
}

/**
 * The coded fields of a document, found by one walk over it. Finding them by field name, not by a
 * per-type list of paths, keeps the code-list and identifier rules right for every document type,
 * including types added to the model later: the schemas name these fields the same way everywhere.
 */
export interface DocFacts {
  readonly countries: Found[];
  readonly currencies: Found[];
  readonly units: Found[];
  readonly packageTypes: Found[];
  readonly locodes: Found[];
  readonly hsCodes: Found[];
  readonly identifiers: FoundIdentifier[];
  readonly containers: Found[];
  readonly imoNumbers: Found[];
}

export function factsOf(e: DocEntry): DocFacts {
  if (e.facts) return e.facts;
  const f: DocFacts = {
    countries: [],
    currencies: [],
    units: [],
    packageTypes: [],
    locodes: [],
    hsCodes: [],
    identifiers: [],
    containers: [],
    imoNumbers: [],
  };
  walkObject(e.doc, "", "", f);
  e.facts = f;
  return f;
}

function escape(seg: string): string {
  return seg.includes("~") || seg.includes("/") ? seg.replace(/~/g, "~0").replace(/\//g, "~1") : seg;
}

function walkObject(
  o: { readonly [k: string]: unknown },
  path: string,
  parentKey: string,
  f: DocFacts,
): void {
  for (const key in o) {
    const v = o[key];
    if (typeof v === "string") classify(o, key, v, `${path}/${escape(key)}`, parentKey, f);
    else if (Array.isArray(v)) walkArray(v, `${path}/${escape(key)}`, key, f);
    else if (v !== null && typeof v === "object")
      walkObject(v as Record<string, unknown>, `${path}/${escape(key)}`, key, f);
  }
}

function walkArray(a: readonly unknown[], path: string, key: string, f: DocFacts): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === null || typeof v !== "object") continue;
    const item = v as Record<string, unknown>;
    const p = `${path}/${i}`;
    if (key === "identifiers" && typeof item["scheme"] === "string" && typeof item["value"] === "string") {
      f.identifiers.push({ scheme: item["scheme"], value: item["value"], pointer: `${p}/value` });
      continue;
    }
    walkObject(item, p, key, f);
  }
}

function classify(
  o: { readonly [k: string]: unknown },
  key: string,
  value: string,
  pointer: string,
  parentKey: string,
  f: DocFacts,
): void {
  if (key === "country" || key.endsWith("Country")) f.countries.push({ value, pointer });
  else if (key === "currency" || key.endsWith("Currency")) f.currencies.push({ value, pointer });
  else if (key === "unit") f.units.push({ value, pointer });
  else if (key === "locode") f.locodes.push({ value, pointer });
  else if (key === "hsCode") f.hsCodes.push({ value, pointer });
  // A Rec 21 package type sits beside its count (package and packing-list line alike).
  else if (key === "typeCode" && "count" in o) f.packageTypes.push({ value, pointer });
  else if (key === "id" && parentKey === "equipment") f.containers.push({ value, pointer });
  else if (key === "imo" || key === "imoNumber") f.imoNumbers.push({ value, pointer });
  // The declaration's means of transport carries the IMO number when the border mode is sea (Rec 19 code 1).
  else if (key === "meansId" && o["modeAtBorder"] === "1") f.imoNumbers.push({ value, pointer });
}
