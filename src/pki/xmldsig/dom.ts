import { createRequire } from "node:module";

/**
 * The slice of the DOM this module uses. @xmldom/xmldom's own typings pull in TypeScript's "dom"
 * lib for the whole program (its index.d.ts says `/// <reference lib="dom" />`), which changes
 * global types such as fetch's for every other module, so the parser is loaded untyped and
 * described here instead.
 */
export interface XNode {
  readonly nodeType: number;
  readonly parentNode: XNode | null;
  readonly firstChild: XNode | null;
  readonly nextSibling: XNode | null;
  readonly ownerDocument: XDocument | null;
  toString(): string;
}

export interface XAttr {
  readonly name: string;
  readonly localName: string | null;
  readonly value: string;
}

interface XContainer extends XNode {
  getElementsByTagNameNS(ns: string, localName: string): ArrayLike<XElement>;
  getElementsByTagName(name: string): ArrayLike<XElement>;
}

export interface XElement extends XContainer {
  readonly namespaceURI: string | null;
  readonly localName: string | null;
  readonly attributes: ArrayLike<XAttr>;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}

export interface XDocument extends XContainer {
  readonly documentElement: XElement | null;
}

interface ErrorHandler {
  warning(msg: string): void;
  error(msg: string): void;
  fatalError(msg: string): void;
}

const { DOMParser } = createRequire(import.meta.url)("@xmldom/xmldom") as {
  DOMParser: new (opts: { errorHandler: ErrorHandler }) => {
    parseFromString(text: string, mimeType: string): XDocument;
  };
};

export function isElement(n: XNode): n is XElement {
  return n.nodeType === 1;
}

export type ParsedXml =
  | { readonly ok: true; readonly text: string; readonly doc: XDocument; readonly root: XElement }
  | { readonly ok: false; readonly forbidden: boolean; readonly message: string };

export const DEFAULT_MAX_XML_BYTES = 16 * 1024 * 1024;

/**
 * Parses hostile XML for signature checks: no DOCTYPE (so no entities, external or internal), a
 * size bound, and any parser error is a failure rather than a best-effort tree.
 */
export function parseXml(input: string | Buffer, maxBytes = DEFAULT_MAX_XML_BYTES): ParsedXml {
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.length;
  if (size > maxBytes)
    return { ok: false, forbidden: true, message: `the XML is ${size} bytes, over ${maxBytes}` };
  const text = (typeof input === "string" ? input : input.toString("utf8")).replace(/^\uFEFF/, "");
  if (/<!DOCTYPE/i.test(text))
    return { ok: false, forbidden: true, message: "the XML has a DOCTYPE, which is refused" };
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: {
      // xmldom reports some malformations (a mismatched end tag) only as warnings.
      warning: (m: string) => errors.push(m),
      error: (m: string) => errors.push(m),
      fatalError: (m: string) => errors.push(m),
    },
  }).parseFromString(text, "text/xml");
  // xmldom returns no document at all for some inputs (an empty string, for one).
  const root = (doc as XDocument | undefined)?.documentElement;
  if (errors.length > 0 || !root || !doc)
    return {
      ok: false,
      forbidden: false,
      message: `the XML is not well-formed: ${errors[0] ?? "no root element"}`,
    };
  return { ok: true, text, doc, root };
}

export function childElements(parent: XNode, ns: string, localName: string): XElement[] {
  const out: XElement[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling)
    if (isElement(n) && n.namespaceURI === ns && n.localName === localName) out.push(n);
  return out;
}

export function descendants(root: XDocument | XElement, ns: string, localName: string): XElement[] {
  return Array.from(root.getElementsByTagNameNS(ns, localName));
}

export function isAncestorOrSelf(ancestor: XNode, node: XNode): boolean {
  for (let n: XNode | null = node; n; n = n.parentNode) if (n === ancestor) return true;
  return false;
}

/** The attributes xml-crypto resolves "#id" references by (local names, any namespace). */
const ID_ATTRIBUTES = ["Id", "ID", "id"];

/** Every element whose Id/ID/id attribute (any prefix, e.g. wsu:Id) equals `id`. */
export function elementsById(doc: XDocument, id: string): XElement[] {
  return Array.from(doc.getElementsByTagName("*")).filter((e) =>
    Array.from(e.attributes).some((a) => ID_ATTRIBUTES.includes(a.localName ?? a.name) && a.value === id),
  );
}

/**
 * A tiny selector: "/Response/Assertion" walks from the document element by local names, taking
 * the only match at each step (two matches are ambiguous and select nothing).
 */
export function selectPath(doc: XDocument, path: string): XElement | null {
  const steps = path.split("/").filter((s) => s.length > 0);
  const root = doc.documentElement;
  if (!root || steps.length === 0 || root.localName !== steps[0]) return null;
  let cur: XElement = root;
  for (const step of steps.slice(1)) {
    const next: XElement[] = [];
    for (let n = cur.firstChild; n; n = n.nextSibling) if (isElement(n) && n.localName === step) next.push(n);
    const only = next[0];
    if (next.length !== 1 || !only) return null;
    cur = only;
  }
  return cur;
}

/** Where an element sits, for messages: /Response/wrap/Assertion. */
export function pathOf(e: XElement): string {
  const parts: string[] = [];
  for (let n: XNode | null = e; n && isElement(n); n = n.parentNode) parts.unshift(n.localName ?? "?");
  return `/${parts.join("/")}`;
}
