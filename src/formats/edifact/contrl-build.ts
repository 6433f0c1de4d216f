import { interchange } from "./builder.js";
import type { ParseResult } from "./envelope.js";
import { segment } from "./service-write.js";
import type { SyntaxProblem } from "./syntax-errors.js";
import type { Interchange, InterchangeData, Message, Party, SegmentData } from "./types.js";
import { writeInterchange, type WriteOptions } from "./writer.js";

export interface ContrlOptions {
  /** The acknowledgement's own interchange control reference (its UNB 0020). */
  readonly controlRef: string;
  readonly preparedAt: Date;
  /** The partner agreement asks for a CONTRL whether or not the interchange does (UNB 0031). */
  readonly agreementRequiresContrl?: boolean;
  /** The CONTRL message's reference (UNH 0062); "1" by default. */
  readonly messageRef?: string;
  /** List accepted messages too (UCM action 7). By default only rejected ones are listed: UCI 7 covers the rest. */
  readonly listAcceptedMessages?: boolean;
  /** The acknowledging party; by default the recipient of the subject interchange. */
  readonly sender?: Party;
  readonly write?: WriteOptions;
}

export type ContrlDecision =
  | { readonly send: false; readonly reason: "not-requested" | "answers-contrl" | "unaddressable" }
  | {
      readonly send: true;
      /** UCI 0083: "7" acknowledged (rejected messages or groups listed below it), "4" all rejected. */
      readonly action: "7" | "4";
      readonly rejectedMessages: readonly string[];
      readonly rejectedGroups: readonly string[];
      readonly interchange: InterchangeData;
      readonly text: string;
    };

/** CONTRL segment limits: UCS per message and UCD per UCS. */
const MAX_UCS = 999;
const MAX_UCD = 99;
const SERVICE = new Set(["UNA", "UNB", "UNZ", "UNG", "UNE", "UNH", "UNT"]);

/** S011: ISO 9735 counts the segment tag as data element position 1. */
function s011(p: SyntaxProblem, syntaxVersion: string): string[] {
  if (p.element === undefined) return [];
  const occurrence = syntaxVersion === "4" && p.occurrence !== undefined ? String(p.occurrence) : "";
  return [String(p.element + 1), p.component !== undefined ? String(p.component) : "", occurrence];
}

/** 0083, 0085, 0013 and S011 of a UCI, UCF or UCM. */
function verdict(action: string, problem: SyntaxProblem | undefined, syntaxVersion: string): string[][] {
  if (!problem) return [[action]];
  const tag = problem.serviceTag !== undefined && SERVICE.has(problem.serviceTag) ? problem.serviceTag : "";
  return [[action], [String(problem.code)], [tag], s011(problem, syntaxVersion)];
}

/** S002/S003 have a fourth component only from syntax 4 on; S006/S007 have two. */
const partyComponents = (p: Party | undefined, level: "group" | "3" | "4"): (string | undefined)[] =>
  level === "group"
    ? [p?.id, p?.qualifier]
    : [p?.id, p?.qualifier, p?.internalId, ...(level === "4" ? [p?.internalSubId] : [])];

/** A party as the syntax version can carry it in a UNB. */
const fit = (p: Party, version: string): Party => {
  if (version === "4" || p.internalSubId === undefined) return p;
  const { internalSubId: _dropped, ...rest } = p;
  return rest;
};

/** The problems of one interchange sorted by the level that reports them. */
function classify(subject: Interchange, problems: readonly SyntaxProblem[]) {
  const top: SyntaxProblem[] = [];
  const groups = new Map<number, SyntaxProblem[]>();
  const messages = new Map<number, SyntaxProblem[]>();
  const into = (map: Map<number, SyntaxProblem[]>, key: number, p: SyntaxProblem) => {
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  };
  for (const p of problems) {
    // A message without a reference cannot be named in a UCM: its problems go to the UCI.
    if (p.messageIndex !== undefined && (subject.messages[p.messageIndex]?.ref ?? "") !== "")
      into(messages, p.messageIndex, p);
    else if (p.groupIndex !== undefined && p.messageIndex === undefined) into(groups, p.groupIndex, p);
    else top.push(p);
  }
  return { top, groups, messages };
}

