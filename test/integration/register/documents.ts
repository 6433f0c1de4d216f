import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../helpers/corpora.js";

/** A canonical fixture as a trader submits it: what the gateway assigns (id, version, original) left out. */
function submitted(path: string): Record<string, unknown> {
  const d = JSON.parse(readFileSync(join(ROOT, "test/fixtures/documents", path), "utf8")) as Record<
    string,
    unknown
  >;
  for (const k of ["schemaVersion", "id", "version", "original"]) delete d[k];
  return d;
}

/** The fixtures' consignee carries an LEI that the test list restricts (RP-004): drop it unless wanted. */
function unlisted(party: unknown): Record<string, unknown> {
  const p = { ...(party as Record<string, unknown>) };
  p["identifiers"] = ((p["identifiers"] ?? []) as { scheme: string }[]).filter((i) => i.scheme !== "LEI");
  return p;
}

/** An export declaration of its own consignment, lodged at a customs office (3104 routes north, 5300 south). */
export function declarationBody(number: string, o: { office?: string } = {}): Record<string, unknown> {
  const d = submitted("export-declaration/valid-self-declared.json");
  return {
    ...d,
    number,
    lrn: number,
    ucr: `UCR-${number}`,
    customsOffice: o.office ?? "3104",
    consignee: unlisted(d["consignee"]),
  };
}

/** A commercial invoice of its own consignment; `listedBuyer` keeps the buyer's restricted LEI. */
export function invoiceBody(number: string, o: { listedBuyer?: boolean } = {}): Record<string, unknown> {
  const d = submitted("commercial-invoice/valid-cif-lc.json");
  return {
    ...d,
    number,
    ucr: `UCR-${number}`,
    ...(o.listedBuyer ? {} : { buyer: unlisted(d["buyer"]) }),
  };
}
