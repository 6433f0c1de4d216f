import { describe, expect, it } from "vitest";
import {
  acknowledge,
  parseEdifact,
  readContrl,
  type ContrlDecision,
  type MessageData,
} from "../../../src/formats/edifact/index.js";

/** Hand-made interchanges and CONTRL messages. */

const preparedAt = new Date(Date.UTC(2024, 5, 1, 8, 0));
const options = { controlRef: "ACK9", preparedAt };
const UNB = (ack: string) => `UNB+UNOC:3+SENDER:ZZ+GATEWAY:ZZ+240601:0759+IC7++++${ack}'`;
const msg = (ref: string, body: string[], type = "CUSDEC", count = body.length + 2) =>
  `UNH+${ref}+${type}:D:96B:UN'${body.join("")}UNT+${count}+${ref}'`;
const sent = (d: ContrlDecision) => {
  if (!d.send) throw new Error(`no CONTRL: ${d.reason}`);
  return d;
};
const contrlOf = (text: string): MessageData => parseEdifact(text).interchanges[0]!.messages[0]!;

describe("CONTRL: when to send one", () => {
  const clean = `${msg("1", ["BGM+929+D1+9'"])}UNZ+1+IC7'`;

  it("sends none unless UNB 0031 asks for one or the partner agreement requires it", () => {
    const r = parseEdifact(`${UNB("")}${clean}`);
    expect(acknowledge(r, 0, options)).toEqual({ send: false, reason: "not-requested" });
    expect(sent(acknowledge(r, 0, { ...options, agreementRequiresContrl: true })).action).toBe("7");
    expect(sent(acknowledge(parseEdifact(`${UNB("1")}${clean}`), 0, options)).action).toBe("7");
  });

  it("never answers a CONTRL with a CONTRL", () => {
    const r = parseEdifact(`${UNB("1")}${msg("1", ["UCI+X+A+B+7'"], "CONTRL")}UNZ+1+IC7'`);
    expect(acknowledge(r, 0, { ...options, agreementRequiresContrl: true })).toEqual({
      send: false,
      reason: "answers-contrl",
    });
  });

  it("acknowledges a clean interchange with a UCI alone, from its recipient to its sender", () => {
    const d = sent(acknowledge(parseEdifact(`${UNB("1")}${clean}`), 0, options));
    expect(d.text).toBe(
      "UNB+UNOC:3+GATEWAY:ZZ+SENDER:ZZ+240601:0800+ACK9'UNH+1+CONTRL:D:3:UN'UCI+IC7+SENDER:ZZ+GATEWAY:ZZ+7'UNT+3+1'UNZ+1+ACK9'",
    );
    expect([d.rejectedMessages, d.rejectedGroups]).toEqual([[], []]);
  });

  it("lists accepted messages too when asked", () => {
    const r = parseEdifact(`${UNB("1")}${msg("1", [])}${msg("2", [])}UNZ+2+IC7'`);
    const d = sent(acknowledge(r, 0, { ...options, listAcceptedMessages: true }));
    expect(d.text).toContain(
      "UCI+IC7+SENDER:ZZ+GATEWAY:ZZ+7'UCM+1+CUSDEC:D:96B:UN+7'UCM+2+CUSDEC:D:96B:UN+7'UNT+5+1'",
    );
  });

  it("writes CONTRL:4:1 for syntax 4, keeps the test indicator, and never asks for an acknowledgement", () => {
    const r = parseEdifact(`UNB+UNOW:4+S+R+20240601:0759+IC7++++1++1'${msg("1", [])}UNZ+1+IC7'`);
    const d = sent(
      acknowledge(r, 0, { ...options, sender: { id: "GW", qualifier: "14" }, messageRef: "C1" }),
    );
    expect(d.text).toBe(
      "UNB+UNOW:4+GW:14+S+20240601:0800+ACK9++++++1'UNH+C1+CONTRL:4:1:UN'UCI+IC7+S+R+7'UNT+3+C1'UNZ+1+ACK9'",
    );
  });
});

