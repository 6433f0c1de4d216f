import { writeIftmin } from "../../src/formats/edifact/messages/index.js";
import type { Rendered, RenderInput } from "../../src/ports/adapter.js";
import { envelopeFor } from "./envelope.js";

export const IFTMIN_FORMAT = "edifact-iftmin-d96a";

/**
 * The shipping instructions as the port community system takes them from forwarders: IFTMIN
 * (D96A), written by the gateway's IFTMIN writer. The PCS sees the booking, routing, vessel,
 * containers and goods; never the consignee, notify parties, the invoice or the credit.
 */
export function renderInstructions(input: RenderInput): Rendered {
  const { init } = envelopeFor(input, new Date(input.document.issuedAt));
  const written = writeIftmin(input.document, {
    sender: init.sender,
    recipient: init.recipient,
    controlRef: init.controlRef,
    preparedAt: init.preparedAt,
    release: "96A",
    ...(input.partner.profile["charset"] ? { syntax: init.syntax! } : {}),
  });
  return {
    format: IFTMIN_FORMAT,
    mediaType: written.mediaType,
    body: written.bytes,
    filename: `${input.document.number}.edi`,
  };
}
