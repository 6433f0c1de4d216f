import { describe, expect, it } from "vitest";
import { ProblemError } from "../../../src/errors/problem.js";
import {
  directoryRank,
  find,
  findAll,
  locate,
  messageDirectory,
  occurrences,
  parseDate,
  parseDecimal,
  parseEdifact,
  parseNumber,
  qualifier,
  readDtm,
  segmentGroups,
  toIssues,
  toProblemError,
  value,
  type SegmentData,
} from "../../../src/formats/edifact/index.js";

/** A hand-made INVOIC body. */
const invoice = parseEdifact(
  "UNB+UNOC:4+S+R+20240131:1200+1'UNH+1+INVOIC:D:01B:UN'BGM+380+INV-1+9'DTM+137:20240131:102'" +
    "NAD+BY+4000001000005::9'RFF+VA:DE123'NAD+SE+4000001000006::9'CUX+2:EUR:4'" +
    "LIN+1++A1:SRV'QTY+47:2:C62'MOA+203:20,50'LIN+2++A2:SRV'QTY+47:1'PRI+AAA:9.95'" +
    "UNS+S'MOA+79:30.45'ATT+2++M*F'UNT+17+1'UNZ+1+1'",
);
const segments = invoice.interchanges[0]!.messages[0]!.segments;

describe("EDIFACT reading helpers", () => {
  it("parsed the hand-made invoice without problems", () => {
    expect(invoice.problems).toEqual([]);
  });

  it("finds segments by tag and qualifier", () => {
    expect(value(find(segments, "NAD", "SE"), 1)).toBe("4000001000006");
    expect(find(segments, "NAD", "DP")).toBeUndefined();
    expect(findAll(segments, "MOA").map((s) => value(s, 0, 1))).toEqual(["20,50", "30.45"]);
    expect(qualifier(find(segments, "CUX")!)).toBe("2");
  });

  it("reads components by 0-based position, empty as undefined", () => {
    const lin = find(segments, "LIN")!;
    expect([value(lin, 0), value(lin, 1), value(lin, 2, 0), value(lin, 2, 1), value(lin, 9)]).toEqual([
      "1",
      undefined,
      "A1",
      "SRV",
      undefined,
    ]);
    expect(value(undefined, 0)).toBeUndefined();
  });

  it("lists every occurrence of a repeated element", () => {
    const att = find(segments, "ATT")!;
    expect(occurrences(att, 2)).toEqual([["M"], ["F"]]);
    expect(occurrences(att, 0)).toEqual([["2"]]);
    expect(occurrences(att, 7)).toEqual([]);
  });

  it("splits segment groups by their trigger, with members or with end tags", () => {
    const byMembers = segmentGroups(segments, { start: "NAD", members: ["RFF"] });
    expect(byMembers.map((g) => g.map((s) => s.tag))).toEqual([["NAD", "RFF"], ["NAD"]]);
    const lines = segmentGroups(segments, { start: "LIN", end: ["UNS"] });
    expect(lines.map((g) => g.map((s) => s.tag))).toEqual([
      ["LIN", "QTY", "MOA"],
      ["LIN", "QTY", "PRI"],
    ]);
    expect(lines[1]![0]!.position.inMessage).toBe(11);
  });

  it("reads DTM segments in their format", () => {
    const dtm: SegmentData = { tag: "DTM", elements: [["137", "202401311230", "203"]] };
    expect(readDtm(dtm)).toEqual({
      qualifier: "137",
      text: "202401311230",
      format: "203",
      date: { kind: "point", iso: "2024-01-31T12:30" },
    });
    expect(readDtm({ tag: "DTM", elements: [["137", "20240131"]] }).date).toBeUndefined();
  });

  it.each([
    ["20240229", "102", { kind: "point", iso: "2024-02-29" }],
    ["20230229", "102", undefined],
    ["20241301", "102", undefined],
    ["240131", "101", { kind: "point", iso: "2024-01-31" }],
    ["991231", "101", { kind: "point", iso: "1999-12-31" }],
    ["2401311230", "201", { kind: "point", iso: "2024-01-31T12:30" }],
    ["202401311230", "203", { kind: "point", iso: "2024-01-31T12:30" }],
    ["202401312460", "203", undefined],
    ["20240131123059", "204", { kind: "point", iso: "2024-01-31T12:30:59" }],
    ["202401311230+0100", "205", { kind: "point", iso: "2024-01-31T12:30+01:00" }],
    ["1230", "401", { kind: "point", iso: "12:30" }],
    ["2024", "602", { kind: "point", iso: "2024" }],
    ["202402", "610", { kind: "point", iso: "2024-02" }],
    ["202405", "616", { kind: "point", iso: "2024-W05" }],
    ["20240101-20240131", "718", { kind: "period", start: "2024-01-01", end: "2024-01-31" }],
    ["20240101-2024013", "718", undefined],
    [
      "202401010800-202401311700",
      "719",
      { kind: "period", start: "2024-01-01T08:00", end: "2024-01-31T17:00" },
    ],
    ["20240131", "999", undefined],
  ])("parses %s in format %s", (text, format, expected) => {
    expect(parseDate(text, format)).toEqual(expected);
  });

  it.each([
    ["20,50", "20.50", 20.5],
    ["30.45", "30.45", 30.45],
    ["-7", "-7", -7],
    ["123456789012345678901.25", "123456789012345678901.25", Number("123456789012345678901.25")],
    [",5", undefined, undefined],
    ["1.000,5", undefined, undefined],
    ["1e3", undefined, undefined],
    [undefined, undefined, undefined],
  ])("reads %s as a decimal", (text, decimal, number) => {
    expect(parseDecimal(text)).toBe(decimal);
    expect(parseNumber(text)).toBe(number);
  });

  it("names the directory of a message and orders directories in time", () => {
    expect(messageDirectory({ version: "D", release: "96A" })).toBe("D96A");
    expect(messageDirectory({ version: "D00", release: "A" })).toBeUndefined();
    expect(messageDirectory({ version: "93", release: "1" })).toBeUndefined();
    const sorted = ["D16B", "D93A", "D01B", "D99B", "D96A", "D01A"].sort(
      (a, b) => directoryRank(a) - directoryRank(b),
    );
    expect(sorted).toEqual(["D93A", "D96A", "D99B", "D01A", "D01B", "D16B"]);
  });
});

