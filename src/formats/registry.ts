import { cebReader } from "./ceb/reader.js";
import { ciiReader } from "./cii/invoice.js";
import { dcsaReader } from "./dcsa/reader.js";
import { edifactReader } from "./edifact/messages/read.js";
import { canonicalJsonReader } from "./json/canonical.js";
import type { FormatReader, Sniffed } from "./types.js";
import { ublStreamReader } from "./stream/ubl-invoice.js";
import { ublReader } from "./ubl/readers.js";
import { wcoReader } from "./wco/readers.js";

/**
 * Every reader the gateway knows, most specific first. A reader says itself what it accepts
 * (media type, root element, namespace, message type); nothing here switches on names.
 */
export const READERS: readonly FormatReader[] = [
  canonicalJsonReader,
  ublReader,
  ublStreamReader,
  ciiReader,
  wcoReader,
  cebReader,
  edifactReader,
  dcsaReader,
];

export function readerFor(s: Sniffed, readers: readonly FormatReader[] = READERS): FormatReader | undefined {
  return readers.find((r) => r.accepts(s));
}
