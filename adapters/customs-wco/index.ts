import { ProblemError } from "../../src/errors/index.js";
import { isJsonBody, parseResponseJson } from "../../src/formats/response-json.js";

import { writeWcoDeclaration } from "../../src/formats/wco/write-declaration.js";
import { Cursor } from "../../src/formats/xml/cursor.js";
import { parseXml } from "../../src/formats/xml/parse.js";
import type { Adapter, AdapterFactory, ParsedResponse, ResponseInput } from "../../src/ports/adapter.js";

/**
 * WCO RES function codes as the UK CDS uses them for declaration notifications
 * (DMSRCV 02, DMSACC 01, DMSREJ 03, DMSDOC 06, DMSRES 07, DMSCLE 09, DMSCTL 10?).
 * Codes not listed map to customs.notification with the code kept.
 */
const RES_CODES: Readonly<Record<string, string>> = {
  "01": "accepted",
  "02": "received",
  "03": "rejected",
  "06": "documents-required",
  "07": "released",
  "09": "cleared",
  "10": "held-for-examination",
};

const SHORT_STATUSES = [
  "received",
  "accepted",
  "rejected",
  "documents-required",
  "held-for-examination",
  "released",
  "cleared",
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
  const status = RES_CODES[fc];
  return {
    partnerMessageId: id,
    correlation: lrn ? { documentNumber: lrn } : { documentNumber: mrn! },
    status: `customs.${status ?? "notification"}`,
    details: {
      functionCode: fc,
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