describe("EDIFACT problems as RFC 9457 issues", () => {
  const bad = parseEdifact("UNB+UNOC:3+S+R+240131:1200+1'UNH+1+INVOIC:D:96A:UN'bgm+1'UNT+9+1'UNZ+1+1'");

  it("locates each problem by segment, element and component", () => {
    expect(bad.problems.map(locate)).toEqual(["segment 3 (bgm), segment tag", "segment 4 (UNT), element 1"]);
    expect(locate({ code: 18, text: "x" })).toBeUndefined();
    expect(
      locate({
        code: 39,
        text: "x",
        segment: { number: 7, tag: "ATT", offset: 0 },
        element: 3,
        occurrence: 2,
        component: 1,
      }),
    ).toBe("segment 7 (ATT), element 3, occurrence 2, component 1");
  });

  it("turns problems into issues with the 0085 code as rule id", () => {
    expect(toIssues(bad.problems)).toEqual([
      {
        message: 'Invalid value: segment tag "bgm" is not three capital letters or digits',
        location: "segment 3 (bgm), segment tag",
        ruleId: "EDIFACT-0085-12",
        severity: "error",
      },
      {
        message:
          "Control count does not match number of instances received: UNT counts 9 but there are 3 segments from UNH to UNT",
        location: "segment 4 (UNT), element 1",
        ruleId: "EDIFACT-0085-29",
        severity: "error",
      },
    ]);
  });

  it("turns a parse into the problem to answer with: none, malformed, or too large", () => {
    expect(
      toProblemError(parseEdifact("UNB+UNOC:3+S+R+240131:1200+1'UNH+1+X:D:96A:UN'UNT+2+1'UNZ+1+1'")),
    ).toBeUndefined();
    const malformed = toProblemError(bad)!;
    expect(malformed).toBeInstanceOf(ProblemError);
    expect(malformed.toBody()).toMatchObject({
      code: "SWG_MALFORMED_EDIFACT",
      status: 400,
      detail: "2 syntax problems in the UN/EDIFACT interchange",
    });
    expect(malformed.issues).toHaveLength(2);
    const large = toProblemError(
      parseEdifact("UNB+UNOC:3+S+R+240131:1200+1'", { limits: { maxBytes: 10 } }),
    )!;
    expect(large.toBody()).toMatchObject({ code: "SWG_BODY_TOO_LARGE", status: 413 });
  });
});
