import type { Issue } from "../errors/index.js";
import { hash } from "node:crypto";
import { forEachUnread, type ReadLog } from "./xml/cursor.js";
import type { XmlNode } from "./xml/parse.js";

export interface UnmappedElement {
  /** Where the value sits in the original (XPath with local names, or a JSON Pointer). */
  readonly path: string;
  /** sha256 of the value, so the report proves what was left without repeating it. */
  readonly digest: string;
}

export interface AppliedDefault {
  readonly pointer: string;
  readonly value: unknown;
  readonly reason: string;
}

/** Produced with every ingest, stored beside the canonical document. */
export interface MappingReport {
  readonly reader: string;
  readonly unmapped: readonly UnmappedElement[];
  readonly defaults: readonly AppliedDefault[];
  /** Unmapped mandatory data (errors) and anything else worth telling (warnings). */
  readonly issues: readonly Issue[];
}

/** Collects what a reader did: where each canonical field came from, and the defaults it applied. */
export class MappingTrace {
  readonly sourceMap = new Map<string, string>();
  readonly defaults: AppliedDefault[] = [];
  readonly issues: Issue[] = [];

  from(pointer: string, sourcePath: string | undefined): void {
    if (sourcePath) this.sourceMap.set(pointer, sourcePath);
  }

  defaulted(pointer: string, value: unknown, reason: string): void {
    this.defaults.push({ pointer, value, reason });
  }

  issue(i: Issue): void {
    this.issues.push(i);
  }
}

/**
 * The leaves of the original that no mapping read. `mandatory` lists key prefixes whose loss
 * changes the document's meaning; leaving one unread is an error, the rest are warnings.
 */
export function xmlReport(
  reader: string,
  tree: XmlNode,
  rootKey: string,
  log: ReadLog,
  trace: MappingTrace,
  mandatory: readonly RegExp[] = [],
): MappingReport {
  const unmapped: UnmappedElement[] = [];
  const issues: Issue[] = [...trace.issues];
  forEachUnread(tree, rootKey, log, (key, value) => {
    unmapped.push({ path: key, digest: valueDigest(value) });
    if (mandatory.some((re) => re.test(key))) {
      issues.push({
        message: `mandatory data at ${key} could not be mapped`,
        xpath: key,
        ruleId: "MAP-MANDATORY",
        severity: "error",
      });
    }
  });
  return { reader, unmapped, defaults: trace.defaults, issues };
}

/** `sha256:<hex>` of an unmapped value (one-shot hash: cheaper than a Hash object per leaf). */
export function valueDigest(value: string): string {
  return `sha256:${hash("sha256", value, "hex")}`;
}

/** The source XPath for a canonical pointer: the closest mapped ancestor. */
export function sourceFor(sourceMap: ReadonlyMap<string, string>, pointer: string): string | undefined {
  for (let p = pointer; ;) {
    const hit = sourceMap.get(p);
    if (hit) return hit;
    const cut = p.lastIndexOf("/");
    if (cut <= 0) return undefined;
    p = p.slice(0, cut);
  }
}
