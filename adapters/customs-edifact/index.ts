import { writeCusdec } from "../../src/formats/edifact/messages/index.js";
import { isJsonBody, parseResponseJson } from "../../src/formats/response-json.js";
import {
  interchangeRefOf,
  type Adapter,
  type AdapterFactory,
  type ResponseInput,
} from "../../src/ports/adapter.js";
import { CUSRES_STATUSES, parseEdifactAnswer } from "./answers.js";

export const CUSDEC_FORMAT = "edifact-cusdec-d96b";

const factory: AdapterFactory = (manifest) => {
  const adapter: Adapter = {
    manifest,
    render({ document, delivery, partner, gateway }) {
      const p = partner.profile;
      const written = writeCusdec(document, {
        sender: {
          id: typeof p["senderId"] === "string" ? p["senderId"] : gateway.id.toUpperCase(),
          qualifier: "ZZZ",
        },
        recipient: {
          id: typeof p["edifactId"] === "string" ? p["edifactId"] : partner.id.toUpperCase(),
          qualifier: "ZZZ",
        },
        // CONTRL echoes it: the answer is correlated by it (responses.ts, interchangeRef).
        controlRef: interchangeRefOf(delivery.messageId),
        // The declaration's own date, not the clock: a resend repeats the bytes.
        preparedAt: new Date(document.issuedAt),
        release: "96B",
        ackRequest: p["ackRequest"] !== false,
        ...(p["charset"] === "UNOW" ? { syntax: { identifier: "UNOW", version: "4" } } : {}),
        ...(typeof p["associationCode"] === "string" ? { associationCode: p["associationCode"] } : {}),
      });
      return {
        format: CUSDEC_FORMAT,
        mediaType: written.mediaType,
        body: written.bytes,
        filename: `${document.number}.edi`,
      };
    },
    parseResponse(input: ResponseInput) {
      return isJsonBody(input.mediaType, input.body)
        ? parseResponseJson(input.body, "customs", ["received", ...CUSRES_STATUSES])
        : parseEdifactAnswer(input.body);
    },
  };
  return adapter;
};

export default factory;
