import { interchange } from "../../builder.js";
import type { Party, SegmentData } from "../../types.js";

/** Where a written message goes and how it is enveloped. */
export interface EnvelopeOptions {
  readonly sender: Party | string;
  readonly recipient: Party | string;
  /** UNB 0020, unique per sender (the delivery's message id fits, cut to 14 characters). */
  readonly controlRef: string;
  readonly preparedAt: Date;
  /** UNH 0062; "1" by default. */
  readonly messageRef?: string;
  /** The UN/EDIFACT directory, e.g. "96B"; each writer has its default. */
  readonly release?: string;
  /** UNH S009 0057, e.g. a national implementation guide's code. */
  readonly associationCode?: string;
  /** Ask the partner for a CONTRL (UNB 0031 = 1). */
  readonly ackRequest?: boolean;
  readonly test?: boolean;
  readonly agreementId?: string;
  /** Defaults to UNOC syntax 3 when every character is Latin-1, else UNOW (UTF-8) syntax 4. */
  readonly syntax?: { readonly identifier: string; readonly version: string };
}

/** A written interchange: its text, and its bytes in the encoding its syntax identifier names. */
export interface WrittenInterchange {
  readonly text: string;
  readonly bytes: Buffer;
  readonly mediaType: "application/edifact";
  readonly syntax: { readonly identifier: string; readonly version: string };
}

const UTF8 = new Set(["UNOW", "UNOY"]);

/** The bytes of an interchange text, in the encoding its syntax identifier names. */
export function encode(text: string, identifier: string): Buffer {
  return Buffer.from(text, UTF8.has(identifier) ? "utf8" : "latin1");
}

/** One message in its own interchange, with the control counts and references the builder computes. */
export function envelope(
  type: string,
  defaultRelease: string,
  segments: readonly SegmentData[],
  o: EnvelopeOptions,
): WrittenInterchange {
  const latin = segments.every((s) =>
    s.elements.every((e) => e.every((c) => [...c].every((ch) => ch.charCodeAt(0) <= 0xff))),
  );
  const syntax =
    o.syntax ?? (latin ? { identifier: "UNOC", version: "3" } : { identifier: "UNOW", version: "4" });
  const text = interchange({
    sender: o.sender,
    recipient: o.recipient,
    controlRef: o.controlRef.slice(0, 14),
    preparedAt: o.preparedAt,
    syntax,
    ...(o.ackRequest ? { ackRequest: true } : {}),
    ...(o.test ? { test: true } : {}),
    ...(o.agreementId ? { agreementId: o.agreementId } : {}),
  })
    .message(type, "D", o.release ?? defaultRelease, "UN", segments, {
      ref: o.messageRef ?? "1",
      ...(o.associationCode ? { associationCode: o.associationCode } : {}),
    })
    .write();
  return { text, bytes: encode(text, syntax.identifier), mediaType: "application/edifact", syntax };
}
