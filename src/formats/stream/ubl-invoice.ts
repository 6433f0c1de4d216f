import { MappingTrace, valueDigest, xmlReport, type UnmappedElement } from "../mapping.js";
import type { FormatReader, ReadDocument, Sniffed } from "../types.js";
import {
  documentCurrency,
  INVOICE_KINDS,
  INVOICE_MANDATORY,
  readInvoiceHeader,
  readInvoiceLine,
  ublVersion,
} from "../ubl/invoice.js";
import { ublNamespace } from "../ubl/namespaces.js";
import { FieldReader } from "../ubl/values.js";
import { Cursor, forEachUnread, ReadLog } from "../xml/cursor.js";
import type { XmlNode, XmlValue } from "../xml/parse.js";
import { rootOf } from "../xml/parse.js";
import { xmlDecoder } from "../xml/decode.js";
import { streamRootChildren } from "./sax-tree.js";

/** Bodies above this size are read as a stream (peak memory: one line), below it as a tree. */
export const LARGE_XML_BYTES = 8 * 1024 * 1024;

/**
 * The unmapped list of a large document is capped: one unmapped element per line of a
 * 100,000-line invoice would make the report larger than the document. The report says how
 * many more there were.
 */
const MAX_UNMAPPED = 10_000;

type StreamSniffed = Extract<Sniffed, { kind: "xml-stream" }>;

/**
 * What sniffing needs of a large XML body without parsing it: the root element and its
 * namespace, from the head. Only documents a streaming reader handles are sniffed this way.
 */
export function sniffLargeXml(bytes: Buffer, mediaType: string): StreamSniffed | undefined {
  const { decoder, start } = xmlDecoder(bytes);
  const head = decoder.decode(bytes.subarray(start, start + 65536), { stream: true });
  const root = rootOf(head);
  if (!root || !INVOICE_KINDS[root.root] || root.namespace !== ublNamespace(root.root)) return undefined;
  return { kind: "xml-stream", mediaType, bytes, root: root.root, namespace: root.namespace };
}

/**
 * A large UBL invoice read as a stream: each line is mapped as soon as it is complete (the
 * same readInvoiceLine as the tree reader), its unmapped leaves reported, and its subtree
 * dropped; the header elements are kept and mapped at the end. Pointers map to the line's
 * XPath rather than each field's, to keep the source map one entry per line.
 */
export function readLargeUblInvoice(s: StreamSniffed): ReadDocument {
  const kind = INVOICE_KINDS[s.root]!;
  const trace = new MappingTrace();
  const f = new FieldReader(trace);
  const header: Record<string, XmlValue> = {};
  const lines: Record<string, unknown>[] = [];
  const unmapped: UnmappedElement[] = [];
  let more = 0;
  const mandatoryLost: string[] = [];
  streamRootChildren(s.bytes, (child) => {
    if (child.name !== kind.line) {
      // The header is small: elements repeated at the top level (notes, tax totals…) become arrays, as in the tree.
      const prev = header[child.name];
      header[child.name] =
        prev === undefined
          ? child.node
          : [
              ...(Array.isArray(prev) ? (prev as readonly (string | XmlNode)[]) : [prev as string | XmlNode]),
              child.node,
            ];
      return;
    }
    const i = lines.length;
    const key = `/${s.root}/${kind.line}[${child.position}]`;
    const path = `/${s.root}/cac:${kind.line}[${child.position}]`;
    const log = new ReadLog();
    const lineTrace = new MappingTrace();
    // UBL puts DocumentCurrencyCode before the lines, so it is known when they arrive.
    const currency = documentCurrency(header["DocumentCurrencyCode"]);
    lines.push(
      readInvoiceLine(new Cursor(child.node, path, key, log), i, kind, new FieldReader(lineTrace), currency),
    );
    trace.from(`/lines/${i}`, path);
    trace.defaults.push(...lineTrace.defaults);
    trace.issues.push(...lineTrace.issues);
    forEachUnread(child.node, key, log, (k, value) => {
      if (INVOICE_MANDATORY.some((re) => re.test(k))) mandatoryLost.push(k);
      if (unmapped.length < MAX_UNMAPPED) unmapped.push({ path: k, digest: valueDigest(value) });
      else more++;
    });
  });
  const log = new ReadLog();
  const r = Cursor.root(header, s.root, "", log);
  const draft = readInvoiceHeader(r, kind, f, lines);
  const report = xmlReport("ubl-invoice-stream", header, `/${s.root}`, log, trace, INVOICE_MANDATORY);
  const issues = [
    ...report.issues,
    ...mandatoryLost.map((k) => ({
      message: `mandatory data at ${k} could not be mapped`,
      xpath: k,
      ruleId: "MAP-MANDATORY",
      severity: "error" as const,
    })),
    ...(more > 0
      ? [
          {
            message: `${more} more unmapped elements in the lines are not listed`,
            ruleId: "MAP-UNMAPPED-CAP",
            severity: "warning" as const,
          },
        ]
      : []),
  ];
  return {
    draft,
    format: `ubl-${ublVersion(r)}`,
    originalType: s.root,
    report: { ...report, unmapped: [...report.unmapped, ...unmapped], issues },
    sourceMap: trace.sourceMap,
  };
}

export const ublStreamReader: FormatReader = {
  id: "ubl-invoice-stream",
  accepts: (s) =>
    s.kind === "xml-stream" && INVOICE_KINDS[s.root] !== undefined && s.namespace === ublNamespace(s.root),
  read: (s) => (s.kind === "xml-stream" ? [readLargeUblInvoice(s)] : []),
};
