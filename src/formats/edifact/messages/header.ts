import { find, qualifier, value } from "../reading.js";
import type { Interchange, Segment } from "../types.js";
import { codeIn, MESSAGE_FUNCTION } from "./codes.js";
import type { MessageTrace } from "./trace.js";

type FunctionCode = "original" | "replacement" | "cancellation";

/** BGM: the document name code (C002 1001), number (1004) and function (1225), which every message opens with. */
export interface Beginning {
  readonly bgm: Segment | undefined;
  readonly documentName: string | undefined;
  readonly number: string;
  readonly functionCode: FunctionCode;
  /** 1225 = 4 (change): the message carries only what changes. */
  readonly delta: boolean;
}

export function readBeginning(segments: readonly Segment[], t: MessageTrace): Beginning {
  const bgm = find(segments, "BGM") as Segment | undefined;
  const documentName = t.text(bgm, 0, 0);
  const number = t.text(bgm, 1, 0, "/number")?.slice(0, 70);
  if (!number)
    t.error("the message has no document number (BGM 1004)", bgm ?? segments[0], 1, 0, "EDI-BGM-1004");
  const code = value(bgm, 2);
  const fn = codeIn(MESSAGE_FUNCTION, code);
  if (code && fn) t.text(bgm, 2, 0, "/functionCode");
  else if (code)
    t.warn(
      `message function ${code} (1225) is not one the gateway acts on: read as an original`,
      bgm,
      2,
      0,
      "EDI-BGM-1225",
    );
  return {
    bgm,
    documentName,
    number: number ?? "",
    functionCode: fn?.functionCode ?? "original",
    delta: fn?.delta === true,
  };
}

/** The document date (DTM+137), else the interchange's date of preparation (UNB S004), as YYYY-MM-DD. */
export function issueDate(
  segments: readonly Segment[],
  ic: Interchange,
  t: MessageTrace,
  pointer = "/issuedAt",
): string {
  const own = t.date(
    segments.find((s) => s.tag === "DTM" && qualifier(s) === "137"),
    pointer,
  );
  if (own) return own;
  const d = ic.date;
  const iso =
    d.length === 8
      ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`
      : `${Number(d.slice(0, 2)) < 50 ? "20" : "19"}${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)}`;
  t.defaulted(
    pointer,
    iso,
    "no document date (DTM+137): the interchange's date of preparation (UNB S004) stands for it",
  );
  return iso;
}

/** The value of the first RFF with one of the qualifiers (1153), in order of preference. */
export function reference(
  segments: readonly Segment[],
  qualifiers: readonly string[],
  t: MessageTrace,
  pointer?: string,
): string | undefined {
  for (const q of qualifiers) {
    const rff = segments.find((s) => s.tag === "RFF" && qualifier(s) === q);
    const v = t.text(rff, 0, 1, pointer);
    if (v) {
      t.mark(rff, 0);
      return v;
    }
  }
  return undefined;
}

/** Every RFF value with the qualifier. */
export function references(
  segments: readonly Segment[],
  q: string,
  t: MessageTrace,
  pointer?: string,
): string[] {
  return segments
    .filter((s) => s.tag === "RFF" && qualifier(s) === q)
    .map((rff) => {
      t.mark(rff, 0);
      return t.text(rff, 0, 1, pointer);
    })
    .filter((x): x is string => x !== undefined);
}

/** FTX texts with one of the qualifiers (4451): C108's five 4440 lines joined. */
export function freeTexts(
  segments: readonly Segment[],
  qualifiers: readonly string[],
  t: MessageTrace,
  pointer?: string,
) {
  return segments
    .filter((s) => s.tag === "FTX" && qualifiers.includes(qualifier(s) ?? ""))
    .map((ftx) => {
      t.mark(ftx, 0);
      t.mark(ftx, 1);
      return t.joined(ftx, 3, [0, 1, 2, 3, 4], pointer);
    })
    .filter((x): x is string => x !== undefined);
}

/** The UCR when the message names one (RFF+UCN, unique consignment reference number). */
export function ucrOf(segments: readonly Segment[], t: MessageTrace): string | undefined {
  return reference(segments, ["UCN"], t, "/ucr")?.slice(0, 35);
}
