import { ExclusiveCanonicalization } from "xml-crypto";
import { parseXml } from "./dom.js";

/**
 * The exclusive c14n form of a document (without comments): the input fast-sign.ts requires. A
 * renderer that cannot emit canonical XML itself pays for one parse here, once, at render time.
 */
export function exclusiveCanonical(xml: string): string {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new TypeError(parsed.message);
  return String(new ExclusiveCanonicalization().process(parsed.root, {}));
}
