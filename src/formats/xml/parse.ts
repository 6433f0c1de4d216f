import { decodeXml } from "./decode.js";
import { DEFAULT_XML_LIMITS, type XmlLimits } from "./limits.js";
import { scanXml } from "./scan.js";

/** A parsed element: children by local name (prefixes stripped), attributes as "@_name", text as "#text". */
export type XmlNode = { readonly [name: string]: XmlValue };
export type XmlValue = string | XmlNode | readonly (string | XmlNode)[];

export interface ParsedXml {
  readonly text: string;
  /** Local name of the root element. */
  readonly root: string;
  /** Namespace URI of the root element ("" when none). */
  readonly namespace: string;
  /** Every namespace declared on the root element, prefix → URI ("" for the default). */
  readonly namespaces: Readonly<Record<string, string>>;
  readonly tree: XmlNode;
}

const ROOT_TAG = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)([^>]*)>/g;
const NS_ATTR = /xmlns(?::([\w.-]+))?\s*=\s*(["'])(.*?)\2/g;

/** Finds the root element and its namespaces without building a tree (for sniffing). */
export function rootOf(
  text: string,
): { root: string; namespace: string; namespaces: Record<string, string> } | undefined {
  ROOT_TAG.lastIndex = 0;
  for (let m = ROOT_TAG.exec(text); m; m = ROOT_TAG.exec(text)) {
    const before = text.charCodeAt(m.index + 1);
    if (before === 33 /* ! */ || before === 63 /* ? */) continue;
    const prefix = m[1]?.slice(0, -1) ?? "";
    const namespaces: Record<string, string> = {};
    NS_ATTR.lastIndex = 0;
    for (let a = NS_ATTR.exec(m[3] ?? ""); a; a = NS_ATTR.exec(m[3] ?? ""))
      namespaces[a[1] ?? ""] = a[3] ?? "";
    return { root: m[2]!, namespace: namespaces[prefix] ?? "", namespaces };
  }
  return undefined;
}

/**
 * Decodes, guards and parses an XML body in one pass (scanXml). Every failure is a
 * ProblemError (400).
 */
export function parseXml(bytes: Buffer, limits: XmlLimits = DEFAULT_XML_LIMITS): ParsedXml {
  const text = decodeXml(bytes);
  const s = scanXml(text, limits);
  return { text, root: s.root, namespace: s.namespace, namespaces: s.namespaces, tree: s.tree ?? {} };
}
