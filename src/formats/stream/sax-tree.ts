import { SaxesParser, type SaxesTagPlain } from "saxes";
import { ProblemError } from "../../errors/index.js";
import { xmlDecoder } from "../xml/decode.js";
import { DEFAULT_XML_LIMITS, type XmlLimits } from "../xml/limits.js";
import type { XmlNode } from "../xml/parse.js";
import { addChild, valueOf, type Frame } from "../xml/scan.js";

/** Bytes decoded and fed to the parser at a time: memory stays bounded whatever the body size. */
const CHUNK = 1 << 20;

export interface RootChild {
  /** Local name of the child of the root. */
  readonly name: string;
  /** 1-based position among the root's children of that name. */
  readonly position: number;
  /** The child's subtree, shaped as parseXml shapes trees. */
  readonly node: string | XmlNode;
}

function local(qname: string): string {
  const c = qname.indexOf(":");
  return c < 0 ? qname : qname.slice(c + 1);
}

function malformed(message: string): ProblemError {
  return new ProblemError("SWG_MALFORMED_XML", message, [{ message, ruleId: "XML-WF" }]);
}

function limit(message: string): ProblemError {
  return new ProblemError("SWG_XML_LIMIT_EXCEEDED", message, [{ message, ruleId: "XML-LIMIT" }]);
}

/**
 * Streams an XML body through saxes and hands over the root's children one at a time, each
 * built as the same tree parseXml gives (prefixes stripped, repeated children as arrays,
 * "@_" attributes, trimmed text), so that the readers' mappings apply unchanged while only one
 * child (e.g. one invoice line) is in memory. The guard's rules hold here too: no DOCTYPE,
 * depth, element count and attributes bounded, well-formedness checked by the parser.
 */
export function streamRootChildren(
  bytes: Buffer,
  onChild: (child: RootChild) => void,
  limits: XmlLimits = DEFAULT_XML_LIMITS,
): { readonly root: string; readonly attributes: Readonly<Record<string, string>> } {
  if (bytes.length > limits.maxBytes) {
    throw new ProblemError("SWG_BODY_TOO_LARGE", `XML larger than ${limits.maxBytes} bytes`);
  }
  const parser = new SaxesParser();
  const stack: Frame[] = [];
  const positions = new Map<string, number>();
  let root: { name: string; attributes: Record<string, string> } | undefined;
  let elements = 0;
  let failure: ProblemError | undefined;
  const fail = (e: ProblemError) => {
    failure ??= e;
  };

  parser.on("doctype", () =>
    fail(
      new ProblemError("SWG_XML_FORBIDDEN_CONSTRUCT", "XML DOCTYPE declarations are refused", [
        {
          message: "<!DOCTYPE> is not allowed: DTDs and entity declarations are refused",
          ruleId: "XML-DOCTYPE",
        },
      ]),
    ),
  );
  parser.on("error", (e) => fail(malformed(e.message)));
  parser.on("opentag", (tag: SaxesTagPlain) => {
    if (++elements > limits.maxElements) return fail(limit(`more than ${limits.maxElements} elements`));
    const names = Object.keys(tag.attributes);
    if (names.length > limits.maxAttributesPerElement)
      return fail(limit(`an element has more than ${limits.maxAttributesPerElement} attributes`));
    if (root === undefined) {
      root = { name: local(tag.name), attributes: {} };
      for (const n of names) root.attributes[n] = tag.attributes[n]!;
      return;
    }
    const frame: Frame = {
      qname: tag.name,
      local: local(tag.name),
      children: undefined,
      attrs: undefined,
      text: "",
    };
    for (const n of names) {
      if (n === "xmlns" || n.startsWith("xmlns:")) continue;
      (frame.attrs ??= []).push([local(n), tag.attributes[n]!.trim()]);
    }
    stack.push(frame);
    if (stack.length + 1 > limits.maxDepth)
      fail(limit(`elements nested deeper than ${limits.maxDepth} levels`));
  });
  parser.on("text", (t) => {
    const top = stack[stack.length - 1];
    const v = t.trim();
    if (top && v !== "") top.text += v;
  });
  parser.on("cdata", (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on("closetag", () => {
    const frame = stack.pop();
    if (!frame) return;
    const value = valueOf(frame);
    const parent = stack[stack.length - 1];
    if (parent) return addChild(parent, frame.local, value);
    const position = (positions.get(frame.local) ?? 0) + 1;
    positions.set(frame.local, position);
    onChild({ name: frame.local, position, node: value });
  });

  const { decoder, start } = xmlDecoder(bytes);
  try {
    for (let i = start; i < bytes.length && !failure; i += CHUNK) {
      const end = Math.min(i + CHUNK, bytes.length);
      parser.write(decoder.decode(bytes.subarray(i, end), { stream: end < bytes.length }));
    }
    if (!failure) parser.close();
  } catch (e) {
    if (e instanceof ProblemError) throw e;
    throw malformed(e instanceof Error ? e.message : String(e));
  }
  if (failure) throw failure;
  if (!root) throw malformed("no root element");
  return { root: root.name, attributes: root.attributes };
}
