import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  defaultSeparators,
  EdifactWriteError,
  interchange,
  parseEdifact,
  writeInterchange,
  type GroupData,
  type InterchangeData,
  type MessageData,
  type Party,
  type SegmentData,
  type Separators,
} from "../../../src/formats/edifact/index.js";
import { toData } from "./helpers.js";

const preparedAt = new Date(Date.UTC(2024, 0, 31, 9, 5));

describe("EDIFACT writer", () => {
  it("builds an interchange with escaped values and computed trailers", () => {
    const text = interchange({
      sender: { id: "EXPORTER", qualifier: "ZZ" },
      recipient: "CUSTOMS",
      controlRef: "IC1",
      preparedAt,
      ackRequest: true,
    })
      .message("CUSDEC", "D", "96B", "UN", [
        ["BGM", "929", "DEC+1:2'x?", "9"],
        ["DTM", ["137", "20240131", "102"]],
      ])
      .message("CUSDEC", "D", "96B", "UN", [["BGM", "929", "DEC2", "9"]], { ref: "M2" })
      .write();
    expect(text).toBe(
      "UNB+UNOC:3+EXPORTER:ZZ+CUSTOMS+240131:0905+IC1++++1'" +
        "UNH+1+CUSDEC:D:96B:UN'BGM+929+DEC?+1?:2?'x??+9'DTM+137:20240131:102'UNT+4+1'" +
        "UNH+M2+CUSDEC:D:96B:UN'BGM+929+DEC2+9'UNT+3+M2'" +
        "UNZ+2+IC1'",
    );
  });

  it("writes groups with their counts, a syntax 4 date, and line breaks when asked", () => {
    const text = interchange({
      sender: "S",
      recipient: "R",
      controlRef: "9",
      preparedAt,
      syntax: { identifier: "UNOW", version: "4" },
    })
      .group({
        messageGroupId: "IFTMIN",
        applicationSender: { id: "AS" },
        applicationRecipient: { id: "AR" },
        agency: "UN",
      })
      .message("IFTMIN", "D", "96A", "UN", [["BGM", "610"]])
      .message("IFTMIN", "D", "96A", "UN", [])
      .write({ lineBreak: "\n" });
    expect(text.split("\n")).toEqual([
      "UNB+UNOW:4+S+R+20240131:0905+9'",
      "UNG+IFTMIN+AS+AR+20240131:0905+1+UN'",
      "UNH+1+IFTMIN:D:96A:UN'",
      "BGM+610'",
      "UNT+3+1'",
      "UNH+2+IFTMIN:D:96A:UN'",
      "UNT+2+2'",
      "UNE+2+1'",
      "UNZ+1+9'",
      "",
    ]);
    expect(parseEdifact(text).problems).toEqual([]);
  });

  it("writes a UNA when the separators are not the defaults, or when asked", () => {
    const separators: Separators = {
      component: "^",
      element: "|",
      decimalMark: ",",
      release: "!",
      segment: "~",
    };
    const built = interchange({
      sender: "S",
      recipient: "R",
      controlRef: "1",
      preparedAt,
      separators,
    }).message("INVOIC", "D", "96A", "UN", [["FTX", "AAI", "", "", "a|b^c~d!e"]]);
    expect(built.write()).toBe(
      "UNA^|,! ~UNB|UNOC^3|S|R|240131^0905|1~UNH|1|INVOIC^D^96A^UN~FTX|AAI|||a!|b!^c!~d!!e~UNT|3|1~UNZ|1|1~",
    );
    const plain = interchange({ sender: "S", recipient: "R", controlRef: "1", preparedAt }).message(
      "INVOIC",
      "D",
      "96A",
      "UN",
      [],
    );
    expect(plain.write({ una: "always" }).startsWith("UNA:+.? 'UNB+")).toBe(true);
    expect(plain.write().startsWith("UNB+")).toBe(true);
  });

  it("writes repetitions and nesting indicators", () => {
    const seg: SegmentData = {
      tag: "ATT",
      nesting: ["1"],
      elements: [["2"], [""], ["M"]],
      repeats: { 2: [["F"], ["X", "Y"]] },
    };
    const text = interchange({
      sender: "S",
      recipient: "R",
      controlRef: "1",
      preparedAt,
      syntax: { identifier: "UNOC", version: "4" },
    })
      .message("PAXLST", "D", "03B", "UN", [seg])
      .write();
    expect(text).toContain("ATT:1+2++M*F*X:Y'");
  });

  it.each<[string, (d: InterchangeData) => InterchangeData, RegExp]>([
    [
      "a bad tag",
      (d) => ({ ...d, messages: [{ ...d.messages[0]!, segments: [{ tag: "bgm", elements: [] }] }] }),
      /not a segment tag/,
    ],
    [
      "a service segment in a message",
      (d) => ({ ...d, messages: [{ ...d.messages[0]!, segments: [{ tag: "UNT", elements: [] }] }] }),
      /contains a UNT/,
    ],
    [
      "a line break in a value",
      (d) => ({ ...d, messages: [{ ...d.messages[0]!, segments: [{ tag: "FTX", elements: [["a\nb"]] }] }] }),
      /line break/,
    ],
    [
      "a repetition without separator",
      (d) => ({
        ...d,
        messages: [
          { ...d.messages[0]!, segments: [{ tag: "ATT", elements: [["2"]], repeats: { 0: [["3"]] } }] },
        ],
      }),
      /no repetition separator/,
    ],
    [
      "a message in a group that does not exist",
      (d) => ({ ...d, messages: [{ ...d.messages[0]!, group: 0 }] }),
      /names a group/,
    ],
    ["unusable separators", (d) => ({ ...d, separators: { ...d.separators, element: ":" } }), /two purposes/],
  ])("refuses %s", (_name, change, message) => {
    const data = interchange({ sender: "S", recipient: "R", controlRef: "1", preparedAt })
      .message("INVOIC", "D", "96A", "UN", [])
      .build();
    expect(() => writeInterchange(change(data))).toThrow(EdifactWriteError);
    expect(() => writeInterchange(change(data))).toThrow(message);
  });
});

