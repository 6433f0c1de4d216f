import { ProblemError } from "../../errors/index.js";
import { DEFAULT_XML_LIMITS, type XmlLimits } from "./limits.js";
import type { XmlNode, XmlValue } from "./parse.js";

/** The root element as the scan found it. */
export interface ScannedRoot {
  readonly root: string;
  readonly namespace: string;
  readonly namespaces: Readonly<Record<string, string>>;
  /** The tree under the root (same shape fast-xml-parser gives: see parse.ts); undefined when not built. */
  readonly tree: XmlNode | undefined;
}

const LT = 60; // <
const GT = 62; // >
const BANG = 33; // !
const QMARK = 63; // ?
const SLASH = 47; // /
const DQ = 34;
const SQ = 39;
const EQ = 61;
const COLON = 58;

const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' };

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** XML NameStartChar, approximated: letters, '_', ':' and anything beyond ASCII. */
function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === COLON || c > 127;
}

/** An element being built: its children, attributes and text so far. */
export interface Frame {
  readonly qname: string;
  readonly local: string;
  children: Record<string, XmlValue> | undefined;
  attrs: [string, string][] | undefined;
  text: string;
}

/**
 * One pass over the raw text that both guards and (optionally) builds the tree. It refuses
 * DOCTYPE and every other markup declaration, so that no entity can be declared and none
 * expanded; bounds depth, element count and attributes per element; and checks
 * well-formedness (tag nesting, one root, quoted and unique attributes, comments without
 * "--", only predefined or character entity references). The tree has the shape
 * fast-xml-parser gives with prefixes removed (children by local name, repeated children as
 * arrays, attributes as "@_name", text as "#text" or the bare string), so that readers need no
 * second walk. Linear time; objects have no prototype, so element names cannot pollute one.
 */
