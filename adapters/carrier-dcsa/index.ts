import { ProblemError } from "../../src/errors/index.js";
import { isJsonBody } from "../../src/formats/response-json.js";
import type {
  Adapter,
  AdapterFactory,
  ParsedResponse,
  Rendered,
  RenderInput,
  ResponseInput,
} from "../../src/ports/adapter.js";
import { parseDcsa, parseJsonForm } from "./answers.js";
import { renderInstructions } from "./instructions.js";
import { renderRelease } from "./release.js";

/** What the carrier is sent, by document type. */
const RENDERERS: Readonly<Record<string, (input: RenderInput) => Rendered>> = {
  "shipping-instruction": renderInstructions,
  "export-declaration": renderRelease,
};

function parse(input: ResponseInput): ParsedResponse {
  if (!isJsonBody(input.mediaType, input.body))
    throw new ProblemError(
      "SWG_UNSUPPORTED_DOCUMENT",
      "a carrier answers in DCSA JSON or the gateway's JSON form",
    );
  let value: unknown;
  try {
    value = JSON.parse(input.body.toString("utf8"));
  } catch (e) {
    throw new ProblemError("SWG_MALFORMED_JSON", `the answer is not JSON: ${(e as Error).message}`);
  }
  // The gateway's own form names itself by responseId; anything else must be DCSA.
  const own = typeof value === "object" && value !== null && !Array.isArray(value) && "responseId" in value;
  return own ? parseJsonForm(input.body) : parseDcsa(value);
}

const factory: AdapterFactory = (manifest) => {
  const adapter: Adapter = {
    manifest,
    render(input) {
      const render = RENDERERS[input.document.type];
      if (!render) throw new Error(`the carrier adapter does not render ${input.document.type}`);
      return render(input);
    },
    parseResponse: parse,
  };
  return adapter;
};

export default factory;
