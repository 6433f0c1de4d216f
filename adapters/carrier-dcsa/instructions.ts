import { DcsaWriteError, writeDcsaShippingInstructions } from "../../src/formats/dcsa/index.js";
import type { Rendered, RenderInput } from "../../src/ports/adapter.js";

export const SI_FORMAT = "dcsa-ebl-3.0-si";

/**
 * The shipping instructions as a DCSA eBL 3.0 CreateShippingInstructions request, by the gateway's
 * DCSA writer: the SI's number travels as the shipper's reference, which the carrier's events and
 * transport document quote back. What DCSA requires and the instructions lack is a render error.
 */
export function renderInstructions(input: RenderInput): Rendered {
  const p = input.partner.profile;
  const contact = p["contact"] as { name: string; phone?: string; email?: string } | undefined;
  let value: Record<string, unknown>;
  try {
    value = writeDcsaShippingInstructions(input.document, {
      electronic: p["electronic"] !== false,
      ...(typeof p["carrierCode"] === "string" ? { carrierCode: p["carrierCode"] } : {}),
      ...(p["carrierCodeListProvider"] === "SMDG" || p["carrierCodeListProvider"] === "NMFTA"
        ? { carrierCodeListProvider: p["carrierCodeListProvider"] }
        : {}),
      ...(contact ? { contact } : {}),
    }).value;
  } catch (e) {
    if (e instanceof DcsaWriteError) throw new Error(e.message, { cause: e });
    throw e;
  }
  return {
    format: SI_FORMAT,
    mediaType: "application/json",
    body: Buffer.from(JSON.stringify(value, null, 2), "utf8"),
    filename: `${input.document.number}-si.json`,
  };
}
