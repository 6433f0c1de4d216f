import { describe, expect, it } from "vitest";
import { find, parseEdifact, value } from "../../../src/formats/edifact/index.js";
import { brief } from "./helpers.js";

/** Hand-made interchanges, one edge case each. */

const UNB3 = "UNB+UNOC:3+SENDER:ZZ+RECEIVER:ZZ+240131:1200+REF1'";
const UNB4 = "UNB+UNOC:4+SENDER:ZZ+RECEIVER:ZZ+20240131:1200+REF1'";
const msg = (ref: string, body: string[], type = "INVOIC") =>
  `UNH+${ref}+${type}:D:96A:UN'${body.join("")}UNT+${body.length + 2}+${ref}'`;
const ic = (unb: string, inner: string, count: number) => `${unb}${inner}UNZ+${count}+REF1'`;

describe("EDIFACT parser: service characters", () => {
  it("uses the defaults without a UNA, and * as repetition separator only in syntax 4", () => {
    const v3 = parseEdifact(ic(UNB3, msg("1", ["FTX+AAI+++A*B'"]), 1));
    expect(v3.problems).toEqual([]);
    expect(v3.interchanges[0]!.separators).toEqual({
      component: ":",
      element: "+",
      decimalMark: ".",
      release: "?",
      segment: "'",
    });
    expect(find(v3.interchanges[0]!.messages[0]!.segments, "FTX")!.elements[3]).toEqual(["A*B"]);
    const v4 = parseEdifact(ic(UNB4, msg("1", ["FTX+AAI+++A*B?*C'"]), 1));
    expect(v4.problems).toEqual([]);
    const ftx = find(v4.interchanges[0]!.messages[0]!.segments, "FTX")!;
    expect(ftx.elements[3]).toEqual(["A"]);
    expect(ftx.repeats).toEqual({ 3: [["B*C"]] });
  });

  it("reads a UNA whose repetition place is a space as having no repetition separator, even in syntax 4", () => {
    const r = parseEdifact(`UNA:+.? '${ic(UNB4, msg("1", ["FTX+AAI+++A*B'"]), 1)}`);
    expect(r.problems).toEqual([]);
    expect(r.interchanges[0]!.separators.repetition).toBeUndefined();
    expect(value(find(r.interchanges[0]!.messages[0]!.segments, "FTX"), 3)).toBe("A*B");
  });

  it("honours a repetition separator advised in the UNA of a syntax 3 interchange", () => {
    const r = parseEdifact(`UNA:+.?*'${ic(UNB3, msg("1", ["ATT+2++M*F'"]), 1)}`);
    expect(find(r.interchanges[0]!.messages[0]!.segments, "ATT")!.repeats).toEqual({ 2: [["F"]] });
  });

  it("takes a segment terminator that is a line feed, and drops the CR of CRLF line ends", () => {
    const body = [
      "UNA:+.? \n",
      "UNB+UNOC:3+S+R+240131:1200+REF1",
      "UNH+1+INVOIC:D:96A:UN",
      "BGM+380+A'B",
      "UNT+3+1",
      "UNZ+1+REF1",
    ];
    const r = parseEdifact(`${body[0]}${body.slice(1).join("\r\n")}\r\n`);
    expect(r.problems).toEqual([]);
    expect(r.interchanges[0]!.separators.segment).toBe("\n");
    expect(r.interchanges[0]!.messages[0]!.segments[0]!.elements).toEqual([["380"], ["A'B"]]);
  });

  it("reports a UNA that uses one character twice (20) and reads on with the defaults", () => {
    const r = parseEdifact(`UNA::.? '${ic(UNB3, msg("1", ["BGM+380'"]), 1)}`);
    expect(r.problems.map(brief)).toEqual([[20, 1, "UNA", undefined, undefined]]);
    expect(r.problems[0]).toMatchObject({ interchangeIndex: 0, serviceTag: "UNA" });
    expect(r.interchanges[0]!.messages[0]!.segments[0]!.elements).toEqual([["380"]]);
  });

  it("reports a letter as service character (20) and a decimal mark that is neither . nor , (19)", () => {
    expect(parseEdifact(`UNAX+.? '${ic(UNB3, msg("1", []), 1)}`).problems.map((p) => p.code)).toEqual([20]);
    expect(parseEdifact(`UNA:+;? '${ic(UNB3, msg("1", []), 1)}`).problems.map((p) => p.code)).toEqual([19]);
  });

  it("reports a cut-short UNA, and a UNA with no UNB after it", () => {
    expect(parseEdifact("UNA:+.").problems.map(brief)).toEqual([
      [13, 1, "UNA", undefined, undefined],
      [13, 1, "UNA", undefined, undefined],
    ]);
    const r = parseEdifact(`UNA:+.? '${msg("1", [])}`);
    expect(r.problems.map((p) => [p.code, p.serviceTag])).toEqual([
      [13, "UNB"],
      [13, "UNB"],
    ]);
    expect(r.strayMessages).toHaveLength(1);
  });

  it("reports a release character at the end of the input", () => {
    const r = parseEdifact(`${UNB3}UNH+1+INVOIC:D:96A:UN'FTX+AAI?`);
    expect(r.problems.map((p) => [p.code, p.segment?.tag, p.serviceTag])).toEqual([
      [22, "FTX", undefined],
      [13, "FTX", undefined],
      [13, "FTX", "UNT"],
      [13, "FTX", "UNZ"],
    ]);
  });
});

