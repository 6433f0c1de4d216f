import { describe, expect, it } from "vitest";
import {
  acknowledge,
  find,
  findAll,
  parseEdifact,
  readContrl,
  segmentGroups,
  value,
  type Interchange,
  type ParseResult,
} from "../../../src/formats/edifact/index.js";
import { listCorpus, readCorpus } from "../../helpers/corpora.js";
import { brief, toData, type Brief } from "./helpers.js";

/**
 * Every EDIFACT file of the shared corpora, read in place, with the precise outcome it must get: the
 * interchanges (control reference, groups, segments per message from UNH to UNT), messages outside any
 * interchange, and every problem as [0085 code, segment number, tag, element, component].
 */
const u = undefined;
interface Outcome {
  readonly interchanges: readonly { ref: string; groups: number; messages: readonly number[] }[];
  readonly stray?: readonly number[];
  readonly problems: readonly Brief[];
}

const EXPECTED: Readonly<Record<string, Outcome>> = {
  "apimeister/d00b_iftsta.edi": {
    // UNZ 0020 2805570 is not UNB 0020 2803570
    interchanges: [{ ref: "2803570", groups: 0, messages: [31] }],
    problems: [[28, 33, "UNZ", 2, u]],
  },
  "apimeister/d95b_coprar.edi": {
    // a bare message without UNB; its UNT says 56 segments, it has 29
    interchanges: [],
    stray: [29],
    problems: [
      [13, 1, "UNH", u, u],
      [29, 29, "UNT", 1, u],
    ],
  },
  "edifabric-mit-2018/Eancom_INVOIC_D01BEAN3.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [53] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_BOM.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_BadSegment.txt": {
    // BGL is a syntactically valid tag: unknown tags are for the message reader
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_BlankRepetition.txt": {
    // syntax 1 has no repetition separator, so * is data
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_CR.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_DefaultUNA.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_EscapedEscape.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_EscapedRepetition.txt": {
    // ?* in syntax 1: * is no service character, so the release character is misused (22)
    interchanges: [{ ref: "131", groups: 0, messages: [42] }],
    problems: [[22, 10, "COM", 1, 2]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_EscapedSegmentTerminator.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Eval.txt": {
    // S009 lacks 0054 and 0051
    interchanges: [{ ref: "131", groups: 0, messages: [7] }],
    problems: [
      [13, 2, "UNH", 2, 3],
      [13, 2, "UNH", 2, 4],
    ],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Group.txt": {
    // the UNG's S004 is 4:44, no date or time
    interchanges: [{ ref: "131", groups: 1, messages: [41] }],
    problems: [
      [12, 2, "UNG", 4, 1],
      [12, 2, "UNG", 4, 2],
    ],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_GroupMultipleMessages.txt": {
    interchanges: [{ ref: "131", groups: 1, messages: [41, 41] }],
    problems: [
      [12, 2, "UNG", 4, 1],
      [12, 2, "UNG", 4, 2],
    ],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_InvalidHeader.txt": {
    // FNB instead of UNB: no interchange, the message is kept as a stray one
    interchanges: [],
    stray: [41],
    problems: [[13, 1, "FNB", u, u]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_InvalidSegment.txt": {
    // too many elements in BGM is a directory matter, not syntax
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_InvalidSegment2.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_InvalidTrailers.txt": {
    // unterminated junk after the UNZ
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [[33, 44, "1r", u, u]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_LF.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_MissingGroupTrailer.txt": {
    // no UNE before the UNZ
    interchanges: [{ ref: "131", groups: 1, messages: [41] }],
    problems: [
      [12, 2, "UNG", 4, 1],
      [12, 2, "UNG", 4, 2],
      [13, 44, "UNZ", u, u],
    ],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_MissingInterchangeTrailer.txt": {
    // no UNZ before the next interchange's UNA
    interchanges: [
      { ref: "131", groups: 0, messages: [41] },
      { ref: "132", groups: 0, messages: [41] },
    ],
    problems: [[13, 43, "UNA", u, u]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_MultipleGroups.txt": {
    interchanges: [{ ref: "131", groups: 2, messages: [41, 41] }],
    problems: [
      [12, 2, "UNG", 4, 1],
      [12, 2, "UNG", 4, 2],
      [12, 45, "UNG", 4, 1],
      [12, 45, "UNG", 4, 2],
    ],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_MultipleInterchange.txt": {
    interchanges: [
      { ref: "131", groups: 0, messages: [41] },
      { ref: "132", groups: 0, messages: [41] },
    ],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_MultipleInvalidInterchanges.txt": {
    // LNB between two messages; then the UNZ counts 1 of 2
    interchanges: [
      { ref: "131", groups: 0, messages: [41, 41] },
      { ref: "132", groups: 0, messages: [41] },
    ],
    problems: [
      [33, 43, "LNB", u, u],
      [29, 85, "UNZ", 1, u],
    ],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_MultipleInvalidMessages.txt": {
    // an unterminated CTA swallows nine lines; two messages lack a UNT
    interchanges: [{ ref: "131", groups: 0, messages: [40, 41, 41, 41, 41] }],
    problems: [
      [39, 9, "CTA", 2, 1],
      [29, 41, "UNT", 1, u],
      [13, 164, "UNH", u, u],
      [13, 204, "UNZ", u, u],
      [29, 204, "UNZ", 1, u],
      [28, 204, "UNZ", 2, u],
    ],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_MultipleMessages.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41, 41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_NonDefaultSeparators.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_RepeatingDataElement.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [42] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_RepeatingSegment.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [42] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Split.txt": {
    // 32 segments added, UNT not updated
    interchanges: [{ ref: "131", groups: 0, messages: [73] }],
    problems: [[29, 74, "UNT", 1, u]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_TrailingBlanks.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_TrailingSeparator.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Val_InvalidAttributes.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [3] }],
    problems: [[29, 4, "UNT", 1, u]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Val_InvalidCode.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Val_ListCountMax.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [54] }],
    problems: [[29, 55, "UNT", 1, u]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Val_ListCountMin.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [44] }],
    problems: [[29, 45, "UNT", 1, u]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Val_NoAttributes.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [3] }],
    problems: [[29, 4, "UNT", 1, u]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Val_NoControlNumber.txt": {
    // UNH 0062 empty; UNT's reference is then not compared
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [[13, 2, "UNH", 1, u]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Val_NoTrailerControlNumber.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [[13, 42, "UNT", 2, u]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Val_NoTrailerSegmentCount.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [[13, 42, "UNT", 1, u]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Val_RequiredMissing.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [35] }],
    problems: [
      [13, 2, "UNH", 2, 4],
      [29, 36, "UNT", 1, u],
    ],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Val_StringLen.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [[28, 42, "UNT", 2, u]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Val_WrongControlNumber.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [[28, 42, "UNT", 2, u]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Val_WrongSegmentCount.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [[29, 42, "UNT", 1, u]],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Valid.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_ValidAndInvalidMessage.txt": {
    // BGL in the second message is syntax-valid; UNZ+1+1 is wrong twice
    interchanges: [{ ref: "131", groups: 0, messages: [41, 41] }],
    problems: [
      [29, 84, "UNZ", 1, u],
      [28, 84, "UNZ", 2, u],
    ],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_ValidUnb.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_Write.txt": {
    interchanges: [{ ref: "1", groups: 0, messages: [7] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00A_WriteNoPreserveWhitespace.txt": {
    interchanges: [{ ref: "1", groups: 0, messages: [7] }],
    problems: [],
  },
  "edifabric-mit-2018/Edifact_INVOIC_D00B.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "edifabric-mit-2018/UnitTests-Edifact_INVOIC_D00A.txt": {
    interchanges: [{ ref: "131", groups: 0, messages: [41] }],
    problems: [],
  },
  "php-edifact/D95BBAPLIE.edi": {
    interchanges: [{ ref: "1865", groups: 0, messages: [30] }],
    problems: [],
  },
  "php-edifact/D95BCOARRI.edi": {
    interchanges: [{ ref: "1452515554132", groups: 0, messages: [33, 237] }],
    problems: [],
  },
  "php-edifact/D96ADESADV.edi": {
    interchanges: [{ ref: "1", groups: 0, messages: [21] }],
    problems: [],
  },
  "php-edifact/example.edi": {
    interchanges: [{ ref: "1", groups: 0, messages: [13] }],
    problems: [],
  },
  "php-edifact/exampleMulti.edi": {
    interchanges: [{ ref: "1", groups: 0, messages: [13, 13] }],
    problems: [],
  },
  "php-edifact/example_multiline.edi": {
    // UNB S004 999818:999; a line break inside FTX is line wrapping
    interchanges: [{ ref: "251", groups: 0, messages: [7] }],
    problems: [
      [12, 1, "UNB", 4, 1],
      [12, 1, "UNB", 4, 2],
      [29, 8, "UNT", 1, u],
    ],
  },
  "php-edifact/example_order_error.edi": {
    // ?* in syntax 3, four times in one component, reported once
    interchanges: [{ ref: "896", groups: 0, messages: [599] }],
    problems: [[22, 85, "IMD", 3, 4]],
  },
  "php-edifact/example_order_ok.edi": {
    interchanges: [{ ref: "896", groups: 0, messages: [599] }],
    problems: [],
  },
  "php-edifact/example_release_character.edi": {
    // lines added, UNT not updated
    interchanges: [{ ref: "1", groups: 0, messages: [23] }],
    problems: [[29, 25, "UNT", 1, u]],
  },
  "php-edifact/example_utf8.edi": {
    interchanges: [{ ref: "1", groups: 0, messages: [21] }],
    problems: [],
  },
  "php-edifact/example_wrapped.edi": {
    interchanges: [{ ref: "1", groups: 0, messages: [13] }],
    problems: [],
  },
  "smooks-unedifact/DESADV.edi": {
    // UNT says 20, the message has 28
    interchanges: [{ ref: "SE4545670", groups: 0, messages: [28] }],
    problems: [[29, 30, "UNT", 1, u]],
  },
  "smooks-unedifact/INVOIC.edi": {
    interchanges: [{ ref: "20070323083902", groups: 0, messages: [37] }],
    problems: [],
  },
  "smooks-unedifact/ORDERS_D93A.edi": {
    interchanges: [{ ref: "117487", groups: 0, messages: [17, 56, 44] }],
    problems: [],
  },
  "smooks-unedifact/PAXLST.edi": {
    // syntax 4 with a six-digit UNB date, as US CBP's guide prescribes
    interchanges: [{ ref: "16", groups: 1, messages: [16] }],
    problems: [],
  },
  "smooks-unedifact/PAXLST_message_01.edi": {
    interchanges: [{ ref: "16", groups: 1, messages: [16] }],
    problems: [],
  },
  "smooks-unedifact/invoic-d93a.edi": {
    interchanges: [{ ref: "SE4545670", groups: 0, messages: [60] }],
    problems: [],
  },
  "smooks-unedifact/multiple-invoic-d93a.edi": {
    // UNZ 0020 differs from UNB 0020
    interchanges: [{ ref: "SE1234567", groups: 0, messages: [64, 56, 64] }],
    problems: [[28, 187, "UNZ", 2, u]],
  },
  "en16931-einvoicing/edifact-examples/EDIFACT_EXAMPLE0.TXT": {
    // UNT says 171, the message has 37
    interchanges: [{ ref: "87846595", groups: 0, messages: [37] }],
    problems: [[29, 39, "UNT", 1, u]],
  },
  "en16931-einvoicing/edifact-examples/EDIFACT_EXAMPLE0a.TXT": {
    // UNT says 171, the message has 34
    interchanges: [{ ref: "87846595", groups: 0, messages: [34] }],
    problems: [[29, 36, "UNT", 1, u]],
  },
};

const UNEDIFACT = "unedifact-samples";
const EN16931 = ["en16931-einvoicing", "edifact-examples"] as const;
const key = (path: string) => path.replace(`${UNEDIFACT}/`, "");
const parse = (name: string): ParseResult =>
  parseEdifact(readCorpus(...(name.startsWith("en16931") ? [name] : [UNEDIFACT, name])));
const only = (r: ParseResult): Interchange => {
  expect(r.interchanges).toHaveLength(1);
  return r.interchanges[0]!;
};

describe("EDIFACT corpus: every file gets its exact outcome", () => {
  const files = [...listCorpus(UNEDIFACT), ...listCorpus(...EN16931)].filter((f) => !/\.(md|json)$/.test(f));

  it("lists every EDIFACT file of the corpora, and only those", () => {
    expect(files.length).toBeGreaterThan(60);
    expect(files.map(key).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files.map(key))("%s", (name) => {
    const r = parse(name);
    const want = EXPECTED[name]!;
    expect(
      r.interchanges.map((i) => ({
        ref: i.controlRef,
        groups: i.groups.length,
        messages: i.messages.map((m) => m.segments.length + 2),
      })),
    ).toEqual(want.interchanges);
    expect(r.strayMessages.map((m) => m.segments.length + 2)).toEqual(want.stray ?? []);
    expect(r.problems.map(brief)).toEqual(want.problems);
  });
});

describe("EDIFACT corpus: separators, release characters and layout", () => {
  const base = toData(only(parse("edifabric-mit-2018/Edifact_INVOIC_D00A.txt")));

  it.each([
    "Edifact_INVOIC_D00A_BOM.txt",
    "Edifact_INVOIC_D00A_CR.txt",
    "Edifact_INVOIC_D00A_LF.txt",
    "Edifact_INVOIC_D00A_DefaultUNA.txt",
    "Edifact_INVOIC_D00A_TrailingBlanks.txt",
    "UnitTests-Edifact_INVOIC_D00A.txt",
  ])("%s reads as the same interchange as the CRLF original", (file) => {
    expect(toData(only(parse(`edifabric-mit-2018/${file}`)))).toEqual(base);
  });

  it("keeps byte offsets: after a BOM the UNB starts at byte 3, the UNH after the first CRLF", () => {
    const ic = only(parse("edifabric-mit-2018/Edifact_INVOIC_D00A_BOM.txt"));
    expect(ic.unb).toEqual({ offset: 3, number: 1 });
    expect(ic.messages[0]!.unh).toEqual({ offset: 86, number: 2, inMessage: 1 });
    expect(ic.messages[0]!.segments[0]!.position).toEqual({ offset: 118, number: 3, inMessage: 2 });
  });

  it("reads non-default separators from the UNA", () => {
    const ic = only(parse("edifabric-mit-2018/Edifact_INVOIC_D00A_NonDefaultSeparators.txt"));
    expect(ic.una).toEqual({ offset: 0, number: 1 });
    expect(ic.separators).toEqual({
      component: ":",
      element: "|",
      decimalMark: ".",
      release: "?",
      segment: "'",
    });
    const { separators: _s, ...rest } = toData(ic);
    const { separators: _b, ...baseRest } = base;
    expect(rest).toEqual(baseRest);
  });

  it("reads each interchange of a file with its own separators", () => {
    const r = parse("edifabric-mit-2018/Edifact_INVOIC_D00A_MultipleInterchange.txt");
    expect(r.interchanges.map((i) => i.separators.element)).toEqual(["+", "|"]);
    expect(r.interchanges.map((i) => i.una !== undefined)).toEqual([false, true]);
    expect(toData(r.interchanges[1]!).messages).toEqual(base.messages);
  });

  it("unescapes an escaped release character", () => {
    const m = only(parse("edifabric-mit-2018/Edifact_INVOIC_D00A_EscapedEscape.txt")).messages[0]!;
    expect(find(m.segments, "FTX")!.elements).toEqual([
      ["AAI?"],
      [""],
      [""],
      ["Free text Free ?text Free text"],
    ]);
  });

  it("unescapes escaped segment terminators, one of them right before the real terminator", () => {
    const m = only(parse("edifabric-mit-2018/Edifact_INVOIC_D00A_EscapedSegmentTerminator.txt")).messages[0]!;
    const nad = find(m.segments, "NAD", "SE")!;
    expect(value(nad, 2, 0)).toBe("Schoenstrasse D'Or7");
    expect(value(nad, 8)).toBe("DE'");
  });

  it("unescapes an element separator at the end of a value", () => {
    const m = only(parse("edifabric-mit-2018/Edifact_INVOIC_D00A_TrailingSeparator.txt")).messages[0]!;
    expect(value(find(m.segments, "FTX"), 3)).toBe("Free text Free text Free text+");
  });

  it("treats * as data before syntax 4 (no repetition separator)", () => {
    const blank = only(parse("edifabric-mit-2018/Edifact_INVOIC_D00A_BlankRepetition.txt")).messages[0]!;
    expect(findAll(blank.segments, "CTA")[0]!.elements[0]).toEqual(["***AD***"]);
    const repeating = only(parse("edifabric-mit-2018/Edifact_INVOIC_D00A_RepeatingDataElement.txt"))
      .messages[0]!;
    expect(find(repeating.segments, "COM")!.elements).toEqual([["1", "2*3", "4*5", "6"]]);
    expect(value(find(repeating.segments, "FTX"), 3)).toBe("Can you deliver my order next tuesday? Please!");
    const escaped = only(parse("edifabric-mit-2018/Edifact_INVOIC_D00A_EscapedRepetition.txt")).messages[0]!;
    expect(find(escaped.segments, "COM")!.elements).toEqual([["1", "2*3:4"]]);
  });

  it("uses the repetition separator of syntax 4, by default and from the UNA", () => {
    const pax = only(parse("smooks-unedifact/PAXLST.edi"));
    expect(pax.separators.repetition).toBe("*");
    const att = find(pax.messages[0]!.segments, "ATT")!;
    expect(att.elements).toEqual([["2"], [""], ["M"]]);
    expect(att.repeats).toEqual({ 2: [["M"], ["M"], ["M"], ["M"]] });
    const invoice = only(parse("en16931-einvoicing/edifact-examples/EDIFACT_EXAMPLE0.TXT"));
    expect(invoice.separators.repetition).toBe("*");
    const ftx = findAll(invoice.messages[0]!.segments, "FTX");
    expect(value(ftx[0], 3)).toMatch(/Betalingstermijn: 14 dagen netto\..* te Amsterdam 25-04-'85\.$/);
    expect(value(ftx[1], 3)).toBe("urn:cen.eu:en16931:2017");
  });

  it("releases characters in the UNG and data segments of syntax 4", () => {
    const ic = only(parse("smooks-unedifact/PAXLST_message_01.edi"));
    expect(ic.groups[0]!.applicationRecipient).toEqual({ id: "CBP-A+CE-TEST", qualifier: "02" });
    expect(value(find(ic.messages[0]!.segments, "NAD"), 4)).toBe("11107 SUNSET HILL'S ROAD");
  });

  it("reads php-edifact's release-character cases", () => {
    const ift = findAll(
      only(parse("php-edifact/example_release_character.edi")).messages[0]!.segments,
      "IFT",
    );
    expect(ift.map((s) => s.elements.slice(1))).toEqual([
      [["XYZCOMPANY AVAILABILITY"]],
      [["NO MORE FLIGHTS 1"]],
      [["NO MORE FLIGHTS 2?"]],
      [["NO MORE ' FLIGHTS 3"]],
      [["NO MORE ? FLIGHTS 3"]],
      [["NO MORE ?' FLIGHTS 3"]],
      [["FIELD 1"], ["FIELD 2"]],
      [["FIELD 1?"], ["FIELD 2"]],
      [["FIELD 1?+FIELD 2"]],
      [["FIELD 1.1", "FIELD 1.2"]],
      [["FIELD 1.1?", "FIELD 1.2"]],
      [["FIELD 1.1?:FIELD 1.2"]],
    ]);
  });

  it("reads an interchange on one line like the same one on many", () => {
    expect(toData(only(parse("php-edifact/example_wrapped.edi")))).toEqual(
      toData(only(parse("php-edifact/example.edi"))),
    );
  });

  it("drops a line break inside a segment (fixed-width wrapping)", () => {
    const ftx = findAll(only(parse("php-edifact/example_multiline.edi")).messages[0]!.segments, "FTX")[2]!;
    expect(ftx.elements[3]).toEqual([
      "THE SHIPPER SHALL NOT BE RESPONSIBLE FOR ANY COSTS/DELAYS OCCUR",
      "DUE TO INTERVENTION OF CUSTOMS.",
    ]);
  });

  it("decodes UTF-8, Latin-1 when the bytes are not UTF-8, and a released + next to UTF-8", () => {
    const utf8 = only(parse("php-edifact/example_utf8.edi")).messages[0]!;
    expect(value(find(utf8.segments, "IMD"), 2, 3)).toBe("MUNCIË THE MIDDLE");
    const latin1 = only(parse("smooks-unedifact/INVOIC.edi")).messages[0]!;
    expect(value(find(latin1.segments, "NAD", "BY"), 3)).toBe("JÄRNBODEN I SALA AB");
    const order = only(parse("php-edifact/example_order_ok.edi")).messages[0]!;
    // The file itself carries U+FFFD where its source lost an "ö".
    expect(value(find(order.segments, "NAD", "BY"), 3)).toBe("A+A K\uFFFDlte GmbH");
  });

  it("agrees with php-edifact's JSON rendering of D96ADESADV", () => {
    const m = only(parse("php-edifact/D96ADESADV.edi")).messages[0]!;
    const json: unknown = JSON.parse(
      readCorpus(UNEDIFACT, "php-edifact", "D96ADESADV.json").toString("utf8"),
    );
    const oracle: { idx: number; code: string; values: string[] }[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== "object") return;
      const rec = node as Record<string, unknown>;
      if (typeof rec["segmentIdx"] === "number") {
        const values: string[] = [];
        const leaves = (v: unknown, k: string) => {
          if (typeof v === "string" && !["segmentCode", "segmentGroup"].includes(k) && v !== "")
            values.push(v);
          else if (v !== null && typeof v === "object")
            Object.entries(v).forEach(([kk, vv]) => leaves(vv, kk));
        };
        Object.entries(rec).forEach(([k, v]) => leaves(v, k));
        oracle.push({ idx: rec["segmentIdx"], code: rec["segmentCode"] as string, values });
      }
      Object.values(rec).forEach(walk);
    };
    walk(json);
    oracle.sort((a, b) => a.idx - b.idx);
    const body = oracle.filter((o) => o.code !== "UNH" && o.code !== "UNT");
    expect(m.segments.map((s) => s.tag)).toEqual(body.map((o) => o.code));
    m.segments.forEach((s, k) => expect(s.elements.flat().filter((v) => v !== "")).toEqual(body[k]!.values));
    const lines = segmentGroups(m.segments, { start: "LIN", members: ["PIA", "IMD", "QTY", "RFF"] });
    expect(lines.map((g) => g.map((s) => s.tag).join(","))).toEqual([
      "LIN,PIA,IMD,QTY,RFF,RFF",
      "LIN,PIA,IMD,QTY,RFF,RFF",
    ]);
  });
});

describe("EDIFACT corpus: bad control counts get the right CONTRL", () => {
  const preparedAt = new Date(Date.UTC(2026, 10, 27, 9, 30));

  it("answers a wrong UNT segment count with UCM 4, code 29 on UNT 0074", () => {
    const r = parse("edifabric-mit-2018/Edifact_INVOIC_D00A_Val_WrongSegmentCount.txt");
    expect(r.interchanges[0]!.ackRequest).toBe("1");
    const ack = acknowledge(r, 0, { controlRef: "ACK1", preparedAt });
    if (!ack.send) throw new Error("a CONTRL was expected");
    expect(ack.text).toBe(
      "UNB+UNOB:1+PARTNERID:01:ZZUK+102096559TEST:16:ZZUK+261127:0930+ACK1++++++1'" +
        "UNH+1+CONTRL:D:3:UN'" +
        "UCI+131+102096559TEST:16:ZZUK+PARTNERID:01:ZZUK+4'" +
        "UCM+509010117+INVOIC:D:00A:UN+4+29+UNT+2'" +
        "UNT+4+1'UNZ+1+ACK1'",
    );
  });

  it("answers a UNZ that counts 1 of 5 messages with UCI code 29 on UNZ 0036", () => {
    const r = parse("edifabric-mit-2018/Edifact_INVOIC_D00A_MultipleInvalidMessages.txt");
    const ack = acknowledge(r, 0, { controlRef: "ACK2", preparedAt });
    if (!ack.send) throw new Error("a CONTRL was expected");
    const report = readContrl(parseEdifact(ack.text).interchanges[0]!.messages[0]!);
    if (!report.ok) throw new Error(report.reason);
    expect(report.report.status).toBe("rejected");
    expect(report.report.error).toEqual({
      code: "29",
      meaning: "Control count does not match number of instances received",
      serviceTag: "UNZ",
      elementPosition: 2,
    });
    expect(report.report.messages.map((m) => [m.status, m.error?.code, m.error?.serviceTag])).toEqual([
      ["rejected", "29", "UNT"],
      ["rejected", "13", "UNT"],
      ["rejected", "13", "UNT"],
    ]);
    expect(report.report.messages[0]!.segments).toEqual([
      {
        position: 8,
        elements: [
          { code: "39", meaning: "Data element too long", elementPosition: 3, componentPosition: 1 },
        ],
      },
    ]);
  });

  it("answers a real-world UNT count mismatch when the agreement asks for CONTRL", () => {
    const r = parse("apimeister/d00b_iftsta.edi");
    expect(acknowledge(r, 0, { controlRef: "A", preparedAt })).toEqual({
      send: false,
      reason: "not-requested",
    });
    const ack = acknowledge(r, 0, { controlRef: "A", preparedAt, agreementRequiresContrl: true });
    if (!ack.send) throw new Error("a CONTRL was expected");
    expect(ack.action).toBe("4");
    expect(ack.text).toContain("UCI+2803570+SENDER:ZZZ+RECEIVER:ZZZ+4+28+UNZ+3'");
  });
});
