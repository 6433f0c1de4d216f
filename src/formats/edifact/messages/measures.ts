import type { Segment } from "../types.js";
import { codeIn, GROSS_VOLUME, GROSS_WEIGHT, MASS_UNITS, NET_WEIGHT, PACKAGE_TYPE_ALIASES } from "./codes.js";
import type { MessageTrace } from "./trace.js";

export interface Measure {
  readonly value: number;
  readonly unit: string;
}

const UNIT = /^[A-Z0-9]{2,3}$/;

/** MEA → { value, unit } when its 6313 attribute is in `attributes` (a weight needs a Rec 20 mass unit). */
export function measure(
  segments: readonly Segment[],
  attributes: ReadonlySet<string>,
  t: MessageTrace,
  pointer: string,
  mass: boolean,
): Measure | undefined {
  for (const mea of segments) {
    if (mea.tag !== "MEA" || !attributes.has(mea.elements[1]?.[0] ?? "")) continue;
    const unit = mea.elements[2]?.[0];
    if (!unit || !(mass ? MASS_UNITS.has(unit) : UNIT.test(unit))) {
      t.warn(
        `measurement unit ${unit ?? "(none)"} is not a ${mass ? "mass unit" : "Rec 20 unit"}`,
        mea,
        2,
        0,
      );
      continue;
    }
    const v = t.number(mea, 2, 1, `${pointer}/value`);
    if (v === undefined) continue;
    t.mark(mea, 0);
    t.mark(mea, 1);
    t.text(mea, 2, 0, `${pointer}/unit`);
    return { value: v, unit };
  }
  return undefined;
}

export const grossWeight = (s: readonly Segment[], t: MessageTrace, p: string) =>
  measure(s, GROSS_WEIGHT, t, p, true);
export const netWeight = (s: readonly Segment[], t: MessageTrace, p: string) =>
  measure(s, NET_WEIGHT, t, p, true);
export const volume = (s: readonly Segment[], t: MessageTrace, p: string) =>
  measure(s, GROSS_VOLUME, t, p, false);

/** A Rec 21 package type from 7065, through the alias table (EANCOM pallet codes). */
export function packageType(
  seg: Segment,
  element: number,
  component: number,
  t: MessageTrace,
  pointer: string,
) {
  const raw = seg.elements[element]?.[component]?.trim();
  if (!raw) return undefined;
  const code = codeIn(PACKAGE_TYPE_ALIASES, raw) ?? raw;
  if (!/^[0-9A-Z]{2}$/.test(code)) {
    t.warn(`package type ${raw} is not a UN/ECE Recommendation 21 code`, seg, element, component);
    return undefined;
  }
  t.text(seg, element, component, pointer);
  if (code !== raw) t.defaulted(pointer, code, `package type ${raw} (GS1/EANCOM 7065) is a pallet in Rec 21`);
  return code;
}

/** PCI shipping marks: the C210 marks (7102) of every PCI given, one line each. */
export function marks(segments: readonly Segment[], t: MessageTrace, pointer: string): string | undefined {
  const lines = segments
    .filter((s) => s.tag === "PCI")
    .flatMap((pci) => {
      t.mark(pci, 0);
      return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => t.text(pci, 1, c, pointer));
    })
    .filter((x): x is string => x !== undefined);
  return lines.length > 0 ? lines.join("\n").slice(0, 512) : undefined;
}
