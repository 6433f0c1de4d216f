import { ProblemError, type Issue } from "../../../errors/index.js";
import type { DraftDocument } from "../../../model/canonical.js";
import type { FormatReader, ReadDocument, Sniffed, SupersedesRef } from "../../types.js";
import { toProblemError } from "../issues.js";
import { directoryRank, messageDirectory } from "../reading.js";
import type { Interchange, Message } from "../types.js";
import { readCusdec } from "./cusdec.js";
import { readCusres } from "./cusres.js";
import { readDesadv } from "./desadv.js";
import { readIftmin } from "./iftmin.js";
import { readIftsta } from "./iftsta.js";
import { readInvoic } from "./invoic.js";
import { codeIn } from "./codes.js";
import { parsedBody } from "./parsed.js";
import { MessageTrace } from "./trace.js";

/** What a message reader makes of one message: the draft, and how an amendment names what it amends. */
export interface MessageRead {
  readonly draft: DraftDocument;
  readonly supersedesRef?: SupersedesRef;
  readonly delta?: boolean;
}

export type MessageReader = (
  m: Message,
  ic: Interchange,
  t: MessageTrace,
) => MessageRead | readonly MessageRead[];

/** The message types the gateway reads, and the reader of each (data, not a switch). */
export const MESSAGE_READERS: Readonly<
  Record<string, { readonly id: string; readonly read: MessageReader }>
> = {
  INVOIC: { id: "edifact-invoic", read: readInvoic },
  DESADV: { id: "edifact-desadv", read: readDesadv },
  IFTMIN: { id: "edifact-iftmin", read: readIftmin },
  IFTSTA: { id: "edifact-iftsta", read: readIftsta },
  CUSDEC: { id: "edifact-cusdec", read: readCusdec },
  CUSRES: { id: "edifact-cusres", read: readCusres },
};

/** Why the message types traders also send are not read: said in the refusal, so the sender knows. */
export const UNREAD_MESSAGES: Readonly<Record<string, string>> = {
  CONTRL:
    "a CONTRL is a syntax acknowledgement, a response: a partner sends it to POST /v1/partners/{id}/responses, never as a submission",
  APERAK:
    "an APERAK is an application acknowledgement, a response: partners send it to their responses route",
  ORDERS: "a purchase order is not a trade document the gateway routes (it reads the invoice, INVOIC)",
  ORDRSP: "an order response is not a trade document the gateway routes",
  ORDCHG: "an order change is not a trade document the gateway routes",
  BAPLIE: "a bay plan is terminal and vessel planning data, not a trade document",
  COARRI: "a container discharge/loading report is terminal data, not a trade document",
  CODECO: "a container gate-in/gate-out report is terminal data, not a trade document",
  COPRAR: "a container discharge/loading order is terminal data, not a trade document",
  PAXLST: "a passenger list is border-police data, not a trade document",
  IFTMBC:
    "a booking confirmation is the carrier's answer to a booking, not a trade document the gateway routes",
  IFTMBF: "a firm booking is not a trade document the gateway routes (it reads the instructions, IFTMIN)",
  CUSCAR: "a cargo report is the carrier's manifest to customs, not a trader's submission",
};

const READS = Object.keys(MESSAGE_READERS).join(", ");
const FIRST = directoryRank("D93A");
const LAST = directoryRank("D16B");

function refuse(code: ProblemError["code"], message: string, m: Message, ruleId: string): never {
  const issue: Issue = {
    message,
    location: `segment ${m.unh.number} (UNH), element 2`,
    ruleId,
  };
  throw new ProblemError(code, message, [issue]);
}

function readMessage(m: Message, ic: Interchange): ReadDocument[] {
  const entry = codeIn(MESSAGE_READERS, m.type);
  if (!entry) {
    const why = codeIn(UNREAD_MESSAGES, m.type) ?? `the gateway reads ${READS}`;
    refuse("SWG_UNSUPPORTED_DOCUMENT", `UN/EDIFACT ${m.type} is not read: ${why}`, m, "EDI-MESSAGE-TYPE");
  }
  const directory = messageDirectory(m);
  if (!directory || directoryRank(directory) < FIRST) {
    refuse(
      "SWG_UNSUPPORTED_DOCUMENT",
      `${m.type} version ${m.version} release ${m.release} is not a UN/EDIFACT directory from D93A on (S009 0052 D, 0054 e.g. 96B)`,
      m,
      "EDI-DIRECTORY",
    );
  }
  const t = new MessageTrace(m);
  if (directoryRank(directory) > LAST)
    t.warn(
      `directory ${directory} is newer than D16B: read with the D16B mapping`,
      undefined,
      undefined,
      undefined,
      "EDI-DIRECTORY",
    );
  const reads = entry.read(m, ic, t);
  const list = Array.isArray(reads) ? (reads as readonly MessageRead[]) : [reads as MessageRead];
  const report = t.report(entry.id);
  return list.map((r) => ({
    draft: r.draft,
    format: `edifact-${directory.toLowerCase()}`,
    originalType: m.associationCode ? `${m.type} (${m.associationCode})` : m.type,
    report,
    sourceMap: t.trace.sourceMap,
    ...(r.supersedesRef ? { supersedesRef: r.supersedesRef } : {}),
    ...(r.delta ? { delta: true } : {}),
  }));
}

/**
 * UN/EDIFACT → canonical documents, one (or, for IFTSTA, one per status) per message. An
 * interchange with any syntax problem is refused whole, with every problem's 0085 code and
 * position: the gateway takes an interchange as one submission, all or nothing, and its CONTRL
 * says so (src/formats/edifact/messages/acknowledgement.ts).
 */
export function readInterchanges(bytes: Buffer): ReadDocument[] {
  const result = parsedBody(bytes);
  const syntax = toProblemError(result);
  if (syntax) throw syntax;
  const out: ReadDocument[] = [];
  for (const ic of result.interchanges) for (const m of ic.messages) out.push(...readMessage(m, ic));
  return out;
}

export const edifactReader: FormatReader = {
  id: "edifact",
  accepts: (s: Sniffed) => s.kind === "edifact",
  read: (s: Sniffed, bytes: Buffer) => readInterchanges(s.kind === "edifact" ? s.bytes : bytes),
};
