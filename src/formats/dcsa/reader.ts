import { ProblemError } from "../../errors/index.js";
import type { FormatReader, ReadDocument, Sniffed } from "../types.js";
import { dcsaKind, placeholders } from "./detect.js";
import { readEvents } from "./events.js";
import { at, JsonTrace } from "./trace.js";
import { readShippingInstructions, readTransportDocument } from "./transport-documents.js";

const FORMAT = "dcsa-ebl-3.0";

function one(
  t: JsonTrace,
  reader: string,
  draft: ReadDocument["draft"],
  originalType: string,
  format = FORMAT,
): ReadDocument {
  return { draft, format, originalType, report: t.report(reader), sourceMap: t.trace.sourceMap };
}

/**
 * DCSA JSON → canonical documents: eBL 3.0 shipping instructions → shipping-instruction, eBL 3.0
 * transport documents (also inside an eBL issuance request) → bill-of-lading, Track & Trace 2.2
 * and 3.0 events → carrier milestones. A DCSA conformance template (a `{CBR}` or
 * `…_PLACEHOLDER` value) is refused with the pointer of each placeholder: template values are
 * not data. `today` dates shipping instructions, which carry no date of their own.
 */
export function readDcsa(
  value: unknown,
  today: () => string = () => new Date().toISOString().slice(0, 10),
): ReadDocument[] {
  const kind = dcsaKind(value);
  if (!kind) throw new ProblemError("SWG_UNSUPPORTED_DOCUMENT", "not a DCSA message the gateway recognises");
  const templated = placeholders(value);
  if (templated.length > 0) {
    throw new ProblemError(
      "SWG_VALIDATION_FAILED",
      `the DCSA message is a template: ${templated.length} placeholder value${templated.length === 1 ? "" : "s"}`,
      templated,
    );
  }
  switch (kind.kind) {
    case "unread":
      throw new ProblemError(
        "SWG_UNSUPPORTED_DOCUMENT",
        `${kind.what}; the gateway reads DCSA shipping instructions, transport documents and Track & Trace events`,
      );
    case "shipping-instructions": {
      const t = new JsonTrace(value);
      return [one(t, "dcsa-si", readShippingInstructions(t, today), "ShippingInstructions")];
    }
    case "transport-document": {
      const t = new JsonTrace(at(value, kind.base), kind.base);
      return [one(t, "dcsa-td", readTransportDocument(t), "TransportDocument")];
    }
    case "events": {
      const { reads, issues, skipped } = readEvents(value, kind.list, kind.v3);
      if (issues.length > 0)
        throw new ProblemError(
          "SWG_VALIDATION_FAILED",
          `${issues.length} Track & Trace event fault${issues.length === 1 ? "" : "s"}`,
          issues,
        );
      if (reads.length === 0)
        throw new ProblemError(
          "SWG_UNSUPPORTED_DOCUMENT",
          "the Track & Trace message holds no shipment, transport or equipment event",
          skipped,
        );
      const format = kind.v3 ? "dcsa-tnt-3.0" : "dcsa-tnt-2.2";
      return reads.map((r) => {
        const report = r.trace.report("dcsa-tnt", r.base);
        return {
          draft: r.draft,
          format,
          originalType: "Event",
          report: { ...report, issues: [...report.issues, ...skipped] },
          sourceMap: r.trace.trace.sourceMap,
        };
      });
    }
  }
}

export const dcsaReader: FormatReader = {
  id: "dcsa",
  accepts: (s: Sniffed) => s.kind === "json" && dcsaKind(s.value) !== undefined,
  read: (s: Sniffed) => (s.kind === "json" ? readDcsa(s.value) : []),
};
