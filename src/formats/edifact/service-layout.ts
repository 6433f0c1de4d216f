import type { ElementFault } from "./tokenizer.js";
import type { SegmentData } from "./types.js";

/**
 * The shape of one data element of a service segment (ISO 9735-1 and -2, syntax versions 1 to 4):
 * how many components it may have, and which must be present.
 */
interface ElementRule {
  readonly id: string;
  /** Maximum components in syntax 1 to 3 and in syntax 4. */
  readonly max: readonly [number, number];
  /** Mandatory in syntax 1 to 3 and in syntax 4. */
  readonly mandatory: readonly [boolean, boolean];
  /** 1-based positions of the components a present element must have. */
  readonly required: readonly number[];
}

const el = (
  id: string,
  max: number | [number, number],
  mandatory: boolean | [boolean, boolean],
  required: number[] = [1],
): ElementRule => ({
  id,
  max: typeof max === "number" ? [max, max] : max,
  mandatory: typeof mandatory === "boolean" ? [mandatory, mandatory] : mandatory,
  required,
});

/** The data elements after the tag, in order, as in syntax version 4 (a superset of 1 to 3). */
const LAYOUTS: Readonly<Record<string, readonly ElementRule[]>> = {
  UNB: [
    el("S001", [2, 5], true, [1, 2]),
    el("S002", [3, 4], true),
    el("S003", [3, 4], true),
    el("S004", 2, true, [1, 2]),
    el("0020", 1, true),
    el("S005", 2, false),
    el("0026", 1, false),
    el("0029", 1, false),
    el("0031", 1, false),
    el("0032", 1, false),
    el("0035", 1, false),
  ],
  UNG: [
    el("0038", 1, [true, false]),
    el("S006", 2, [true, false]),
    el("S007", 2, [true, false]),
    el("S004", 2, [true, false], [1, 2]),
    el("0048", 1, true),
    el("0051", 1, [true, false]),
    el("S008", 3, [true, false], [1, 2]),
    el("0058", 1, false),
  ],
  UNH: [
    el("0062", 1, true),
    el("S009", [5, 7], true, [1, 2, 3, 4]),
    el("0068", 1, false),
    el("S010", 2, false),
    el("S016", 4, false),
    el("S017", 4, false),
    el("S018", 4, false),
  ],
  UNT: [el("0074", 1, true), el("0062", 1, true)],
  UNE: [el("0060", 1, true), el("0048", 1, true)],
  UNZ: [el("0036", 1, true), el("0020", 1, true)],
};

/** Segments that gained data elements in syntax version 4: how many they have before it. */
const BEFORE_SYNTAX_4: Readonly<Record<string, number>> = { UNH: 4 };

/**
 * Checks a service segment against its layout: too many elements or components (16), a mandatory
 * element or component absent (13), or a repeated element (service segments have none).
 */
export function layoutFaults(seg: SegmentData, syntaxVersion: string): ElementFault[] {
  const rules = LAYOUTS[seg.tag] ?? [];
  const v = syntaxVersion === "4" ? 1 : 0;
  const count = (v === 0 ? BEFORE_SYNTAX_4[seg.tag] : undefined) ?? rules.length;
  const faults: ElementFault[] = [];
  if (seg.elements.length > count) {
    faults.push({
      code: 16,
      text: `${seg.tag} has ${seg.elements.length} data elements, at most ${count} are allowed`,
      element: count + 1,
    });
  }
  for (const key of Object.keys(seg.repeats ?? {})) {
    faults.push({
      code: 35,
      text: `${seg.tag} data elements do not repeat`,
      element: Number(key) + 1,
      occurrence: 2,
    });
  }
  rules.slice(0, count).forEach((rule, k) => {
    const comps = seg.elements[k];
    const present = comps !== undefined && comps.some((c) => c !== "");
    if (!present) {
      if (rule.mandatory[v])
        faults.push({ code: 13, text: `${seg.tag} ${rule.id} is missing`, element: k + 1 });
      return;
    }
    if (comps.length > rule.max[v]) {
      faults.push({
        code: 16,
        text: `${seg.tag} ${rule.id} has ${comps.length} components, at most ${rule.max[v]} are allowed`,
        element: k + 1,
        component: rule.max[v] + 1,
      });
    }
    for (const c of rule.required) {
      if ((comps[c - 1] ?? "") === "") {
        faults.push({
          code: 13,
          text: `${seg.tag} ${rule.id} component ${c} is missing`,
          element: k + 1,
          component: c,
        });
      }
    }
  });
  return faults;
}
