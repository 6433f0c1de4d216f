import { ProblemError } from "../../src/errors/index.js";
import type { Message } from "../../src/formats/edifact/index.js";
import { readInterchanges } from "../../src/formats/edifact/messages/index.js";
import type { ParsedResponse } from "../../src/ports/adapter.js";
import { sha256Hex } from "../../src/util/digest.js";
import { correlationOf } from "./terminal.js";

type Obj = Readonly<Record<string, unknown>>;

/**
 * An IFTSTA from the port community system, read by the gateway's IFTSTA reader (UN/ECE Rec 24
 * statuses to DCSA events): the latest status stands for the answer, all are listed. It names the
 * message it answers by RFF+ACW, else by the transport document or booking it reports on.
 */
export function readStatusReport(body: Buffer, m: Message): ParsedResponse {
  const drafts = readInterchanges(body).map((r) => r.draft as Obj);
  const latest = [...drafts]
    .sort((a, b) => String(a["occurredAt"]).localeCompare(String(b["occurredAt"])))
    .at(-1)!;
  const named = drafts
    .map((d) => (d["answers"] as Obj | undefined)?.["documentNumber"])
    .find((n) => typeof n === "string");
  const correlation =
    correlationOf(m.segments) ?? (typeof named === "string" ? { documentNumber: named } : undefined);
  if (!correlation) {
    throw new ProblemError("SWG_VALIDATION_FAILED", "the IFTSTA names no message or document it answers", [
      { message: "add RFF+ACW:<x-swg-message-id or document number>", location: `message ${m.ref}` },
    ]);
  }
  return {
    partnerMessageId:
      drafts.length === 1
        ? `IFTSTA-${String(latest["number"])}`
        : `IFTSTA-${sha256Hex(drafts.map((d) => String(d["number"])).join("|")).slice(0, 16)}`,
    correlation,
    status: "port.milestone",
    details: {
      occurredAt: latest["occurredAt"],
      dcsa: latest["dcsa"],
      ...(drafts.length > 1
        ? { events: drafts.map((d) => ({ occurredAt: d["occurredAt"], dcsa: d["dcsa"] })) }
        : {}),
      ...(typeof latest["text"] === "string" ? { text: latest["text"] } : {}),
      report: { messageType: "IFTSTA", number: String(latest["number"]) },
    },
  };
}