describe("EDIFACT parser: the envelope", () => {
  it("reads the UNB header fields", () => {
    const unb = "UNB+UNOW:4:2:8+S1:14:IN1:SUB1+R1:ZZ+20240131:2359+ICR+PASS:AA+APP+A+1+AGR+1'";
    const r = parseEdifact(`${unb}${msg("M1", ["BGM+380'"])}UNZ+1+ICR'`);
    expect(r.problems).toEqual([]);
    const { groups: _g, messages: _m, separators: _s, ...header } = r.interchanges[0]!;
    expect(header).toEqual({
      syntax: { identifier: "UNOW", version: "4", serviceCodeListVersion: "2", characterEncoding: "8" },
      sender: { id: "S1", qualifier: "14", internalId: "IN1", internalSubId: "SUB1" },
      recipient: { id: "R1", qualifier: "ZZ" },
      date: "20240131",
      time: "2359",
      controlRef: "ICR",
      recipientReference: { ref: "PASS", qualifier: "AA" },
      applicationReference: "APP",
      priority: "A",
      ackRequest: "1",
      agreementId: "AGR",
      testIndicator: "1",
      unb: { offset: 0, number: 1 },
      unz: { offset: 116, number: 5 },
    });
  });

  it("reads the UNH fields of syntax 4", () => {
    const r = parseEdifact(
      ic(UNB4, "UNH+M1+INVOIC:D:14B:UN:EAN010:16B:SUB+CAR+2:C+SUBSET:1+MIG:2+SCN:3'BGM+380'UNT+3+M1'", 1),
    );
    expect(r.problems).toEqual([]);
    const { segments: _s, unh: _h, unt: _t, ...m } = r.interchanges[0]!.messages[0]!;
    expect(m).toEqual({
      ref: "M1",
      type: "INVOIC",
      version: "D",
      release: "14B",
      agency: "UN",
      associationCode: "EAN010",
      codeListVersion: "16B",
      subFunction: "SUB",
      commonAccessReference: "CAR",
      transfer: { sequence: "2", marker: "C" },
      subset: ["SUBSET", "1"],
      guideline: ["MIG", "2"],
      scenario: ["SCN", "3"],
    });
  });

  it("reports an unsupported syntax version (2), bad 0031/0035 values (12), too many elements (16)", () => {
    const r = parseEdifact(ic("UNB+UNOC:5+S+R+240131:1200+REF1++++2++7+X'", msg("1", []), 1));
    expect(r.problems.map(brief)).toEqual([
      [16, 1, "UNB", 12, undefined],
      [2, 1, "UNB", 1, 2],
      [12, 1, "UNB", 9, undefined],
      [12, 1, "UNB", 11, undefined],
    ]);
  });

  it("reports missing UNB elements and components (13)", () => {
    const r = parseEdifact(ic("UNB+UNOC:3++R:ZZ+240131+REF1'", msg("1", []), 1));
    expect(r.problems.map(brief)).toEqual([
      [13, 1, "UNB", 2, undefined],
      [13, 1, "UNB", 4, 2],
    ]);
    expect(r.problems.every((p) => p.serviceTag === "UNB" && p.interchangeIndex === 0)).toBe(true);
  });

  it("checks group counts and references (29, 28), and an empty group (32)", () => {
    const ung = (ref: string) => `UNG+INVOIC+AS+AR+240131:1200+${ref}+UN+D:96A'`;
    const inner = `${ung("G1")}${msg("1", [])}${msg("2", [])}UNE+3+G9'${ung("G2")}UNE+0+G2'`;
    const r = parseEdifact(ic(UNB3, inner, 2));
    expect(r.problems.map((p) => [...brief(p), p.groupIndex])).toEqual([
      [29, 7, "UNE", 1, undefined, 0],
      [28, 7, "UNE", 2, undefined, 0],
      [32, 9, "UNE", undefined, undefined, 1],
    ]);
    expect(r.interchanges[0]!.groups.map((g) => g.ref)).toEqual(["G1", "G2"]);
    expect(r.interchanges[0]!.messages.map((m) => m.group)).toEqual([0, 0]);
  });

  it("reads the UNG fields", () => {
    const unb = "UNB+UNOC:3+S+R+240131:1200+REF1'";
    const r = parseEdifact(
      `${unb}UNG+INVOIC+AS:14+AR:ZZ+240131:1200+G1+UN+D:96A:EAN008+PW'${msg("1", [])}UNE+1+G1'UNZ+1+REF1'`,
    );
    expect(r.problems).toEqual([]);
    const { ung: _u, une: _e, ...group } = r.interchanges[0]!.groups[0]!;
    expect(group).toEqual({
      ref: "G1",
      messageGroupId: "INVOIC",
      applicationSender: { id: "AS", qualifier: "14" },
      applicationRecipient: { id: "AR", qualifier: "ZZ" },
      date: "240131",
      time: "1200",
      agency: "UN",
      messageVersion: { version: "D", release: "96A", associationCode: "EAN008" },
      password: "PW",
    });
  });

  it("reports groups mixed with messages (30) and two message types in one group (31)", () => {
    const ung = "UNG+INVOIC+AS+AR+240131:1200+G1+UN+D:96A'";
    const mixed = parseEdifact(
      ic(UNB3, `${msg("1", [])}${ung}${msg("2", [])}${msg("3", [], "ORDERS")}UNE+2+G1'`, 1),
    );
    expect(
      mixed.problems.map((p) => [p.code, p.segment?.number, p.segment?.tag, p.groupIndex, p.messageIndex]),
    ).toEqual([
      [30, 4, "UNG", undefined, undefined],
      [31, 7, "UNH", 0, 2],
    ]);
  });

  it("reports an empty interchange (32), a UNT without UNH and a UNE without UNG (33)", () => {
    expect(parseEdifact(`${UNB3}UNZ+0+REF1'`).problems.map(brief)).toEqual([
      [32, 2, "UNZ", undefined, undefined],
    ]);
    const r = parseEdifact(ic(UNB3, `${msg("1", [])}UNT+2+1'UNE+1+1'`, 1));
    expect(r.problems.map((p) => [p.code, p.segment?.tag, p.serviceTag])).toEqual([
      [33, "UNT", "UNT"],
      [33, "UNE", "UNE"],
    ]);
  });

  it("reports a data segment between messages (33) at the interchange, or at the group", () => {
    const r = parseEdifact(ic(UNB3, `${msg("1", [])}BGM+380'${msg("2", [])}`, 2));
    expect(r.problems.map((p) => [...brief(p), p.interchangeIndex, p.messageIndex])).toEqual([
      [33, 4, "BGM", undefined, undefined, 0, undefined],
    ]);
    const g = parseEdifact(
      ic(UNB3, `UNG+INVOIC+AS+AR+240131:1200+G1+UN+D:96A'FTX+X'${msg("1", [])}UNE+1+G1'`, 1),
    );
    expect(g.problems.map((p) => [p.code, p.groupIndex, p.messageIndex])).toEqual([[33, 0, undefined]]);
  });

  it("reports a segment tag that is not three capitals or digits (12 on the tag)", () => {
    const r = parseEdifact(ic(UNB3, msg("1", ["bgm+380'", "BG+1'"]), 1));
    expect(r.problems.map((p) => [...brief(p), p.segment?.inMessage])).toEqual([
      [12, 3, "bgm", 0, undefined, 2],
      [12, 4, "BG", 0, undefined, 3],
    ]);
  });

  it("reports a repeated segment tag (12) and repeated service elements (35)", () => {
    const r = parseEdifact(ic("UNB+UNOC:4+S*T+R+20240131:1200+REF1'", msg("1", ["BGM*X+380'"]), 1));
    expect(r.problems.map(brief)).toEqual([
      [35, 1, "UNB", 2, undefined],
      [12, 3, "BGM", 0, undefined],
    ]);
    expect(r.problems[0]!.occurrence).toBe(2);
  });

  it("reports a missing segment terminator at the end of the input", () => {
    const r = parseEdifact(`${UNB3}${msg("1", [])}UNZ+1+REF1`);
    expect(r.problems.map(brief)).toEqual([[13, 4, "UNZ", undefined, undefined]]);
    expect(r.interchanges[0]!.unz).toEqual({ offset: 80, number: 4 });
  });

  it("keeps explicit nesting indicators of a segment tag", () => {
    const r = parseEdifact(ic(UNB3, msg("1", ["LIN:1:2+1'"]), 1));
    expect(r.problems).toEqual([]);
    const lin = r.interchanges[0]!.messages[0]!.segments[0]!;
    expect([lin.tag, lin.nesting, lin.elements]).toEqual(["LIN", ["1", "2"], [["1"]]]);
  });

  it("reads messages after a UNZ as stray, reported once at the interchange before (33)", () => {
    const r = parseEdifact(`${ic(UNB3, msg("1", []), 1)}${msg("2", ["BGM+1'"])}${msg("3", [])}`);
    expect(r.strayMessages.map((m) => m.ref)).toEqual(["2", "3"]);
    expect(r.problems.map((p) => [...brief(p), p.interchangeIndex])).toEqual([
      [33, 5, "UNH", undefined, undefined, 0],
    ]);
  });

  it("reads bytes and text alike", () => {
    const text = ic(UNB3, msg("1", ["FTX+AAI+++Größe'"]), 1);
    expect(parseEdifact(Buffer.from(text, "utf8"))).toEqual(parseEdifact(text));
    expect(parseEdifact(new Uint8Array(Buffer.from(text, "utf8")))).toEqual(parseEdifact(text));
  });

  it("decodes the ISO 8859 part a syntax identifier names when the bytes are not UTF-8", () => {
    const latin2 = Buffer.concat([
      Buffer.from("UNB+UNOD:3+S+R+240131:1200+REF1'UNH+1+INVOIC:D:96A:UN'FTX+AAI+++", "latin1"),
      Buffer.from([0xb1, 0xea]),
      Buffer.from("'UNT+3+1'UNZ+1+REF1'", "latin1"),
    ]);
    expect(value(parseEdifact(latin2).interchanges[0]!.messages[0]!.segments[0], 3)).toBe("ąę");
  });

  it("reports trailing separators (45) only when asked to", () => {
    const text = ic(UNB3, msg("1", ["DTM+137:20240131:102:'", "NAD+BY+:+X'"]), 1);
    expect(parseEdifact(text).problems).toEqual([]);
    expect(parseEdifact(text, { strictTrailingSeparators: true }).problems.map(brief)).toEqual([
      [45, 3, "DTM", 1, undefined],
      [45, 4, "NAD", 2, undefined],
    ]);
  });
});

