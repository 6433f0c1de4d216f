import { ProblemError } from "../../../errors/index.js";
import type { Sniffed } from "../../types.js";
import { acknowledge } from "../contrl-build.js";
import type { InterchangeData, SegmentData } from "../types.js";
import { EdifactWriteError, writeInterchange } from "../writer.js";
import { parsedBody } from "./parsed.js";

/** The CONTRL the gateway answers an interchange with, as it travels in the HTTP answer. */
export interface Acknowledgement {
  readonly type: "CONTRL";
  readonly mediaType: "application/edifact";
  /** The CONTRL interchange(s), one per interchange that asked for one, in the subject's syntax. */
  readonly content: string;
  /** accepted: UCI 7; rejected: UCI 4, with the 0085 codes and positions in UCM/UCS/UCD. */
  readonly action: "accepted" | "rejected";
}

export interface AcknowledgementOptions {
  /** The submission's id: the CONTRL control references derive from it, so they are unique. */
  readonly submissionId: string;
  readonly preparedAt: Date;
  /** The partner agreement asks for CONTRL whatever UNB 0031 says. */
  readonly agreementRequiresContrl?: boolean;
}

/** A 14-character UNB 0020 per acknowledged interchange: the submission id's random tail, then the index. */
const controlRef = (submissionId: string, i: number) =>
  `${submissionId.replace(/-/g, "").slice(-12).toUpperCase()}${String(i).padStart(2, "0")}`;

/** UCI and UCF say 4, rejected: the gateway takes a submission whole, so one fault refuses every level. */
function rejectAll(data: InterchangeData): InterchangeData {
  const reject = (s: SegmentData): SegmentData =>
    s.tag === "UCI" || s.tag === "UCF"
      ? { ...s, elements: s.elements.map((e, i) => (i === 3 ? ["4"] : e)) }
      : s;
  return { ...data, messages: data.messages.map((m) => ({ ...m, segments: m.segments.map(reject) })) };
}

/**
 * The CONTRL for a submitted body, or undefined when none is due: the body is no UN/EDIFACT, no
 * interchange asks for one (UNB 0031 = 1, or the agreement), it carries a CONTRL (never answered
 * with a CONTRL), or it names no sender to answer. A body with any syntax problem is refused as a
 * whole, so then every CONTRL says rejected, with the problems the syntax layer found.
 */
export function edifactAcknowledgement(s: Sniffed, o: AcknowledgementOptions): Acknowledgement | undefined {
  if (s.kind !== "edifact") return undefined;
  const result = parsedBody(s.bytes);
  const refused = result.problems.length > 0;
  const texts: string[] = [];
  result.interchanges.forEach((_, i) => {
    try {
      const decision = acknowledge(result, i, {
        controlRef: controlRef(o.submissionId, i),
        preparedAt: o.preparedAt,
        ...(o.agreementRequiresContrl ? { agreementRequiresContrl: true } : {}),
      });
      if (decision.send)
        texts.push(refused ? writeInterchange(rejectAll(decision.interchange)) : decision.text);
    } catch (e) {
      // Service characters the interchange advised but EDIFACT cannot write with: no CONTRL can be
      // written in its syntax; the refusal itself still names every problem.
      if (!(e instanceof EdifactWriteError)) throw e;
    }
  });
  if (texts.length === 0) return undefined;
  return {
    type: "CONTRL",
    mediaType: "application/edifact",
    content: texts.join("\n"),
    action: refused ? "rejected" : "accepted",
  };
}

/** The refusal with the CONTRL beside it (problem+json extension member `acknowledgement`). */
export function withAcknowledgement(e: ProblemError, ack: Acknowledgement | undefined): ProblemError {
  if (!ack) return e;
  return new ProblemError(e.code, e.message, e.issues, { ...e.extensions, acknowledgement: ack });
}
