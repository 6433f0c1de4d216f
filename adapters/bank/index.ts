import { readCategory7 } from "../../src/formats/bank/category7.js";
import { buildPresentationPackage, COVER_FORMAT } from "../../src/formats/bank/cover.js";
import { isJsonBody, parseResponseJson } from "../../src/formats/response-json.js";
import type { Adapter, AdapterFactory, ParsedResponse, ResponseInput } from "../../src/ports/adapter.js";

/** Short names the JSON response form accepts (status-event, category bank). */
const SHORT_STATUSES = ["complying", "discrepant", "refused", "authorised", "paid", "accepted"];

/** An MT 750 / 734 / 752 / 754 in text-block form → the canonical bank status and its details. */
function parseMtAnswer(body: Buffer): ParsedResponse {
  const a = readCategory7(body);
  return {
    partnerMessageId: a.messageId,
    // Field 21 quotes the cover schedule's reference: the presentation's number.
    correlation: { documentNumber: a.relatedReference },
    status: `bank.${a.status}`,
    details: {
      ...(a.date ? { occurredAt: a.date } : {}),
      bank: {
        messageType: a.messageType,
        presentingBankReference: a.relatedReference,
        senderReference: a.senderReference,
        ...(a.lcNumber ? { lcNumber: a.lcNumber } : {}),
        ...(a.amount ? { amount: a.amount } : {}),
        ...(a.status === "paid" && a.date ? { valueDate: a.date } : {}),
        ...(a.discrepancies ? { discrepancies: a.discrepancies } : {}),
        ...(a.disposalOfDocuments ? { disposalOfDocuments: a.disposalOfDocuments } : {}),
        ...(a.disposalText ? { disposalText: a.disposalText } : {}),
        ...(a.furtherIdentification ? { furtherIdentification: a.furtherIdentification } : {}),
        ...(a.chargesDeducted ? { chargesDeducted: a.chargesDeducted } : {}),
        ...(a.senderBic ? { senderBic: a.senderBic } : {}),
      },
      ...(a.senderToReceiver || a.narrative
        ? { text: [a.senderToReceiver, a.narrative].filter(Boolean).join("\n") }
        : {}),
    },
  };
}

const factory: AdapterFactory = (manifest) => {
  const adapter: Adapter = {
    manifest,
    render({ document, delivery, related }) {
      const pkg = buildPresentationPackage(document, related ?? [], delivery.messageId);
      return {
        format: COVER_FORMAT,
        mediaType: "application/json",
        body: Buffer.from(JSON.stringify(pkg, null, 2), "utf8"),
        filename: `${document.number}-presentation.json`,
      };
    },
    parseResponse(input: ResponseInput) {
      // FIN text opens with its basic header block, which a JSON sniff would take for an object.
      const fin = /^\uFEFF?\s*\{1:/.test(input.body.subarray(0, 16).toString("utf8"));
      return !fin && isJsonBody(input.mediaType, input.body)
        ? parseResponseJson(input.body, "bank", SHORT_STATUSES)
        : parseMtAnswer(input.body);
    },
  };
  return adapter;
};

export default factory;