/** UCM and, for errors in its data segments, UCS and UCD. */
function messageResponse(
  m: Message,
  problems: readonly SyntaxProblem[] | undefined,
  syntaxVersion: string,
): SegmentData[] {
  const s009 = [m.type, m.version, m.release, m.agency, ...(m.associationCode ? [m.associationCode] : [])];
  const inBody = (p: SyntaxProblem) =>
    p.segment?.inMessage !== undefined && p.serviceTag !== "UNH" && p.serviceTag !== "UNT";
  const own = problems?.find((p) => !inBody(p));
  const out = [segment("UCM", [[m.ref], s009, ...verdict(problems ? "4" : "7", own, syntaxVersion)])];
  const bySegment = new Map<number, SyntaxProblem[]>();
  for (const p of problems ?? []) {
    if (!inBody(p)) continue;
    const at = p.segment!.inMessage!;
    bySegment.set(at, [...(bySegment.get(at) ?? []), p]);
  }
  for (const [at, list] of [...bySegment].slice(0, MAX_UCS)) {
    const whole = list.find((p) => p.element === undefined || p.element === 0);
    out.push(segment("UCS", [[String(at)], [whole ? String(whole.code) : undefined]]));
    for (const p of list.filter((q) => q.element !== undefined && q.element > 0).slice(0, MAX_UCD)) {
      out.push(segment("UCD", [[String(p.code)], s011(p, syntaxVersion)]));
    }
  }
  return out;
}

/**
 * Decides whether an interchange is answered with a CONTRL and, if so, builds it: UCI for the
 * interchange, UCF for each functional group, UCM for each rejected message (or every message), and
 * UCS/UCD pointing at the segment and data element in error, each with its 0085 code.
 *
 * A CONTRL is sent when the interchange asks for one (UNB 0031 = 1) or the partner agreement requires
 * it, and never in answer to an interchange that carries a CONTRL message, nor to one whose UNB names
 * no sender.
 */
export function acknowledge(
  result: ParseResult,
  interchangeIndex: number,
  options: ContrlOptions,
): ContrlDecision {
  const subject = result.interchanges[interchangeIndex];
  if (!subject) throw new RangeError(`there is no interchange ${interchangeIndex}`);
  if (subject.messages.some((m) => m.type === "CONTRL")) return { send: false, reason: "answers-contrl" };
  if (subject.ackRequest !== "1" && options.agreementRequiresContrl !== true) {
    return { send: false, reason: "not-requested" };
  }
  const sender = options.sender ?? subject.recipient;
  // With no interchange sender to reply to (or no recipient to reply as), no valid UNB can be written.
  if (subject.sender.id === "" || sender.id === "") return { send: false, reason: "unaddressable" };

  const version = /^[1-4]$/.test(subject.syntax.version) ? subject.syntax.version : "3";
  const level = version === "4" ? "4" : "3";
  const { top, groups, messages } = classify(
    subject,
    result.problems.filter((p) => p.interchangeIndex === interchangeIndex),
  );
  const rejected = (i: number) => messages.has(i);
  const inGroup = (g: number | undefined) =>
    subject.messages.map((m, i) => ({ m, i })).filter(({ m }) => m.group === g);
  const groupRejected = (g: number) => {
    const members = inGroup(g);
    return groups.has(g) || (members.length > 0 && members.every(({ i }) => rejected(i)));
  };
  const everything =
    subject.groups.length > 0
      ? subject.groups.map((_, g) => groupRejected(g))
      : subject.messages.map((_, i) => rejected(i));
  const action = top.length > 0 || (everything.length > 0 && everything.every(Boolean)) ? "4" : "7";

  const responses = (g: number | undefined) =>
    inGroup(g)
      .filter(({ i }) => rejected(i) || options.listAcceptedMessages === true)
      .flatMap(({ m, i }) => messageResponse(m, messages.get(i), version));

  const body: SegmentData[] = [
    segment("UCI", [
      [subject.controlRef],
      partyComponents(subject.sender, level),
      partyComponents(subject.recipient, level),
      ...verdict(action, top[0], version),
    ]),
    ...responses(undefined),
  ];
  subject.groups.forEach((group, g) => {
    const listed = responses(g);
    if (listed.length === 0 && !groups.has(g) && options.listAcceptedMessages !== true) return;
    const ucf = segment("UCF", [
      [group.ref],
      partyComponents(group.applicationSender, "group"),
      partyComponents(group.applicationRecipient, "group"),
      ...verdict(groupRejected(g) ? "4" : "7", groups.get(g)?.[0], version),
    ]);
    body.push(ucf, ...listed);
  });

  const identifier = /^[A-Z]{4}$/.test(subject.syntax.identifier) ? subject.syntax.identifier : "UNOA";
  const data = interchange({
    sender: fit(sender, version),
    recipient: fit(subject.sender, version),
    controlRef: options.controlRef,
    preparedAt: options.preparedAt,
    syntax: { identifier, version },
    separators: subject.separators,
    test: subject.testIndicator === "1",
  })
    .message("CONTRL", version === "4" ? "4" : "D", version === "4" ? "1" : "3", "UN", body, {
      ref: options.messageRef ?? "1",
    })
    .build();
  return {
    send: true,
    action,
    rejectedMessages: subject.messages.filter((_, i) => rejected(i)).map((m) => m.ref),
    rejectedGroups: subject.groups.filter((_, g) => groupRejected(g)).map((gr) => gr.ref),
    interchange: data,
    text: writeInterchange(data, options.write),
  };
}
