import type {
  GroupData,
  Interchange,
  InterchangeData,
  Message,
  MessageData,
  Segment,
  SegmentData,
  SyntaxProblem,
} from "../../../src/formats/edifact/index.js";

/** The data of a parsed interchange, without where each part was found: what the writer takes. */
export function toData(ic: Interchange): InterchangeData {
  const { una: _una, unb: _unb, unz: _unz, groups, messages, ...rest } = ic;
  return {
    ...rest,
    groups: groups.map(({ ung: _ung, une: _une, ...g }): GroupData => g),
    messages: messages.map(messageData),
  };
}

export function messageData(m: Message): MessageData {
  const { unh: _unh, unt: _unt, segments, ...rest } = m;
  return { ...rest, segments: segments.map(segmentData) };
}

export function segmentData(s: Segment): SegmentData {
  const { position: _position, ...rest } = s;
  return rest;
}

/** A problem in a form that is easy to compare: [code, segment number, tag, element, component]. */
export type Brief = [number, number | undefined, string | undefined, number | undefined, number | undefined];

export const brief = (p: SyntaxProblem): Brief => [
  p.code,
  p.segment?.number,
  p.segment?.tag,
  p.element,
  p.component,
];