export function scanXml(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS, build = true): ScannedRoot {
  if (text.length > limits.maxBytes) {
    throw new ProblemError("SWG_BODY_TOO_LARGE", `XML larger than ${limits.maxBytes} bytes`);
  }
  const n = text.length;
  const stack: Frame[] = [];
  let elements = 0;
  let rootClosed = false;
  let root: { qname: string; namespaces: Record<string, string> } | undefined;
  let tree: XmlNode | undefined;
  let i = 0;
  while (i < n) {
    const lt = text.indexOf("<", i);
    const end = lt < 0 ? n : lt;
    const top = stack[stack.length - 1];
    if (top === undefined) outsideRoot(text, i, end);
    else if (end > i) appendText(top, text, i, end, build);
    if (lt < 0) break;
    const c = text.charCodeAt(lt + 1);
    if (c === BANG) {
      if (text.startsWith("<!--", lt)) {
        const close = text.indexOf("--", lt + 4);
        if (close < 0) throw malformed("unterminated comment", lt, text);
        if (text.charCodeAt(close + 2) !== GT) throw malformed("'--' inside a comment", close, text);
        i = close + 3;
      } else if (text.startsWith("<![CDATA[", lt)) {
        if (top === undefined) throw malformed("CDATA section outside the root element", lt, text);
        const close = text.indexOf("]]>", lt + 9);
        if (close < 0) throw malformed("unterminated CDATA section", lt, text);
        if (build) top.text += text.slice(lt + 9, close);
        i = close + 3;
      } else {
        throw forbidden(text, lt);
      }
      continue;
    }
    if (c === QMARK) {
      const close = text.indexOf("?>", lt + 2);
      if (close < 0) throw malformed("unterminated processing instruction", lt, text);
      i = close + 2;
      continue;
    }
    if (c === SLASH) {
      const close = text.indexOf(">", lt + 2);
      if (close < 0) throw malformed("unterminated end tag", lt, text);
      const name = text.slice(lt + 2, close).trimEnd();
      const open = stack.pop();
      if (open === undefined) throw malformed(`end tag </${name}> has no start tag`, lt, text);
      if (open.qname !== name)
        throw malformed(`end tag </${name}> does not match start tag <${open.qname}>`, lt, text);
      if (build) {
        const value = valueOf(open);
        const parent = stack[stack.length - 1];
        if (parent) addChild(parent, open.local, value);
        else tree = typeof value === "string" ? emptyNode() : value;
      }
      if (stack.length === 0) rootClosed = true;
      i = close + 1;
      continue;
    }
    if (rootClosed) throw malformed("content after the root element", lt, text);
    // A start tag: its name, then its attributes.
    let j = lt + 1;
    if (!isNameStart(text.charCodeAt(j))) throw malformed("a start tag has no name", lt, text);
    while (j < n) {
      const ch = text.charCodeAt(j);
      if (isSpace(ch) || ch === GT || ch === SLASH || ch === LT) break;
      j++;
    }
    const qname = text.slice(lt + 1, j);
    const colon = qname.indexOf(":");
    const frame: Frame = {
      qname,
      local: colon < 0 ? qname : qname.slice(colon + 1),
      children: undefined,
      attrs: undefined,
      text: "",
    };
    let names: string[] | undefined;
    let namespaces: Record<string, string> | undefined;
    for (;;) {
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const ch = text.charCodeAt(j);
      if (ch === GT || ch === SLASH || j >= n || ch === LT) break;
      const nameStart = j;
      while (j < n) {
        const a = text.charCodeAt(j);
        if (a === EQ || isSpace(a) || a === GT || a === SLASH || a === LT) break;
        j++;
      }
      const attr = text.slice(nameStart, j);
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== EQ)
        throw malformed(`attribute ${attr} on <${qname}> has no value`, lt, text);
      j++;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      if (q !== DQ && q !== SQ) throw malformed(`attribute ${attr} on <${qname}> is not quoted`, lt, text);
      const close = text.indexOf(q === DQ ? '"' : "'", j + 1);
      if (close < 0) throw malformed(`unterminated start tag <${qname}>`, lt, text);
      const lt2 = text.indexOf("<", j + 1);
      if (lt2 >= 0 && lt2 < close) throw malformed("'<' inside an attribute value", lt2, text);
      names ??= [];
      if (names.includes(attr)) throw malformed(`attribute ${attr} is repeated on <${qname}>`, lt, text);
      names.push(attr);
      if (names.length > limits.maxAttributesPerElement) {
        throw limit(`an element has more than ${limits.maxAttributesPerElement} attributes`, lt, text);
      }
      const raw = newlines(text.slice(j + 1, close).trim());
      const value = raw.indexOf("&") < 0 ? raw : decodeEntities(raw, text, j + 1);
      if (attr === "xmlns" || attr.startsWith("xmlns:")) {
        if (stack.length === 0 && root === undefined)
          (namespaces ??= {})[attr === "xmlns" ? "" : attr.slice(6)] = value;
      } else if (build) {
        const ac = attr.indexOf(":");
        (frame.attrs ??= []).push([ac < 0 ? attr : attr.slice(ac + 1), value]);
      }
      j = close + 1;
    }
    if (
      j >= n ||
      (text.charCodeAt(j) !== GT && !(text.charCodeAt(j) === SLASH && text.charCodeAt(j + 1) === GT))
    )
      throw malformed(`unterminated start tag <${qname}>`, lt, text);
    if (++elements > limits.maxElements) throw limit(`more than ${limits.maxElements} elements`, lt, text);
    if (root === undefined) root = { qname, namespaces: namespaces ?? {} };
    if (text.charCodeAt(j) === SLASH) {
      if (build) {
        const value = valueOf(frame);
        const parent = stack[stack.length - 1];
        if (parent) addChild(parent, frame.local, value);
        else tree = typeof value === "string" ? emptyNode() : value;
      }
      if (stack.length === 0) rootClosed = true;
      i = j + 2;
    } else {
      stack.push(frame);
      if (stack.length > limits.maxDepth)
        throw limit(`elements nested deeper than ${limits.maxDepth} levels`, lt, text);
      i = j + 1;
    }
  }
  const open = stack[stack.length - 1];
  if (open) throw malformed(`start tag <${open.qname}> is never closed`, n, text);
  if (!rootClosed || root === undefined) throw malformed("no root element", 0, text);
  const colon = root.qname.indexOf(":");
  const prefix = colon < 0 ? "" : root.qname.slice(0, colon);
  return {
    root: colon < 0 ? root.qname : root.qname.slice(colon + 1),
    namespace: root.namespaces[prefix] ?? "",
    namespaces: root.namespaces,
    tree,
  };
}

/** Character data inside an element: entity references checked, and each run trimmed as fast-xml-parser does. */
function appendText(frame: Frame, text: string, from: number, to: number, build: boolean): void {
  const amp = text.indexOf("&", from);
  const hasAmp = amp >= 0 && amp < to;
  if (!build) {
    if (hasAmp) decodeEntities(text.slice(from, to), text, from);
    return;
  }
  // String.prototype.trim, as fast-xml-parser trims (it also drops no-break spaces).
  const raw = newlines(text.slice(from, to).trim());
  if (raw === "") return;
  frame.text += hasAmp ? decodeEntities(raw, text, from) : raw;
}

