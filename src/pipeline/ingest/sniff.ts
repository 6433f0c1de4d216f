import { TextDecoder } from "node:util";
import { ProblemError } from "../../errors/index.js";
import type { Sniffed } from "../../formats/types.js";
import { LARGE_XML_BYTES, sniffLargeXml } from "../../formats/stream/ubl-invoice.js";
import { parseXml } from "../../formats/xml/parse.js";

/** The essence of a Content-Type header: lower-cased, without parameters. */
export function essence(contentType: string | undefined): string {
  return (contentType ?? "application/octet-stream").split(";")[0]!.trim().toLowerCase();
}

const JSON_TYPES = /^application\/([a-z0-9.+-]+\+)?json$/;
const XML_TYPES = /^(application|text)\/([a-z0-9.+-]+\+)?xml$/;
const EDI_TYPES = new Set(["application/edifact", "application/edi-x12"]);

function firstSignificant(bytes: Buffer): { index: number; char: string } {
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  )
    return { index: 0, char: "<" };
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  return { index: i, char: i < bytes.length ? String.fromCharCode(bytes[i]!) : "" };
}

/**
 * Recognises a body from its media type and its content: JSON, XML (root element and
 * namespace), or UN/EDIFACT (UNA/UNB). A declared type that the content contradicts is an
 * error rather than a guess; a generic type (octet-stream, text/plain) is decided by content.
 */
export function sniff(bytes: Buffer, contentType: string | undefined): Sniffed {
  const mediaType = essence(contentType);
  if (bytes.length === 0) throw new ProblemError("SWG_BAD_REQUEST", "the body is empty");
  const { index, char } = firstSignificant(bytes);
  const head = bytes.subarray(index, index + 3).toString("latin1");
  const looksJson = char === "{" || char === "[";
  const looksXml = char === "<";
  const looksEdi = head === "UNA" || head === "UNB";

  if (JSON_TYPES.test(mediaType) || (!XML_TYPES.test(mediaType) && !EDI_TYPES.has(mediaType) && looksJson)) {
    return { kind: "json", mediaType, value: parseJson(bytes) };
  }
  if (XML_TYPES.test(mediaType) || looksXml) {
    if (!looksXml)
      throw new ProblemError(
        "SWG_MALFORMED_XML",
        `declared ${mediaType} but the body does not start with '<'`,
      );
    // A large document a streaming reader handles is not parsed into a tree here.
    const large = bytes.length > LARGE_XML_BYTES ? sniffLargeXml(bytes, mediaType) : undefined;
    return large ?? { kind: "xml", mediaType, xml: parseXml(bytes) };
  }
  if (EDI_TYPES.has(mediaType) || looksEdi) {
    if (!looksEdi)
      throw new ProblemError("SWG_MALFORMED_EDIFACT", "an EDIFACT interchange starts with UNA or UNB");
    return { kind: "edifact", mediaType, bytes };
  }
  throw new ProblemError(
    "SWG_UNKNOWN_FORMAT",
    `cannot recognise a body of type ${mediaType}: expected JSON, XML or UN/EDIFACT`,
  );
}

function parseJson(bytes: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ProblemError("SWG_MALFORMED_JSON", "the JSON body is not valid UTF-8");
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg)?.[1];
    throw new ProblemError("SWG_MALFORMED_JSON", `the body is not well-formed JSON: ${msg}`, [
      { message: msg, ...(pos ? { location: `character ${pos}` } : {}), ruleId: "JSON-WF" },
    ]);
  }
}
