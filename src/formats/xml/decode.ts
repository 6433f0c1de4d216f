import { TextDecoder } from "node:util";
import { ProblemError } from "../../errors/index.js";

const DECL = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/**
 * Bytes → text, honouring a BOM or the encoding in the XML declaration (China's customs
 * messages are UTF-8 with a BOM; some older partners send GBK or ISO-8859-1). Undecodable
 * bytes are refused rather than replaced, so what we map is what was sent.
 */
export function decodeXml(bytes: Buffer): string {
  const { decoder, start } = xmlDecoder(bytes);
  try {
    return decoder.decode(bytes.subarray(start));
  } catch {
    throw new ProblemError("SWG_MALFORMED_XML", `the body is not valid ${decoder.encoding}`, [
      { message: `byte sequence invalid in ${decoder.encoding}`, ruleId: "XML-ENCODING" },
    ]);
  }
}

/** The decoder a body's BOM or XML declaration calls for, and where the text starts (after a BOM). */
export function xmlDecoder(bytes: Buffer): { decoder: TextDecoder; start: number } {
  let label = "utf-8";
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    start = 3;
  } else if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    label = bytes[0] === 0xff ? "utf-16le" : "utf-16be";
    start = 2;
  } else {
    const head = bytes.subarray(0, 200).toString("latin1");
    const declared = DECL.exec(head)?.[1]?.toLowerCase();
    if (declared) label = declared;
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new ProblemError("SWG_MALFORMED_XML", `unsupported XML encoding ${label}`, [
      {
        message: `the XML declaration names encoding ${label}, which the gateway cannot decode`,
        ruleId: "XML-ENCODING",
      },
    ]);
  }
  return { decoder, start };
}
