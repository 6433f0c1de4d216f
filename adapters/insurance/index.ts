import { INSURER_ANSWERS, readInsurerAnswer } from "../../src/formats/insurance/certificate.js";
import { REQUEST_FORMAT, writeCoverRequest } from "../../src/formats/insurance/request.js";
import { isJsonBody, parseResponseJson } from "../../src/formats/response-json.js";
import type { Adapter, AdapterFactory, ParsedResponse, ResponseInput } from "../../src/ports/adapter.js";

/**
 * The issued certificate comes back as a status event (insurer.issued) whose details carry the
 * certificate in the canonical insurance-certificate fields. It does not become a document by
 * itself: documents enter through the submission pipeline, validated and sealed on the
 * submitter's authority, and the exporter decides when to present it (e.g. to the bank).
 */
function parseXmlAnswer(body: Buffer): ParsedResponse {
  const a = readInsurerAnswer(body);
  return {
    partnerMessageId: a.answerId,
    correlation: a.messageId ? { messageId: a.messageId } : { documentNumber: a.requestNumber! },
    status: `insurer.${a.status}`,
    details: {
      ...(a.issuedAt ? { occurredAt: a.issuedAt } : {}),
      ...(a.certificate
        ? { certificate: a.certificate, references: { certificateNumber: a.certificate["number"] } }
        : {}),
      ...(a.reasons ? { reasons: a.reasons } : {}),
    },
  };
}

const factory: AdapterFactory = (manifest) => {
  const adapter: Adapter = {
    manifest,
    render({ document, delivery, partner }) {
      const policy = partner.profile["openPolicy"];
      const doc =
        typeof policy === "string" && document["policyNumber"] === undefined
          ? { ...document, policyNumber: policy }
          : document;
      return {
        format: REQUEST_FORMAT,
        mediaType: "application/xml",
        body: Buffer.from(writeCoverRequest(doc, { messageId: delivery.messageId }), "utf8"),
        filename: `${document.number}.xml`,
      };
    },
    parseResponse(input: ResponseInput) {
      return isJsonBody(input.mediaType, input.body)
        ? parseResponseJson(input.body, "insurer", INSURER_ANSWERS)
        : parseXmlAnswer(input.body);
    },
  };
  return adapter;
};

export default factory;
