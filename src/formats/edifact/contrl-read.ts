import { SYNTAX_ERRORS } from "./syntax-errors.js";
import type { MessageData, Party, SegmentData } from "./types.js";

/** What an 0083 action code says about the level it is reported at. */
export type ContrlStatus = "accepted" | "rejected" | "received" | "unknown";

/** An error as reported: 0085 with, where given, 0013 and S011 exactly as the partner sent them. */
export interface ContrlError {
  readonly code: string;
  /** The 0085 code's name when the code is in the code list. */
  readonly meaning?: string;
  readonly serviceTag?: string;
  /** S011/0098: the segment tag counts as position 1. */
  readonly elementPosition?: number;
  readonly componentPosition?: number;
  readonly occurrence?: number;
}

export interface ContrlSegmentReport {
  /** UCS 0096: position in the message, UNH being 1. */
  readonly position: number;
  readonly error?: ContrlError;
  readonly elements: readonly ContrlError[];
}

export interface ContrlMessageReport {
  readonly ref: string;
  readonly type?: string;
  readonly version?: string;
  readonly release?: string;
  readonly agency?: string;
  /** The reference of the group (UCF) the message was reported under. */
  readonly groupRef?: string;
  readonly action: string;
  readonly status: ContrlStatus;
  readonly error?: ContrlError;
  readonly segments: readonly ContrlSegmentReport[];
}

export interface ContrlGroupReport {
  readonly ref: string;
  readonly action: string;
  readonly status: ContrlStatus;
  readonly error?: ContrlError;
}

export interface ContrlReport {
  /** The interchange acknowledged (UCI): its control reference, sender and recipient. */
  readonly controlRef: string;
  readonly sender: Party;
  readonly recipient: Party;
  readonly action: string;
  readonly status: ContrlStatus;
  readonly error?: ContrlError;
  readonly groups: readonly ContrlGroupReport[];
  readonly messages: readonly ContrlMessageReport[];
}

export type ContrlReading =
  { readonly ok: true; readonly report: ContrlReport } | { readonly ok: false; readonly reason: string };

/**
 * 0083 action codes. 4, 7 and 8 are current; 1, 2, 3, 5 and 6 were withdrawn in 2001 but still arrive
 * from older translators.
 */
const STATUS: Readonly<Record<string, ContrlStatus>> = {
  "1": "accepted",
  "2": "accepted",
  "3": "accepted",
  "4": "rejected",
  "5": "accepted",
  "6": "rejected",
  "7": "accepted",
  "8": "received",
};

const text = (seg: SegmentData, element: number, component = 1): string | undefined => {
  const v = seg.elements[element - 1]?.[component - 1];
  return v === undefined || v === "" ? undefined : v;
};

const num = (v: string | undefined): number | undefined =>
  v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;

/** The error a segment carries: 0085 at position `code`, and 0013 and S011 where the segment has them. */
function errorOf(
  seg: SegmentData,
  at: { code: number; tag?: number; s011?: number },
): ContrlError | undefined {
  const code = text(seg, at.code);
  if (code === undefined) return undefined;
  const meaning = (SYNTAX_ERRORS as Readonly<Record<string, string>>)[code];
  const serviceTag = at.tag === undefined ? undefined : text(seg, at.tag);
  const position = (component: number) =>
    at.s011 === undefined ? undefined : num(text(seg, at.s011, component));
  const elementPosition = position(1);
  const componentPosition = position(2);
  const occurrence = position(3);
  return {
    code,
    ...(meaning !== undefined ? { meaning } : {}),
    ...(serviceTag !== undefined ? { serviceTag } : {}),
    ...(elementPosition !== undefined ? { elementPosition } : {}),
    ...(componentPosition !== undefined ? { componentPosition } : {}),
    ...(occurrence !== undefined ? { occurrence } : {}),
  };
}

const party = (seg: SegmentData, element: number): Party => {
  const qualifier = text(seg, element, 2);
  const internalId = text(seg, element, 3);
  return {
    id: text(seg, element) ?? "",
    ...(qualifier !== undefined ? { qualifier } : {}),
    ...(internalId !== undefined ? { internalId } : {}),
  };
};

// Own properties only: an action of "constructor" must not find Object.prototype.constructor.
const status = (action: string): ContrlStatus =>
  Object.hasOwn(STATUS, action) ? STATUS[action]! : "unknown";

/**
 * Reads a received CONTRL message: whether the interchange, its groups and its messages were accepted
 * or rejected, and the errors with their positions.
 */
export function readContrl(message: MessageData): ContrlReading {
  if (message.type !== "CONTRL") return { ok: false, reason: `a ${message.type} message is not a CONTRL` };
  const [uci, ...rest] = message.segments;
  if (uci?.tag !== "UCI") return { ok: false, reason: "the CONTRL does not start with a UCI" };
  const groups: ContrlGroupReport[] = [];
  const messages: {
    report: Omit<ContrlMessageReport, "segments">;
    segments: { report: Omit<ContrlSegmentReport, "elements">; elements: ContrlError[] }[];
  }[] = [];
  let inGroup: string | undefined;
  for (const seg of rest) {
    switch (seg.tag) {
      case "UCF": {
        const action = text(seg, 4) ?? "";
        const error = errorOf(seg, { code: 5, tag: 6, s011: 7 });
        inGroup = text(seg, 1) ?? "";
        groups.push({ ref: inGroup, action, status: status(action), ...(error ? { error } : {}) });
        break;
      }
      case "UCM": {
        const action = text(seg, 3) ?? "";
        const error = errorOf(seg, { code: 4, tag: 5, s011: 6 });
        const s009 = {
          type: text(seg, 2, 1),
          version: text(seg, 2, 2),
          release: text(seg, 2, 3),
          agency: text(seg, 2, 4),
        };
        const known = Object.fromEntries(Object.entries(s009).filter(([, v]) => v !== undefined)) as Partial<
          Record<keyof typeof s009, string>
        >;
        messages.push({
          report: {
            ref: text(seg, 1) ?? "",
            ...known,
            ...(inGroup !== undefined ? { groupRef: inGroup } : {}),
            action,
            status: status(action),
            ...(error ? { error } : {}),
          },
          segments: [],
        });
        break;
      }
      case "UCS": {
        const current = messages[messages.length - 1];
        if (!current) return { ok: false, reason: "a UCS comes before any UCM" };
        const error = errorOf(seg, { code: 2 });
        current.segments.push({
          report: { position: num(text(seg, 1)) ?? 0, ...(error ? { error } : {}) },
          elements: [],
        });
        break;
      }
      case "UCD": {
        const current = messages[messages.length - 1]?.segments.at(-1);
        if (!current) return { ok: false, reason: "a UCD comes before any UCS" };
        const error = errorOf(seg, { code: 1, s011: 2 });
        if (error) current.elements.push(error);
        break;
      }
      default:
        return { ok: false, reason: `${seg.tag} has no place in a CONTRL` };
    }
  }
  const action = text(uci, 4) ?? "";
  const error = errorOf(uci, { code: 5, tag: 6, s011: 7 });
  return {
    ok: true,
    report: {
      controlRef: text(uci, 1) ?? "",
      sender: party(uci, 2),
      recipient: party(uci, 3),
      action,
      status: status(action),
      ...(error ? { error } : {}),
      groups,
      messages: messages.map((m) => ({
        ...m.report,
        segments: m.segments.map((s) => ({ ...s.report, elements: s.elements })),
      })),
    },
  };
}
