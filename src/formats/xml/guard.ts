import { DEFAULT_XML_LIMITS, type XmlLimits } from "./limits.js";
import { scanXml } from "./scan.js";

export { DEFAULT_XML_LIMITS, type XmlLimits } from "./limits.js";

/**
 * Checks a body before anything maps it: DOCTYPE and entity declarations refused, depth,
 * element count and attributes bounded, well-formedness checked (see scanXml, which does the
 * same pass while building the tree). Linear time; a 10,000-deep nesting or a billion-laughs
 * body is refused before any tree exists.
 */
export function guardXml(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS): void {
  scanXml(text, limits, false);
}
