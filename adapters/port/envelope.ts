import type { InterchangeInit } from "../../src/formats/edifact/index.js";
import { interchangeRefOf, type RenderInput } from "../../src/ports/adapter.js";

/**
 * The interchange envelope toward the port community system: the gateway and the partner by the
 * ids its profile gives (UNB S002/S003), a control reference taken from the delivery's message
 * id (so a resend repeats it), UNOC syntax 3 unless the profile asks for UNOW (UTF-8, syntax 4).
 */
export function envelopeFor(input: RenderInput, preparedAt: Date): { init: InterchangeInit; utf8: boolean } {
  const p = input.partner.profile;
  const utf8 = p["charset"] === "UNOW";
  return {
    utf8,
    init: {
      sender: {
        id: typeof p["senderId"] === "string" ? p["senderId"] : input.gateway.id.toUpperCase(),
        qualifier: "ZZZ",
      },
      recipient: {
        id: typeof p["edifactId"] === "string" ? p["edifactId"] : input.partner.id.toUpperCase(),
        qualifier: "ZZZ",
      },
      controlRef: interchangeRefOf(input.delivery.messageId),
      preparedAt,
      syntax: utf8 ? { identifier: "UNOW", version: "4" } : { identifier: "UNOC", version: "3" },
    },
  };
}

/** UNOC is ISO 8859-1: characters outside it are written as "?" rather than mis-encoded. */
export function encode(text: string, utf8: boolean): Buffer {
  if (utf8) return Buffer.from(text, "utf8");
  return Buffer.from(Array.from(text, (c) => (c.codePointAt(0)! > 0xff ? "?" : c)).join(""), "latin1");
}

/** EDIFACT date/time, format 203 (CCYYMMDDHHMM), in UTC. */
export function dtm203(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}
