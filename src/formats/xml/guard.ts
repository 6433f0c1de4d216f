import { ProblemError } from "../../errors/index.js";

export interface XmlLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly maxElements: number;
  readonly maxAttributesPerElement: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 256,
  maxElements: 5_000_000,
  maxAttributesPerElement: 256,
};

const LT = 60; // <
const GT = 62; // >
const BANG = 33; // !
const QMARK = 63; // ?
const SLASH = 47; // /
const DQ = 34;
const SQ = 39;
const EQ = 61;
const PREDEFINED = new Set(["lt", "gt", "amp", "apos", "quot"]);
const WS = /\s/;

/**
 * One pass over the raw text before any parser sees it. It refuses DOCTYPE, so that no entity can
 * be declared and none expanded; it bounds depth, element count and attributes per element; and
 * it checks well-formedness (tag nesting, one root, quoted attributes, no duplicate attributes,
 * only predefined or character entity references), which fast-xml-parser does not enforce.
 * Linear time, and memory bounded by the depth limit: a 10,000-deep nesting or a
 * billion-laughs body is refused before a tree exists.
 */
export function guardXml(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS): void {
  if (text.length > limits.maxBytes) {
    throw new ProblemError("SWG_BODY_TOO_LARGE", `XML larger than ${limits.maxBytes} bytes`);
  }
  const n = text.length;
  const stack: string[] = [];
  let elements = 0;
  let rootClosed = false;
  let i = 0;
  while (i < n) {
    const lt = text.indexOf("<", i);
    checkText(text, i, lt < 0 ? n : lt, stack.length === 0);
    if (lt < 0) break;
    const c = text.charCodeAt(lt + 1);
    if (c === BANG) {
      if (text.startsWith("<!--", lt)) {
        const end = text.indexOf("-->", lt + 4);
        if (end < 0) throw malformed("unterminated comment", lt, text);
        i = end + 3;
      } else if (text.startsWith("<![CDATA[", lt)) {
        if (stack.length === 0) throw malformed("CDATA section outside the root element", lt, text);
        const end = text.indexOf("]]>", lt + 9);
        if (end < 0) throw malformed("unterminated CDATA section", lt, text);
        i = end + 3;
      } else {
        const what =
          /^<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i.exec(text.slice(lt, lt + 12))?.[1]?.toUpperCase() ??
          "declaration";
        const line = lineOf(text, lt);
        throw new ProblemError(
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
      continue;
    }
    if (c === QMARK) {
      const end = text.indexOf("?>", lt + 2);
      if (end < 0) throw malformed("unterminated processing instruction", lt, text);
      i = end + 2;
      continue;
    }
    if (c === SLASH) {
      const end = text.indexOf(">", lt + 2);
      if (end < 0) throw malformed("unterminated end tag", lt, text);
      const name = text.slice(lt + 2, end).trimEnd();
      const open = stack.pop();
      if (open === undefined) throw malformed(`end tag </${name}> has no start tag`, lt, text);
      if (open !== name) throw malformed(`end tag </${name}> does not match start tag <${open}>`, lt, text);
      if (stack.length === 0) rootClosed = true;
      i = end + 1;
      continue;
    }
    if (rootClosed) throw malformed("content after the root element", lt, text);
    // A start tag: its name, then attributes up to the '>' that is outside quotes.
    let j = lt + 1;
    while (j < n && !WS.test(text[j]!) && text.charCodeAt(j) !== GT && text.charCodeAt(j) !== SLASH) j++;
    const name = text.slice(lt + 1, j);
    if (name.length === 0) throw malformed("a start tag has no name", lt, text);
    let attrNames: string[] | undefined;
    let attrStart = j;
    let quote = 0;
    for (; j < n; j++) {
      const ch = text.charCodeAt(j);
      if (quote !== 0) {
        if (ch === quote) {
          quote = 0;
          attrStart = j + 1;
        } else if (ch === LT) {
          throw malformed("'<' inside an attribute value", j, text);
        }
      } else if (ch === DQ || ch === SQ) {
        quote = ch;
      } else if (ch === EQ) {
        const attr = text.slice(attrStart, j).trim();
        attrNames ??= [];
        if (attrNames.includes(attr)) throw malformed(`attribute ${attr} is repeated on <${name}>`, lt, text);
        attrNames.push(attr);
        if (attrNames.length > limits.maxAttributesPerElement) {
          throw limit(`an element has more than ${limits.maxAttributesPerElement} attributes`, lt, text);
        }
      } else if (ch === GT || ch === LT) {
        break;
      }
    }
    if (j >= n || text.charCodeAt(j) !== GT) throw malformed(`unterminated start tag <${name}>`, lt, text);
    if (++elements > limits.maxElements) throw limit(`more than ${limits.maxElements} elements`, lt, text);
    if (text.charCodeAt(j - 1) === SLASH) {
      if (stack.length === 0) rootClosed = true;
    } else {
      stack.push(name);
      if (stack.length > limits.maxDepth)
        throw limit(`elements nested deeper than ${limits.maxDepth} levels`, lt, text);
    }
    i = j + 1;
  }
  if (stack.length > 0) throw malformed(`start tag <${stack[stack.length - 1]!}> is never closed`, n, text);
  if (!rootClosed) throw malformed("no root element", 0, text);
}

/** Character data: only predefined and numeric entity references; nothing but space outside the root. */
function checkText(text: string, from: number, to: number, outsideRoot: boolean): void {
  if (outsideRoot) {
    for (let k = from; k < to; k++) {
      const ch = text[k]!;
      if (!WS.test(ch) && !(k === 0 && ch === "\uFEFF"))
        throw malformed("text outside the root element", k, text);
    }
    return;
  }
  for (let k = text.indexOf("&", from); k >= 0 && k < to; k = text.indexOf("&", k + 1)) {
    const semi = text.indexOf(";", k);
    const ref = semi > k && semi - k < 12 ? text.slice(k + 1, semi) : "";
    if (!(PREDEFINED.has(ref) || /^#([0-9]+|x[0-9a-fA-F]+)$/.test(ref))) {
      throw malformed(ref ? `undeclared entity &${ref};` : "'&' must be written &amp;", k, text);
    }
  }
}

function lineOf(text: string, at: number): number {
  let line = 1;
  for (let k = text.indexOf("\n"); k >= 0 && k < at; k = text.indexOf("\n", k + 1)) line++;
  return line;
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
