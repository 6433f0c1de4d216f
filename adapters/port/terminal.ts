import { ProblemError } from "../../src/errors/index.js";
import {
  find,
  findAll,
  qualifier,
  readDtm,
  segmentGroups,
  value,
  type Interchange,
  type Message,
} from "../../src/formats/edifact/index.js";
import type { Correlation, ParsedResponse } from "../../src/ports/adapter.js";

/**
 * What a terminal's container report says, after the SMDG user manuals: CODECO BGM 34 gate-in,
 * 36 gate-out; COARRI BGM 44 discharged, 46 loaded. Each is a DCSA equipment event, as the
 * canonical port milestone carries it.
 */
const REPORTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  CODECO: { "34": "GTIN", "36": "GTOT" },
  COARRI: { "44": "DISC", "46": "LOAD" },
};

const UUID = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i;

/**
 * How a port message names what it answers: a message-level RFF+ACW (reference to previous
 * message) holding the gateway's message id (dashes may be dropped: 1154 is an..35 before D01B)
 * or the document's number.
 */
export function correlationOf(segments: Message["segments"]): Correlation | undefined {
  const acw = findAll(segments, "RFF", "ACW")
    .map((s) => value(s, 0, 1))
    .find(Boolean);
  if (!acw) return undefined;
  const m = UUID.exec(acw);
  return m ? { messageId: `${m[1]}-${m[2]}-${m[3]}-${m[4]}-${m[5]}`.toLowerCase() } : { documentNumber: acw };
}

/** A CODECO or COARRI: one milestone for the report, naming every container it lists. */
export function readTerminalReport(m: Message, ic: Interchange): ParsedResponse {
  const bgm = find(m.segments, "BGM");
  const code = REPORTS[m.type]?.[value(bgm, 0) ?? ""];
  if (!code) {
    throw new ProblemError(
      "SWG_UNSUPPORTED_DOCUMENT",
      `${m.type} BGM ${value(bgm, 0) ?? "(none)"} is not a report the port adapter reads (CODECO 34/36, COARRI 44/46)`,
    );
  }
  const correlation = correlationOf(m.segments);
  if (!correlation) {
    throw new ProblemError("SWG_VALIDATION_FAILED", `the ${m.type} names no message it answers`, [
      {
        message: "add RFF+ACW:<x-swg-message-id or document number> at message level",
        location: `message ${m.ref}`,
      },
    ]);
  }
  const equipment = segmentGroups(m.segments, { start: "EQD" }).map((g) => {
    const eqd = g[0]!;
    const when = findAll(g, "DTM").find((d) => ["203", "7", "178", "132"].includes(qualifier(d) ?? ""));
    const loc = findAll(g, "LOC").find((l) => ["165", "9", "11", "147"].includes(qualifier(l) ?? ""));
    return {
      id: value(eqd, 1) ?? "",
      fullEmpty: value(eqd, 5),
      at: when ? readDtm(when).date : undefined,
      locode: loc && qualifier(loc) !== "147" ? value(loc, 1) : undefined,
    };
  });
  const first = equipment[0];
  const at = first?.at?.kind === "point" ? first.at.iso : undefined;
  const port = findAll(m.segments, "LOC").find((l) => ["9", "11", "165"].includes(qualifier(l) ?? ""));
  const locode = first?.locode ?? value(port, 1);
  const tdt = find(m.segments, "TDT", "20");
  const vessel = value(tdt, 7, 3);
  const voyage = value(tdt, 1);
  const number = value(bgm, 1) ?? m.ref;
  return {
    partnerMessageId: `${m.type}-${number}-${ic.controlRef}-${m.ref}`,
    correlation,
    status: "port.milestone",
    details: {
      ...(at ? { occurredAt: at } : {}),
      dcsa: {
        eventType: "EQUIPMENT",
        eventClassifierCode: "ACT",
        equipmentEventTypeCode: code,
        ...(first?.id ? { equipmentReference: first.id } : {}),
        ...(first?.fullEmpty ? { emptyIndicatorCode: first.fullEmpty === "4" ? "EMPTY" : "LADEN" } : {}),
        ...(locode ? { location: { locode } } : {}),
        ...(vessel || voyage
          ? { transportCall: { ...(vessel ? { name: vessel } : {}), ...(voyage ? { voyage } : {}) } }
          : {}),
      },
      equipment: equipment.map((e) => e.id).filter(Boolean),
      report: { messageType: m.type, number },
    },
  };
}