describe("EDIFACT parser: limits", () => {
  const text = ic(UNB3, msg("1", ["BGM+380+A:B:C+9'", "FTX+AAI+++0123456789'"]), 1);

  it("refuses input over maxBytes before reading it", () => {
    const r = parseEdifact(text, { limits: { maxBytes: 50 } });
    expect(r).toEqual({
      interchanges: [],
      strayMessages: [],
      problems: [
        { code: 18, text: `the input has ${text.length} bytes, more than the 50 allowed`, limit: "maxBytes" },
      ],
    });
  });

  it("stops at maxSegments and keeps what it read, without cascading problems", () => {
    const r = parseEdifact(text, { limits: { maxSegments: 3 } });
    expect(r.problems.map((p) => [...brief(p), p.limit, p.messageIndex])).toEqual([
      [18, 4, "FTX", undefined, undefined, "maxSegments", 0],
    ]);
    expect(r.interchanges[0]!.messages[0]!.segments.map((s) => s.tag)).toEqual(["BGM"]);
    expect(r.interchanges[0]!.messages[0]!.unt).toBeUndefined();
  });

  it.each([
    ["maxElementsPerSegment", 2, "UNB"],
    ["maxComponentsPerElement", 3, "UNH"],
  ] as const)("stops at %s", (limit, max, tag) => {
    const r = parseEdifact(text, { limits: { [limit]: max } });
    expect(r.problems.map((p) => [p.code, p.limit, p.segment?.tag])).toEqual([[16, limit, tag]]);
  });

  it("stops at maxRepetitions", () => {
    const r = parseEdifact(ic(UNB4, msg("1", ["ATT+2++M*F*X'"]), 1), { limits: { maxRepetitions: 1 } });
    expect(r.problems.map((p) => [p.code, p.limit, p.segment?.tag])).toEqual([[35, "maxRepetitions", "ATT"]]);
  });

  it("reads a value of a million release characters in one piece", () => {
    const r = parseEdifact(ic(UNB3, msg("1", [`FTX+AAI+++${"??".repeat(500_000)}x'`]), 1));
    expect(r.problems.map(brief)).toEqual([[39, 3, "FTX", 4, 1]]);
    expect(value(r.interchanges[0]!.messages[0]!.segments[0], 3)).toBe(`${"?".repeat(500_000)}x`);
  });

  it("reports a value over maxComponentLength (39) and reads on", () => {
    const r = parseEdifact(text, { limits: { maxComponentLength: 8 } });
    expect(r.problems.map(brief)).toEqual([[39, 4, "FTX", 4, 1]]);
    expect(r.problems[0]!.limit).toBeUndefined();
    expect(r.interchanges[0]!.unz).toBeDefined();
  });
});
