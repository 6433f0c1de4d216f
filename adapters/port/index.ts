import { ProblemError } from "../../src/errors/index.js";
import { parseEdifact, toProblemError } from "../../src/formats/edifact/index.js";
import { isJsonBody, parseResponseJson } from "../../src/formats/response-json.js";
import type {
  Adapter,
  AdapterFactory,
  ParsedResponse,
  Rendered,
  RenderInput,
  ResponseInput,
} from "../../src/ports/adapter.js";
import { renderInstructions } from "./instructions.js";
import { renderRelease } from "./release.js";
import { readStatusReport } from "./status.js";
import { readTerminalReport } from "./terminal.js";

/** The JSON response form's short names for port milestones, as DCSA events. */
const JSON_EVENTS: Readonly<
  Record<string, { type: "EQUIPMENT" | "TRANSPORT"; field: string; code: string }>
> = {
  "gate-in": { type: "EQUIPMENT", field: "equipmentEventTypeCode", code: "GTIN" },
  "gate-out": { type: "EQUIPMENT", field: "equipmentEventTypeCode", code: "GTOT" },
  loaded: { type: "EQUIPMENT", field: "equipmentEventTypeCode", code: "LOAD" },
  discharged: { type: "EQUIPMENT", field: "equipmentEventTypeCode", code: "DISC" },
  arrived: { type: "TRANSPORT", field: "transportEventTypeCode", code: "ARRI" },
  departed: { type: "TRANSPORT", field: "transportEventTypeCode", code: "DEPA" },
};

function parseJson(body: Buffer): ParsedResponse {
  const r = parseResponseJson(body, "port", Object.keys(JSON_EVENTS));
  const ev = JSON_EVENTS[r.status.slice("port.".length)]!;
  const equipment = (r.details["references"] as Record<string, unknown> | undefined)?.["equipment"];
  return {
    ...r,
    status: "port.milestone",
    details: {
      ...r.details,
      ...(typeof r.details["at"] === "string" ? { occurredAt: r.details["at"] } : {}),
      dcsa: {
        eventType: ev.type,
        eventClassifierCode: "ACT",
        [ev.field]: ev.code,
        ...(typeof equipment === "string" ? { equipmentReference: equipment } : {}),
      },
    },
  };
}

/** One EDIFACT message per answer: a status report (IFTSTA) or a terminal report (CODECO, COARRI). */
function parseEdi(body: Buffer): ParsedResponse {
  const parsed = parseEdifact(body);
  const problem = toProblemError(parsed);
  if (problem) throw problem;
  const all = parsed.interchanges.flatMap((ic) => ic.messages.map((m) => ({ ic, m })));
  if (all.length !== 1) {
    throw new ProblemError(
      "SWG_VALIDATION_FAILED",
      `send one message per answer (this interchange holds ${all.length})`,
    );
  }
  const { ic, m } = all[0]!;
  if (m.type === "CODECO" || m.type === "COARRI") return readTerminalReport(m, ic);
  if (m.type === "IFTSTA") return readStatusReport(body, m);
  throw new ProblemError(
    "SWG_UNSUPPORTED_DOCUMENT",
    `UN/EDIFACT ${m.type} is not a port answer the adapter reads (IFTSTA, CODECO, COARRI)`,
  );
}

/** What the port is sent, by document type. */
const RENDERERS: Readonly<Record<string, (input: RenderInput) => Rendered>> = {
  "shipping-instruction": renderInstructions,
  "export-declaration": renderRelease,
};

const factory: AdapterFactory = (manifest) => {
  const adapter: Adapter = {
    manifest,
    render(input) {
      const render = RENDERERS[input.document.type];
      if (!render) throw new Error(`the port adapter does not render ${input.document.type}`);
      return render(input);
    },
    parseResponse(input: ResponseInput) {
      return isJsonBody(input.mediaType, input.body) ? parseJson(input.body) : parseEdi(input.body);
    },
  };
  return adapter;
};

export default factory;