/** Generated interchanges: separators, header fields, groups, messages and segments, all with values full of service characters. */
const SEPARATOR_POOL = [
  ":",
  "+",
  "'",
  "?",
  "*",
  "|",
  "!",
  "#",
  "~",
  "^",
  "\\",
  "/",
  "&",
  "$",
  "@",
  ";",
  "=",
  "<",
  ">",
  "%",
];
const TEXT_CHARS = [..."ABCxyz019 .,-é中", ...SEPARATOR_POOL];
const text = (min = 0) => fc.string({ unit: fc.constantFrom(...TEXT_CHARS), minLength: min, maxLength: 12 });
const some = text(1);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const SERVICE_TAGS = new Set(["UNA", "UNB", "UNG", "UNH", "UNT", "UNE", "UNZ"]);
const tag = fc.stringMatching(/^[A-Z][A-Z0-9]{2}$/).filter((t) => !SERVICE_TAGS.has(t));
const comps = fc.array(text(), { minLength: 1, maxLength: 4 });

const separatorsFor = (version: string): fc.Arbitrary<Separators> =>
  fc.oneof(
    fc.constant(defaultSeparators(version)),
    fc
      .record({
        chars: fc.shuffledSubarray(SEPARATOR_POOL, { minLength: 5, maxLength: 5 }),
        decimalMark: fc.constantFrom(".", ","),
        repeat: fc.boolean(),
      })
      .map(({ chars: [component, element, release, repetition, segment], decimalMark, repeat }) => ({
        component: component!,
        element: element!,
        decimalMark,
        release: release!,
        ...(repeat ? { repetition: repetition! } : {}),
        segment: segment!,
      })),
  );

const segmentFor = (repetition: boolean): fc.Arbitrary<SegmentData> =>
  fc
    .record({
      tag,
      nesting: maybe(fc.array(some, { minLength: 1, maxLength: 2 })),
      elements: fc.array(comps, { maxLength: 6 }),
    })
    .chain((s) =>
      fc
        .record({
          picks: fc.subarray(
            s.elements.map((_, k) => k),
            { maxLength: repetition ? Math.min(2, s.elements.length) : 0 },
          ),
          more: fc.array(fc.array(comps, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 2 }),
        })
        .map(({ picks, more }) => {
          const repeats = Object.fromEntries(picks.map((k, n) => [k, more[n]!]));
          return {
            tag: s.tag,
            ...(s.nesting ? { nesting: s.nesting } : {}),
            elements: s.elements,
            ...(picks.length > 0 ? { repeats } : {}),
          };
        }),
    );

/** Interchange parties have a fourth component from syntax 4 on; group parties have two. */
const party = (level: "group" | "v3" | "v4"): fc.Arbitrary<Party> =>
  fc
    .record({ id: some, qualifier: maybe(some), internalId: maybe(some), internalSubId: maybe(some) })
    .map((p) =>
      level === "group"
        ? { id: p.id, qualifier: p.qualifier }
        : level === "v3"
          ? { ...p, internalSubId: undefined }
          : p,
    );