/** XML end-of-line handling: CR LF and lone CR become LF. */
function newlines(s: string): string {
  return s.indexOf("\r") < 0 ? s : s.replace(/\r\n?/g, "\n");
}

/** Only white space (and a leading byte order mark) may stand outside the root element. */
function outsideRoot(text: string, from: number, to: number): void {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (!isSpace(c) && !(k === 0 && c === 0xfeff)) throw malformed("text outside the root element", k, text);
  }
}

/** Replaces predefined and character references; anything else is refused (no DTD can declare it). */
function decodeEntities(raw: string, text: string, offset: number): string {
  let out = "";
  let last = 0;
  for (let k = raw.indexOf("&"); k >= 0; k = raw.indexOf("&", k + 1)) {
    const semi = raw.indexOf(";", k);
    const ref = semi > k && semi - k < 12 ? raw.slice(k + 1, semi) : "";
    let ch: string | undefined = PREDEFINED[ref];
    if (ch === undefined && ref.charCodeAt(0) === 35 /* # */) {
      const hex = ref.charCodeAt(1) === 120; /* x */
      const digits = ref.slice(hex ? 2 : 1);
      if (digits !== "" && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
        const cp = Number.parseInt(digits, hex ? 16 : 10);
        if (cp >= 1 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) ch = String.fromCodePoint(cp);
        else throw malformed(`&${ref}; refers to an invalid character`, offset + k, text);
      }
    }
    if (ch === undefined) {
      throw malformed(ref ? `undeclared entity &${ref};` : "'&' must be written &amp;", offset + k, text);
    }
    out += raw.slice(last, k) + ch;
    last = semi + 1;
    k = semi;
  }
  return out + raw.slice(last);
}

/** A finished element as the tree holds it: its text alone, or an object of children, #text and @_attributes. */
export function valueOf(f: Frame): string | XmlNode {
  if (f.children === undefined && f.attrs === undefined) return f.text;
  const node: Record<string, XmlValue> = f.children ?? emptyNode();
  if (f.text !== "") node["#text"] = f.text;
  if (f.attrs) for (const [k, v] of f.attrs) node[`@_${k}`] = v;
  return node;
}

/** An object with no prototype: element names such as __proto__ stay plain keys. */
function emptyNode(): Record<string, XmlValue> {
  return Object.create(null) as Record<string, XmlValue>;
}

export function addChild(parent: Frame, name: string, value: string | XmlNode): void {
  const children = (parent.children ??= emptyNode());
  const existing = children[name];
  if (existing === undefined) children[name] = value;
  // Repeated children are the only arrays in the tree, and this is where they grow.
  else if (isRepeated(existing)) (existing as (string | XmlNode)[]).push(value);
  else children[name] = [existing, value];
}

function isRepeated(v: XmlValue): v is readonly (string | XmlNode)[] {
  return Array.isArray(v);
}

function lineOf(text: string, at: number): number {
  let line = 1;
  for (let k = text.indexOf("\n"); k >= 0 && k < at; k = text.indexOf("\n", k + 1)) line++;
  return line;
}

function forbidden(text: string, lt: number): ProblemError {
  const what =
    /^<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i.exec(text.slice(lt, lt + 12))?.[1]?.toUpperCase() ??
    "declaration";
  const line = lineOf(text, lt);
  return new ProblemError(
    "SWG_XML_FORBIDDEN_CONSTRUCT",
    `XML ${what} declarations are refused (line ${line})`,
    [
      {
        message: `<!${what}> is not allowed: DTDs and entity declarations are refused to prevent entity expansion and external entity attacks`,
        location: `line ${line}`,
        ruleId: "XML-DOCTYPE",
      },
    ],
  );
}

function malformed(what: string, at: number, text: string): ProblemError {
  const line = lineOf(text, at);
  return new ProblemError("SWG_MALFORMED_XML", `${what} (line ${line})`, [
    { message: what, location: `line ${line}`, ruleId: "XML-WF" },
  ]);
}

function limit(what: string, at: number, text: string): ProblemError {
  const line = lineOf(text, at);
  return new ProblemError("SWG_XML_LIMIT_EXCEEDED", `${what} (line ${line})`, [
    { message: what, location: `line ${line}`, ruleId: "XML-LIMIT" },
  ]);
}