describe("CONTRL: where the errors are", () => {
  it("rejects one of two messages: UCI 7, UCM 4 with the UNT error", () => {
    const r = parseEdifact(
      `${UNB("1")}${msg("1", ["BGM+929'"])}${msg("2", ["BGM+929'"], "CUSDEC", 9)}UNZ+2+IC7'`,
    );
    const d = sent(acknowledge(r, 0, options));
    expect(d.action).toBe("7");
    expect(d.rejectedMessages).toEqual(["2"]);
    expect(d.text).toContain("UCI+IC7+SENDER:ZZ+GATEWAY:ZZ+7'UCM+2+CUSDEC:D:96B:UN+4+29+UNT+2'UNT+4+1'");
  });

  it("points UCS at the segment and UCD at the element and component", () => {
    const body = ["BGM+929'", "FTX+AAI+++OK:x?y'", "bad+1'"];
    const r = parseEdifact(`${UNB("1")}${msg("1", body)}UNZ+1+IC7'`);
    const d = sent(acknowledge(r, 0, options));
    expect(d.action).toBe("4");
    expect(d.text).toContain("UCM+1+CUSDEC:D:96B:UN+4'UCS+3'UCD+22+5:2'UCS+4+12'UNT+7+1'");
  });

  it("reports the occurrence of a repeated element in syntax 4 (0136)", () => {
    const r = parseEdifact(
      `UNB+UNOC:4+S+R+20240601:0759+IC7++++1'${msg("1", ["ATT+2++M*FEMALE'"])}UNZ+1+IC7'`,
      {
        limits: { maxComponentLength: 3 },
      },
    );
    expect(sent(acknowledge(r, 0, options)).text).toContain("UCS+2'UCD+39+4:1:2'");
  });

  it("reports group errors in a UCF", () => {
    const ung = "UNG+CUSDEC+AS:ZZ+AR+240601:0759+G1+UN+D:96B'";
    const r = parseEdifact(`${UNB("1")}${ung}${msg("1", [])}UNE+2+G1'UNZ+1+IC7'`);
    const d = sent(acknowledge(r, 0, options));
    expect(d.rejectedGroups).toEqual(["G1"]);
    expect(d.text).toContain("UCI+IC7+SENDER:ZZ+GATEWAY:ZZ+4'UCF+G1+AS:ZZ+AR+4+29+UNE+2'UNT+4+1'");
  });

  it("puts a grouped message's UCM under its UCF", () => {
    const ung = "UNG+CUSDEC+AS+AR+240601:0759+G1+UN+D:96B'";
    const r = parseEdifact(`${UNB("1")}${ung}${msg("1", [])}${msg("2", [], "CUSDEC", 5)}UNE+2+G1'UNZ+1+IC7'`);
    expect(sent(acknowledge(r, 0, options)).text).toContain(
      "+7'UCF+G1+AS+AR+7'UCM+2+CUSDEC:D:96B:UN+4+29+UNT+2'UNT+5+1'",
    );
  });

  it("reports interchange errors in the UCI, and a message without reference there too", () => {
    const r = parseEdifact(`${UNB("1")}UNH++CUSDEC:D:96B:UN'UNT+2+X'UNZ+3+IC8'`);
    const d = sent(acknowledge(r, 0, options));
    expect(d.action).toBe("4");
    expect(d.text).toContain("UCI+IC7+SENDER:ZZ+GATEWAY:ZZ+4+13+UNH+2'UNT+3+1'");
  });
});

