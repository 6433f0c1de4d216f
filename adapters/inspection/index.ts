import { APPLICATION_FORMAT, writeInspectionApplication } from "../../src/formats/inspection/application.js";
import { INSPECTION_RESULTS, readInspectionAnswer } from "../../src/formats/inspection/result.js";
import { isJsonBody, parseResponseJson } from "../../src/formats/response-json.js";
import type { Adapter, AdapterFactory, ParsedResponse, ResponseInput } from "../../src/ports/adapter.js";

function parseXmlAnswer(body: Buffer): ParsedResponse {
  const a = readInspectionAnswer(body);
  const inspection = {
    ...(a.certificate ? { certificateNumber: a.certificate.number } : {}),
    ...(a.certificate?.type ? { certificateType: a.certificate.type } : {}),
    ...(a.inspectionDate ? { inspectionDate: a.inspectionDate } : {}),
    ...(a.inspectionPlace ? { inspectionPlace: a.inspectionPlace } : {}),
  };
  return {
    partnerMessageId: a.answerId,
    correlation: a.messageId ? { messageId: a.messageId } : { documentNumber: a.applicationNumber! },
    status: `inspection.${a.result}`,
    details: {
      format: a.format,
      ...(a.issuedAt ? { occurredAt: a.issuedAt } : {}),
      ...(Object.keys(inspection).length > 0 ? { inspection } : {}),
      ...(a.certificate ? { references: { certificateNumber: a.certificate.number } } : {}),
      ...(a.reasons ? { reasons: a.reasons } : {}),
      ...(a.text ? { text: a.text } : {}),
    },
  };
}

const factory: AdapterFactory = (manifest) => {
  const adapter: Adapter = {
    manifest,
    render({ document, delivery, partner, gateway }) {
      const sender =
        typeof partner.profile["senderId"] === "string" ? partner.profile["senderId"] : gateway.id;
      return {
        format: APPLICATION_FORMAT,
        mediaType: "application/xml",
        body: Buffer.from(
          writeInspectionApplication(document, { messageId: delivery.messageId, sender }),
          "utf8",
        ),
        filename: `${document.number}.xml`,
      };
    },
    parseResponse(input: ResponseInput) {
      return isJsonBody(input.mediaType, input.body)
        ? parseResponseJson(input.body, "inspection", INSPECTION_RESULTS)
        : parseXmlAnswer(input.body);
    },
  };
  return adapter;
};

export default factory;