const messageFor = (
  version: string,
  type: string,
  repetition: boolean,
  group?: number,
): fc.Arbitrary<MessageData> =>
  fc.record({
    ref: some,
    type: fc.constant(type),
    version: fc.constant("D"),
    release: fc.constantFrom("93A", "96B", "01B", "16B"),
    agency: fc.constant("UN"),
    associationCode: maybe(some),
    codeListVersion: version === "4" ? maybe(some) : fc.constant(undefined),
    subFunction: version === "4" ? maybe(some) : fc.constant(undefined),
    commonAccessReference: maybe(some),
    transfer: maybe(fc.record({ sequence: digits(1), marker: maybe(fc.constantFrom("C", "F")) })),
    subset: version === "4" ? maybe(fc.array(some, { minLength: 1, maxLength: 4 })) : fc.constant(undefined),
    guideline: fc.constant(undefined),
    scenario: fc.constant(undefined),
    group: fc.constant(group),
    segments: fc.array(segmentFor(repetition), { maxLength: 5 }),
  });

const groupData: fc.Arbitrary<GroupData> = fc.record({
  ref: some,
  messageGroupId: some,
  applicationSender: party("group"),
  applicationRecipient: party("group"),
  date: fc.constantFrom("240115", "20240229"),
  time: fc.constantFrom("0000", "1230", "2359"),
  agency: fc.constant("UN"),
  messageVersion: fc.record({
    version: fc.constant("D"),
    release: fc.constant("96A"),
    associationCode: maybe(some),
  }),
  password: maybe(some),
});

const TYPES = ["INVOIC", "CUSDEC", "IFTMIN", "DESADV"];

const interchangeData: fc.Arbitrary<InterchangeData> = fc
  .record({
    version: fc.constantFrom("1", "2", "3", "4"),
    groups: fc.integer({ min: 0, max: 2 }),
  })
  .chain(({ version, groups }) =>
    separatorsFor(version).chain((separators) => {
      const rep = separators.repetition !== undefined;
      const messages =
        groups === 0
          ? fc.array(
              fc.constantFrom(...TYPES).chain((t) => messageFor(version, t, rep)),
              { minLength: 1, maxLength: 3 },
            )
          : fc
              .tuple(
                ...Array.from({ length: groups }, (_, g) =>
                  fc
                    .constantFrom(...TYPES)
                    .chain((t) => fc.array(messageFor(version, t, rep, g), { minLength: 1, maxLength: 2 })),
                ),
              )
              .map((lists) => lists.flat());
      return fc.record({
        separators: fc.constant(separators),
        syntax: fc.record({
          identifier: fc.constantFrom("UNOA", "UNOB", "UNOC", "UNOW"),
          version: fc.constant(version),
          serviceCodeListVersion: version === "4" ? maybe(some) : fc.constant(undefined),
          characterEncoding: version === "4" ? maybe(some) : fc.constant(undefined),
        }),
        sender: party(version === "4" ? "v4" : "v3"),
        recipient: party(version === "4" ? "v4" : "v3"),
        date:
          version === "4"
            ? fc.constantFrom("20240115", "19991231", "20240229")
            : fc.constantFrom("240115", "991231", "240229"),
        time: fc.constantFrom("0000", "0905", "2359"),
        controlRef: some,
        recipientReference: maybe(fc.record({ ref: some, qualifier: maybe(some) })),
        applicationReference: maybe(some),
        priority: maybe(fc.constantFrom("A", "B")),
        ackRequest: maybe(fc.constant("1")),
        agreementId: maybe(some),
        testIndicator: maybe(fc.constant("1")),
        groups: fc.array(groupData, { minLength: groups, maxLength: groups }),
        messages,
      });
    }),
  );

describe("EDIFACT writer: round trip", () => {
  test.prop([interchangeData, fc.constantFrom("", "\n", "\r\n")], { numRuns: 300, seed: 20261127 })(
    "parse(write(x)) gives back x, with no syntax problem",
    (data, lineBreak) => {
      const result = parseEdifact(writeInterchange(data, { lineBreak }));
      expect(result.problems).toEqual([]);
      expect(result.strayMessages).toEqual([]);
      expect(result.interchanges).toHaveLength(1);
      expect(toData(result.interchanges[0]!)).toEqual(data);
    },
  );
});
