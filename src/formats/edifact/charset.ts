/**
 * Turns the bytes of a data value into text. Separators are ASCII, so a value is split on byte
 * boundaries that never cut a multi-byte character. `ascii` says the bytes are all below 0x80, which
 * every charset decodes alike.
 */
export type Decode = (bytes: Buffer, start: number, end: number, ascii: boolean) => string;

/** Node's one-call slicers: `toString` validates its arguments on every call, a cost per value. */
interface Slicing {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}
const slicing = (b: Buffer) => b as Buffer & Slicing;

/** ISO 8859 parts named by the syntax identifiers UNOC to UNOK (ISO 9735 character repertoires). */
const ISO_8859: Readonly<Record<string, string>> = {
  UNOC: "iso-8859-1",
  UNOD: "iso-8859-2",
  UNOE: "iso-8859-5",
  UNOF: "iso-8859-7",
  UNOG: "iso-8859-3",
  UNOH: "iso-8859-4",
  UNOI: "iso-8859-6",
  UNOJ: "iso-8859-8",
  UNOK: "iso-8859-9",
};

const latin1: Decode = (b, s, e) => slicing(b).latin1Slice(s, e);
const utf8: Decode = (b, s, e, ascii) => (ascii ? slicing(b).latin1Slice(s, e) : slicing(b).utf8Slice(s, e));

/**
 * The decoder for an interchange. Input that is valid UTF-8 is read as UTF-8 whatever the syntax
 * identifier says: senders often label UTF-8 as UNOB or UNOC, and Latin text is almost never valid
 * UTF-8 by accident. Otherwise the identifier's ISO 8859 part is used, Latin-1 for anything else.
 */
export function decoderFor(syntaxIdentifier: string, inputIsUtf8: boolean): Decode {
  if (inputIsUtf8) return utf8;
  const label = ISO_8859[syntaxIdentifier];
  if (label === undefined || label === "iso-8859-1") return latin1;
  const decoder = new TextDecoder(label);
  return (b, s, e, ascii) => (ascii ? slicing(b).latin1Slice(s, e) : decoder.decode(b.subarray(s, e)));
}
