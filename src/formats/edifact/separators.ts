import type { Separators } from "./types.js";

/** ISO 9735 default service characters (level A/B): `:+.? '`, plus `*` for repetition in syntax 4. */
export function defaultSeparators(syntaxVersion: string): Separators {
  const base = { component: ":", element: "+", decimalMark: ".", release: "?" };
  return syntaxVersion === "4" ? { ...base, repetition: "*", segment: "'" } : { ...base, segment: "'" };
}

export function sameSeparators(a: Separators, b: Separators): boolean {
  return (
    a.component === b.component &&
    a.element === b.element &&
    a.decimalMark === b.decimalMark &&
    a.release === b.release &&
    a.repetition === b.repetition &&
    a.segment === b.segment
  );
}

/** Why a set of service characters cannot be used, or undefined when it can. */
export function separatorFault(s: Separators): { code: 19 | 20; text: string } | undefined {
  if (s.decimalMark !== "." && s.decimalMark !== ",") {
    return { code: 19, text: `decimal mark "${s.decimalMark}" is neither "." nor ","` };
  }
  const chars = [s.component, s.element, s.segment, ...(s.release ? [s.release] : [])];
  if (s.repetition !== undefined) chars.push(s.repetition);
  for (const c of chars) {
    if (c.length !== 1 || /[A-Za-z0-9 ]/.test(c) || c.charCodeAt(0) > 0x7e) {
      return { code: 20, text: `"${c}" cannot be a service character` };
    }
  }
  if (new Set([...chars, s.decimalMark]).size !== chars.length + 1) {
    return { code: 20, text: "the service string advice uses one character for two purposes" };
  }
  return undefined;
}

/**
 * Reads the six characters after "UNA": component separator, element separator, decimal mark, release
 * character, repetition separator, segment terminator. A space in the fifth place means no repetition
 * separator: it is "reserved" before syntax 4, and advices written that way are common in syntax 4 too.
 * A space as release character means the interchange has none.
 */
export function separatorsFromAdvice(six: string): Separators {
  const release = six[3] ?? "";
  const rep = six[4] ?? " ";
  return {
    component: six[0] ?? "",
    element: six[1] ?? "",
    decimalMark: six[2] ?? "",
    release: release === " " ? "" : release,
    ...(rep !== " " ? { repetition: rep } : {}),
    segment: six[5] ?? "",
  };
}

export function serviceStringAdvice(s: Separators): string {
  return `UNA${s.component}${s.element}${s.decimalMark}${s.release || " "}${s.repetition ?? " "}${s.segment}`;
}
