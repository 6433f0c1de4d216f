import { ProblemError } from "../../src/errors/index.js";
import { isJsonBody, parseResponseJson } from "../../src/formats/response-json.js";

import { NOTIFICATIONS } from "../../src/formats/wco/codes.js";
import { writeWcoDeclaration } from "../../src/formats/wco/write-declaration.js";
import { Cursor } from "../../src/formats/xml/cursor.js";
import { parseXml } from "../../src/formats/xml/parse.js";
import type { Adapter, AdapterFactory, ParsedResponse, ResponseInput } from "../../src/ports/adapter.js";

/**
 * WCO RES function codes as the UK CDS uses them (src/formats/wco/codes.ts, after HMRC's exports
 * service): 01 accepted, 03 rejected, 05 physical check, 06 documents required, 08 released,
 * 09 cleared. The others (02 received, 07 amendment processed, 10 cancelled, 11, 13, 16–18) are
 * still the partner's word on the declaration: they are kept as customs.notification with their
 * code and name, so the trace shows them.
 */
function resStatus(fc: string): { status: string; name?: string } {
  const n = NOTIFICATIONS[fc];
  if (n?.status) return { status: n.status, name: n.name };
  if (fc === "02") return { status: "received", name: n?.name ?? "received" };
  return { status: "notification", ...(n ? { name: n.name } : {}) };
}

const SHORT_STATUSES = [
  "received",
  "accepted",
  "rejected",
  "documents-required",
  "held-for-examination",
  "released",
];

function parseWcoResponse(body: Buffer): ParsedResponse {
  const xml = parseXml(body);
  const r = Cursor.root(xml.tree, xml.root);
  const res = r.child("Response");
  if (xml.root !== "MetaData" || !res) {
    throw new ProblemError(
      "SWG_UNSUPPORTED_DOCUMENT",
      `expected a WCO RES message (md:MetaData/Response), got ${xml.root}`,
    );
  }
  const fc = res.child("FunctionCode")?.text()?.trim() ?? "";
  const id = res.child("FunctionalReferenceID")?.text()?.trim();
  const decl = res.child("Declaration");
  const lrn = decl?.child("FunctionalReferenceID")?.text()?.trim();
  const mrn = decl?.child("ID")?.text()?.trim();
  if (!id)
    throw new ProblemError("SWG_VALIDATION_FAILED", "the response has no FunctionalReferenceID", [
      { message: "missing", xpath: "/MetaData/Response/FunctionalReferenceID" },
    ]);
  if (!lrn && !mrn) {
    throw new ProblemError("SWG_VALIDATION_FAILED", "the response names no declaration", [
      {
        message: "Response/Declaration/FunctionalReferenceID (LRN) or ID (MRN) is required",
        xpath: "/MetaData/Response/Declaration",
      },
    ]);
  }
  const errors = res.all("Error").map((e) => ({
    code: e.child("ValidationCode")?.text(),
    text: e.child("Description")?.text(),
    pointer: e.at("Pointer", "DocumentSectionCode")?.text(),
  }));
  const { status, name } = resStatus(fc);
  return {
    partnerMessageId: id,
    correlation: lrn ? { documentNumber: lrn } : { documentNumber: mrn! },
    status: `customs.${status}`,
    details: {
      functionCode: fc,
      ...(name ? { notification: name } : {}),
      ...(mrn ? { references: { mrn } } : {}),
      ...(errors.length > 0 ? { reasons: errors } : {}),
      ...(res.at("IssueDateTime", "DateTimeString")?.text()
        ? { issued: res.at("IssueDateTime", "DateTimeString")?.text() }
        : {}),
    },
  };
}

const factory: AdapterFactory = (manifest) => {
  const adapter: Adapter = {
    manifest,
    render({ document, partner }) {
      const xml = writeWcoDeclaration(document, {
        responsibleCountry:
          typeof partner.profile["responsibleCountry"] === "string"
            ? partner.profile["responsibleCountry"]
            : partner.country,
        ...(typeof partner.profile["agency"] === "string" ? { agency: partner.profile["agency"] } : {}),
      });
      return {
        format: "wco-dec-3.6",
        mediaType: "application/xml",
        body: Buffer.from(xml, "utf8"),
        filename: `${document.number}.xml`,
      };
    },
    parseResponse(input: ResponseInput) {
      return isJsonBody(input.mediaType, input.body)
        ? parseResponseJson(input.body, "customs", SHORT_STATUSES)
        : parseWcoResponse(input.body);
    },
  };
  return adapter;
};

export default factory;
