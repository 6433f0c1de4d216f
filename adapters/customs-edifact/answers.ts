import { ProblemError, type Issue } from "../../src/errors/index.js";
import {
  parseEdifact,
  readContrl,
  toProblemError,
  type Interchange,
  type Message,
} from "../../src/formats/edifact/index.js";
import { readInterchanges } from "../../src/formats/edifact/messages/index.js";
import type { ParsedResponse } from "../../src/ports/adapter.js";

type Obj = Readonly<Record<string, unknown>>;

/** The canonical customs statuses a CUSRES reads into (src/formats/edifact/messages/codes.ts). */
export const CUSRES_STATUSES = [
  "accepted",
  "rejected",
  "released",
  "held-for-examination",
  "documents-required",
];

/**
 * A CONTRL acknowledges our CUSDEC interchange at syntax level: action 7 (or the withdrawn
 * 1/2/3/5) means customs took it in, `customs.received`; 4 or 6 means it was refused unread,
 * `customs.rejected`, each syntax error (0085) with the segment and element it points at.
 */
function contrlAnswer(m: Message, ic: Interchange): ParsedResponse {
  const read = readContrl(m);
  if (!read.ok) throw new ProblemError("SWG_VALIDATION_FAILED", `the CONTRL cannot be read: ${read.reason}`);
  const r = read.report;
  if (r.status !== "accepted" && r.status !== "rejected") {
    throw new ProblemError(
      "SWG_UNSUPPORTED_DOCUMENT",
      `CONTRL action ${r.action} (${r.status}) is not an answer the gateway records`,
    );
  }
  const reasons: { code: string; codeList: string; text: string }[] = [];
  const add = (e: { code: string; meaning?: string } | undefined, where: string) => {
    if (e)
      reasons.push({
        code: e.code,
        codeList: "UNCL0085",
        text: [e.meaning, where].filter(Boolean).join(": "),
      });
  };
  add(r.error, "interchange");
  for (const msg of r.messages) {
    add(msg.error, `message ${msg.ref}`);
    for (const s of msg.segments) {
      add(s.error, `message ${msg.ref}, segment ${s.position}`);
      for (const e of s.elements)
        add(e, `message ${msg.ref}, segment ${s.position}, element ${e.elementPosition ?? "?"}`);
    }
  }
  return {
    partnerMessageId: `CONTRL-${ic.sender.id}-${ic.controlRef}-${m.ref}`,
    correlation: { interchangeRef: r.controlRef },
    status: r.status === "accepted" ? "customs.received" : "customs.rejected",
    details: {
      acknowledgement: { action: r.action, controlRef: r.controlRef },
      ...(reasons.length > 0 ? { reasons } : {}),
    },
  };
}

/** A CUSRES, read by the gateway's CUSRES reader into the canonical customs status event. */
function cusresAnswer(body: Buffer): ParsedResponse {
  const reads = readInterchanges(body);
  const d = reads[0]!.draft as Obj;
  const answers = d["answers"] as Obj | undefined;
  const customs = (d["customs"] as Obj | undefined) ?? {};
  const number = answers?.["documentNumber"];
  const mrn = customs["mrn"];
  if (typeof number !== "string" && typeof mrn !== "string") {
    throw new ProblemError("SWG_VALIDATION_FAILED", "the CUSRES names no declaration", [
      { message: "RFF+ABE (the declarant's LRN), RFF+ACW or RFF+ABT (the MRN) is required", location: "RFF" },
    ]);
  }
  return {
    partnerMessageId: `CUSRES-${String(d["number"])}`,
    correlation: { documentNumber: typeof number === "string" ? number : (mrn as string) },
    status: `customs.${String(d["status"])}`,
    details: {
      occurredAt: d["occurredAt"],
      customs,
      ...(typeof mrn === "string" ? { references: { mrn } } : {}),
      ...(Array.isArray(d["reasons"]) && d["reasons"].length > 0 ? { reasons: d["reasons"] } : {}),
      ...(typeof d["text"] === "string" ? { text: d["text"] } : {}),
    },
  };
}

/** One message per answer: a CONTRL for our interchange, or a CUSRES on our declaration. */
export function parseEdifactAnswer(body: Buffer): ParsedResponse {
  const parsed = parseEdifact(body);
  const problem = toProblemError(parsed);
  if (problem) throw problem;
  const all = parsed.interchanges.flatMap((ic) => ic.messages.map((m) => ({ ic, m })));
  if (all.length !== 1) {
    const issues: Issue[] = [{ message: `found ${all.length} messages` }];
    throw new ProblemError("SWG_VALIDATION_FAILED", "send one message (CONTRL or CUSRES) per answer", issues);
  }
  const { ic, m } = all[0]!;
  if (m.type === "CONTRL") return contrlAnswer(m, ic);
  if (m.type === "CUSRES") return cusresAnswer(body);
  throw new ProblemError(
    "SWG_UNSUPPORTED_DOCUMENT",
    `UN/EDIFACT ${m.type} is not a customs answer (CONTRL or CUSRES)`,
  );
}
