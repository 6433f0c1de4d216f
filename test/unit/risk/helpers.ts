import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CanonicalDocument } from "../../../src/model/canonical.js";
import type { RiskContext, RiskDoc } from "../../../src/risk/types.js";
import { EMPTY_WATCHLIST, Screener } from "../../../src/risk/watchlist.js";
import { ROOT } from "../../helpers/corpora.js";

/** A canonical fixture (test/fixtures/documents), with changes applied to a deep copy. */
export function fixture(
  path: string,
  change: (d: Record<string, unknown>) => void = () => {},
): CanonicalDocument {
  const d = JSON.parse(readFileSync(join(ROOT, "test/fixtures/documents", path), "utf8")) as Record<
    string,
    unknown
  >;
  change(d);
  return d as unknown as CanonicalDocument;
}

export const invoice = (change?: (d: Record<string, unknown>) => void) =>
  fixture("commercial-invoice/valid-cif-lc.json", change);
export const declaration = (change?: (d: Record<string, unknown>) => void) =>
  fixture("export-declaration/valid-self-declared.json", change);

export const docs = (...list: CanonicalDocument[]): RiskDoc[] =>
  list.map((doc, index) => ({ index, id: `doc-${index}`, doc }));

/** A context with nothing stored and no list; override what a test needs. */
export function context(over: Partial<RiskContext> = {}): RiskContext {
  return {
    docs: [],
    related: [],
    ownerId: "owner-1",
    thresholds: { valueTolerance: 0.1, outlierZ: 3.5, minSamples: 20 },
    screener: new Screener(EMPTY_WATCHLIST, 0.88),
    series: () => Promise.resolve(undefined),
    ownCurrent: () => Promise.resolve([]),
    document: () => Promise.resolve(undefined),
    ...over,
  };
}

/** Sets a field deep in a fixture: path segments, numbers index arrays. */
export function set(d: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let cur: Record<string | number, unknown> = d;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path.at(-1)!] = value;
}
