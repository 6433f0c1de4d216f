import type { DocumentType, DraftDocument } from "../model/canonical.js";
import type { MappingReport } from "./mapping.js";
import type { ParsedXml } from "./xml/parse.js";

/** What sniffing learned about a body, from its media type and content (never a file name). */
export type Sniffed =
  | { readonly kind: "json"; readonly mediaType: string; readonly value: unknown }
  | { readonly kind: "xml"; readonly mediaType: string; readonly xml: ParsedXml }
  /** A large XML body left unparsed for a streaming reader (src/formats/stream): only its root is known. */
  | {
      readonly kind: "xml-stream";
      readonly mediaType: string;
      readonly bytes: Buffer;
      readonly root: string;
      readonly namespace: string;
    }
  | { readonly kind: "edifact"; readonly mediaType: string; readonly bytes: Buffer };

/** One document a reader produced from the original. */
export interface ReadDocument {
  readonly draft: DraftDocument;
  /** Format family and version, e.g. ubl-2.1 (recorded as original.format). */
  readonly format: string;
  /** The original's own type name, e.g. Invoice. */
  readonly originalType: string;
  readonly report: MappingReport;
  /** Canonical JSON Pointer → XPath (or segment position) in the original, for error messages. */
  readonly sourceMap: ReadonlyMap<string, string>;
  /**
   * A replacement or cancellation that names the version it supersedes only by that
   * document's own numbers (an LRN, an MRN, a document number): the pipeline finds the
   * current version of that (issuer, type, number) and sets `supersedes` to its id.
   */
  readonly supersedesRef?: SupersedesRef;
  /**
   * True when the original carries only the changes (a WCO DEC amendment or cancellation):
   * the draft holds what changed, and the pipeline completes it from the version it
   * supersedes with `completeAmendment` (src/formats/wco/amendment.ts) before validation.
   */
  readonly delta?: boolean;
}

/** How an amendment or cancellation names the document it supersedes. */
export interface SupersedesRef {
  readonly type: DocumentType;
  /** Which of the document's numbers `value` is: its own number, or a declaration's LRN or MRN. */
  readonly key: "number" | "lrn" | "mrn";
  readonly value: string;
}

/**
 * A reader turns one recognised original into canonical drafts. Readers declare what they
 * accept; the registry picks by that declaration, never by a switch on names.
 */
export interface FormatReader {
  readonly id: string;
  accepts(s: Sniffed): boolean;
  read(s: Sniffed, bytes: Buffer): ReadDocument[];
}
