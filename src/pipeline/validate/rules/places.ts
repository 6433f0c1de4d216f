import type { Location } from "./views/common.js";

const NON_ALNUM = /[^A-Z0-9]+/g;

function norm(name: string): string {
  return name.toUpperCase().replace(NON_ALNUM, " ").trim();
}

/**
 * Whether two locations can be told apart. By UN/LOCODE when both have one, else by name; a location
 * given only by code and another only by name cannot be compared, and do not conflict.
 * A credit may name a range ("ANY CHINESE PORT"): then only the country must agree.
 */
export function placesConflict(required: Location, actual: Location): boolean {
  if (required.name !== undefined && norm(required.name).startsWith("ANY ")) {
    const country = required.country;
    const actualCountry = actual.country ?? actual.locode?.slice(0, 2);
    return country !== undefined && actualCountry !== undefined && country !== actualCountry;
  }
  if (required.locode !== undefined && actual.locode !== undefined) return required.locode !== actual.locode;
  if (required.name !== undefined && actual.name !== undefined)
    return norm(required.name) !== norm(actual.name);
  return false;
}

export function showPlace(l: Location): string {
  return l.locode !== undefined && l.name !== undefined
    ? `${l.name} (${l.locode})`
    : (l.locode ?? l.name ?? "?");
}