describe("CONTRL: reading one", () => {
  it("reads acceptance, rejection and every error position", () => {
    const text =
      "UNB+UNOC:3+CUSTOMS+EXPORTER+240601:0800+R1'UNH+1+CONTRL:D:3:UN'" +
      "UCI+IC7+EXPORTER:ZZ+CUSTOMS+7'" +
      "UCM+M1+CUSDEC:D:96B:UN+4'UCS+5+13'UCS+9'UCD+12+3:2'UCD+39+4'" +
      "UCF+G1+A+B+4+29+UNE+2'UCM+M2+CUSDEC:D:96B:UN+4+28+UNT+3'" +
      "UNT+10+1'UNZ+1+R1'";
    const reading = readContrl(contrlOf(text));
    expect(reading).toEqual({
      ok: true,
      report: {
        controlRef: "IC7",
        sender: { id: "EXPORTER", qualifier: "ZZ" },
        recipient: { id: "CUSTOMS" },
        action: "7",
        status: "accepted",
        groups: [
          {
            ref: "G1",
            action: "4",
            status: "rejected",
            error: {
              code: "29",
              meaning: "Control count does not match number of instances received",
              serviceTag: "UNE",
              elementPosition: 2,
            },
          },
        ],
        messages: [
          {
            ref: "M1",
            type: "CUSDEC",
            version: "D",
            release: "96B",
            agency: "UN",
            action: "4",
            status: "rejected",
            segments: [
              { position: 5, error: { code: "13", meaning: "Missing" }, elements: [] },
              {
                position: 9,
                elements: [
                  { code: "12", meaning: "Invalid value", elementPosition: 3, componentPosition: 2 },
                  { code: "39", meaning: "Data element too long", elementPosition: 4 },
                ],
              },
            ],
          },
          {
            ref: "M2",
            type: "CUSDEC",
            version: "D",
            release: "96B",
            agency: "UN",
            groupRef: "G1",
            action: "4",
            status: "rejected",
            error: { code: "28", meaning: "References do not match", serviceTag: "UNT", elementPosition: 3 },
            segments: [],
          },
        ],
      },
    });
  });

  it.each([
    ["8", "received"],
    ["6", "rejected"],
    ["1", "accepted"],
    ["99", "unknown"],
    // An action named like an Object.prototype member has no meaning either.
    ["constructor", "unknown"],
    ["toString", "unknown"],
  ])("reads action %s as %s, and an unknown code without a meaning", (action, status) => {
    const reading = readContrl(
      contrlOf(`UNB+UNOA:2+A+B+240601:0800+R'UNH+1+CONTRL:2:2:UN'UCI+X+B+A+${action}+777'UNT+3+1'UNZ+1+R'`),
    );
    if (!reading.ok) throw new Error(reading.reason);
    expect(reading.report.status).toBe(status);
    expect(reading.report.error).toEqual({ code: "777" });
  });

  it.each([
    ["UCM+1+X:D:96A:UN+7'", "does not start with a UCI"],
    ["UCI+X+A+B+7'UCS+1'", "UCS comes before any UCM"],
    ["UCI+X+A+B+7'UCM+1+X:D:96A:UN+4'UCD+12+2'", "UCD comes before any UCS"],
    ["UCI+X+A+B+7'FTX+AAI'", "FTX has no place"],
  ])("refuses a malformed CONTRL: %s", (body, reason) => {
    const reading = readContrl(
      contrlOf(`UNB+UNOC:3+A+B+240601:0800+R'UNH+1+CONTRL:D:3:UN'${body}UNT+9+1'UNZ+1+R'`),
    );
    expect(reading.ok).toBe(false);
    expect(reading.ok ? "" : reading.reason).toContain(reason);
  });

  it("refuses a message that is not a CONTRL", () => {
    expect(
      readContrl({ ref: "1", type: "APERAK", version: "D", release: "96A", agency: "UN", segments: [] }),
    ).toEqual({
      ok: false,
      reason: "a APERAK message is not a CONTRL",
    });
  });

  it("reads back what it writes: each problem at its message, segment and element", () => {
    const body = ["BGM+929'", "FTX+AAI+++OK:x?y'"];
    const r = parseEdifact(`${UNB("1")}${msg("1", body)}${msg("2", [], "CUSDEC", 7)}UNZ+2+IC9'`);
    const reading = readContrl(contrlOf(sent(acknowledge(r, 0, options)).text));
    if (!reading.ok) throw new Error(reading.reason);
    const { report } = reading;
    expect([report.status, report.error?.code, report.error?.serviceTag]).toEqual(["rejected", "28", "UNZ"]);
    const problem = r.problems.find((p) => p.code === 22)!;
    expect(report.messages[0]!.segments).toEqual([
      {
        position: problem.segment!.inMessage,
        elements: [
          {
            code: "22",
            meaning: "Invalid service character(s)",
            elementPosition: problem.element! + 1,
            componentPosition: problem.component,
          },
        ],
      },
    ]);
    expect([report.messages[1]!.ref, report.messages[1]!.error?.code]).toEqual(["2", "29"]);
  });
});
