import type { GroupData, InterchangeData, MessageData, Party, SegmentData } from "./types.js";

/** The service segments of an interchange from its typed fields. */

type Slot = readonly (string | undefined)[];

/** A segment without trailing empty components and elements: ISO 9735 forbids trailing separators. */
export function segment(tag: string, slots: readonly Slot[]): SegmentData {
  const elements = slots.map((slot) => {
    const comps = slot.map((c) => c ?? "");
    while (comps.length > 1 && comps[comps.length - 1] === "") comps.pop();
    return comps;
  });
  while (elements.length > 0 && elements[elements.length - 1]!.every((c) => c === "")) elements.pop();
  return { tag, elements };
}

const party = (p: Party | undefined, interchange: boolean): Slot =>
  interchange ? [p?.id, p?.qualifier, p?.internalId, p?.internalSubId] : [p?.id, p?.qualifier];

export function unbSegment(i: InterchangeData): SegmentData {
  const s = i.syntax;
  return segment("UNB", [
    [s.identifier, s.version, s.serviceCodeListVersion, s.characterEncoding],
    party(i.sender, true),
    party(i.recipient, true),
    [i.date, i.time],
    [i.controlRef],
    [i.recipientReference?.ref, i.recipientReference?.qualifier],
    [i.applicationReference],
    [i.priority],
    [i.ackRequest],
    [i.agreementId],
    [i.testIndicator],
  ]);
}

export function ungSegment(g: GroupData): SegmentData {
  const v = g.messageVersion;
  return segment("UNG", [
    [g.messageGroupId],
    party(g.applicationSender, false),
    party(g.applicationRecipient, false),
    [g.date, g.time],
    [g.ref],
    [g.agency],
    [v?.version, v?.release, v?.associationCode],
    [g.password],
  ]);
}

export function unhSegment(m: MessageData): SegmentData {
  return segment("UNH", [
    [m.ref],
    [m.type, m.version, m.release, m.agency, m.associationCode, m.codeListVersion, m.subFunction],
    [m.commonAccessReference],
    [m.transfer?.sequence, m.transfer?.marker],
    m.subset ?? [],
    m.guideline ?? [],
    m.scenario ?? [],
  ]);
}

/** UNT, UNE or UNZ. */
export function trailerSegment(tag: "UNT" | "UNE" | "UNZ", count: number, ref: string): SegmentData {
  return segment(tag, [[String(count)], [ref]]);
}
