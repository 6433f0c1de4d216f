import { describe, expect, it } from "vitest";
import { ProblemError } from "../../../../src/errors/index.js";
import { parseEdifact, readContrl } from "../../../../src/formats/edifact/index.js";
import {
  edifactAcknowledgement,
  withAcknowledgement,
} from "../../../../src/formats/edifact/messages/acknowledgement.js";
import type { Sniffed } from "../../../../src/formats/types.js";
import { readCorpus } from "../../../helpers/corpora.js";

const edi = (bytes: Buffer | string): Sniffed => ({
  kind: "edifact",
  mediaType: "application/edifact",
  bytes: typeof bytes === "string" ? Buffer.from(bytes) : bytes,
});
const options = {
  submissionId: "01a21c65-833f-749d-88c5-e07e0e025978",
  preparedAt: new Date("2025-06-15T08:30:00Z"),
};
const corpus = (name: string) => readCorpus(`unedifact-samples/edifabric-mit-2018/${name}`);

/** The CONTRL of an acknowledgement, as a partner's system would read it. */
function contrl(content: string) {
  const parsed = parseEdifact(content);
  expect(parsed.problems).toEqual([]);
  const read = readContrl(parsed.interchanges[0]!.messages[0]!);
  if (!read.ok) throw new Error(read.reason);
  return { interchange: parsed.interchanges[0]!, report: read.report };
}

describe("CONTRL in answer to a submitted interchange", () => {
  it("accepts a sound interchange that asks for one (UNB 0031 = 1): UCI 7, from its recipient to its sender", () => {
    const ack = edifactAcknowledgement(edi(corpus("Edifact_INVOIC_D00A.txt")), options)!;
    expect(ack).toMatchObject({ type: "CONTRL", mediaType: "application/edifact", action: "accepted" });
    const { interchange, report } = contrl(ack.content);
    expect(interchange.sender.id).toBe("PARTNERID");
    expect(interchange.recipient.id).toBe("102096559TEST");
    expect(interchange.ackRequest).toBeUndefined();
    expect(interchange.controlRef).toBe("E07E0E02597800");
    expect(report).toMatchObject({ controlRef: "131", action: "7", status: "accepted", messages: [] });
  });

  it("rejects a wrong segment count with 0085 code 29 at the UNT's count", () => {
    const ack = edifactAcknowledgement(
      edi(corpus("Edifact_INVOIC_D00A_Val_WrongSegmentCount.txt")),
      options,
    )!;
    expect(ack.action).toBe("rejected");
    const { report } = contrl(ack.content);
    expect(report.status).toBe("rejected");
    expect(report.messages).toEqual([
      expect.objectContaining({
        ref: "509010117",
        status: "rejected",
        error: expect.objectContaining({ code: "29", serviceTag: "UNT", elementPosition: 2 }) as unknown,
      }),
    ]);
  });

  it("points at the segment and data element of an error inside a message (UCS/UCD)", () => {
    const ack = edifactAcknowledgement(
      edi(corpus("Edifact_INVOIC_D00A_MultipleInvalidMessages.txt")),
      options,
    )!;
    const { report } = contrl(ack.content);
    expect(report.action).toBe("4");
    const tooLong = report.messages
      .flatMap((m) => m.segments)
      .find((s) => s.elements.some((e) => e.code === "39"));
    expect(tooLong).toMatchObject({
      elements: [expect.objectContaining({ code: "39", elementPosition: 3 })],
    });
  });

  it("rejects every level when any interchange of the body is faulty: the submission is taken whole", () => {
    const ack = edifactAcknowledgement(
      edi(corpus("Edifact_INVOIC_D00A_ValidAndInvalidMessage.txt")),
      options,
    )!;
    expect(ack.action).toBe("rejected");
    expect(contrl(ack.content).report).toMatchObject({
      action: "4",
      error: expect.objectContaining({ code: "29" }),
    });
  });

  it("answers each interchange of a body with its own CONTRL", () => {
    const ack = edifactAcknowledgement(edi(corpus("Edifact_INVOIC_D00A_MultipleInterchange.txt")), options)!;
    const parsed = parseEdifact(ack.content);
    expect(parsed.problems).toEqual([]);
    expect(parsed.interchanges.map((i) => i.controlRef)).toEqual(["E07E0E02597800", "E07E0E02597801"]);
  });

  it("is not sent when none is asked for, to a CONTRL, or for what is not EDIFACT", () => {
    expect(
      edifactAcknowledgement(edi(readCorpus("unedifact-samples/smooks-unedifact/INVOIC.edi")), options),
    ).toBeUndefined();
    const contrlBody =
      "UNB+UNOC:3+CUSTOMS+EXPORTER+250101:1200+9++++1'UNH+1+CONTRL:D:3:UN'UCI+7+EXPORTER+CUSTOMS+7'UNT+3+1'UNZ+1+9'";
    expect(edifactAcknowledgement(edi(contrlBody), options)).toBeUndefined();
    expect(
      edifactAcknowledgement({ kind: "json", mediaType: "application/json", value: {} }, options),
    ).toBeUndefined();
  });

  it("travels beside a refusal as the problem's `acknowledgement` extension member", () => {
    const ack = edifactAcknowledgement(
      edi(corpus("Edifact_INVOIC_D00A_Val_WrongSegmentCount.txt")),
      options,
    )!;
    const e = withAcknowledgement(new ProblemError("SWG_MALFORMED_EDIFACT", "bad count"), ack);
    expect(e.toBody()).toMatchObject({
      code: "SWG_MALFORMED_EDIFACT",
      acknowledgement: { type: "CONTRL", action: "rejected" },
    });
    expect(e.status).toBe(400);
  });
});
