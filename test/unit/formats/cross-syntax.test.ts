import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../corpus/ingest.js";
import { listCorpus, readCorpus, ROOT } from "../../helpers/corpora.js";

type Obj = Record<string, unknown>;

interface Listed {
  readonly pointer: string;
  readonly reason: string;
  readonly ubl?: unknown;
  readonly cii?: unknown;
}

const table = JSON.parse(
  readFileSync(join(ROOT, "test", "fixtures", "formats", "cross-syntax-differences.json"), "utf8"),
) as {
  global: Listed[];
  pairs: Record<string, Listed[]>;
};

/** The XRechnung cases given in both syntaxes. */
const pairs = listCorpus("xrechnung-testsuite")
  .filter((f) => f.endsWith("_ubl.xml"))
  .map((ubl) => ({ ubl, cii: ubl.replace("_ubl.xml", "_uncefact.xml") }))
  .filter((p) => listCorpus("xrechnung-testsuite").includes(p.cii));

const keyOf = (ubl: string) => /(\d\d\.\d\da)(-cvd)?/.exec(ubl)!.slice(1).join("");

/** Provenance removed; identifiers and references as sets (their order is the syntax's element order). */
function comparable(doc: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(doc)) {
    if (["id", "original", "issuer"].includes(k)) continue;
    if (k === "references")
      out[k] = (v as Obj[]).map((r) => `${String(r["type"])}:${String(r["number"])}`).sort();
    else if (v && typeof v === "object" && !Array.isArray(v) && "identifiers" in v)
      out[k] = {
        ...v,
        identifiers: ((v as Obj)["identifiers"] as Obj[])
          .map((i) => [i["scheme"], i["schemeName"] ?? "", i["value"]].join(":"))
          .sort(),
      };
    else out[k] = v;
  }
  return out;
}

function differences(
  a: unknown,
  b: unknown,
  pointer: string,
  out: { pointer: string; ubl: unknown; cii: unknown }[],
): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const isSet = pointer.endsWith("/identifiers") || pointer === "/references";
  if (!isSet && a && b && typeof a === "object" && typeof b === "object") {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      differences((a as Obj)[k], (b as Obj)[k], `${pointer}/${k}`, out);
    return;
  }
  out.push({ pointer, ubl: a, cii: b });
}

describe("cross-syntax: the same invoice in UBL and CII gives the same canonical document", () => {
  it("finds the XRechnung pairs", () => expect(pairs.length).toBe(29));

  for (const { ubl, cii } of pairs) {
    const key = keyOf(ubl);
    it(key, () => {
      const u = ingest(readCorpus(ubl));
      const c = ingest(readCorpus(cii));
      expect(u.problems).toEqual([]);
      expect(c.problems).toEqual([]);
      const a = u.docs[0]!.canonical as Obj;
      const b = c.docs[0]!.canonical as Obj;
      const listed = table.pairs[key] ?? [];
      const found: { pointer: string; ubl: unknown; cii: unknown }[] = [];
      differences(comparable(a), comparable(b), "", found);
      const explained = (d: { pointer: string; ubl: unknown; cii: unknown }) =>
        listed.some((l) => l.pointer === d.pointer) ||
        table.global.some(
          (g) => new RegExp(g.pointer).test(d.pointer) && (d.ubl ?? null) === g.ubl && d.cii === g.cii,
        );
      expect(found.filter((d) => !explained(d))).toEqual([]);
      for (const l of listed)
        expect(
          found.map((d) => d.pointer),
          `listed difference ${l.pointer} still occurs`,
        ).toContain(l.pointer);

      // The EN 16931 business terms issue 6 names, unless listed above.
      const same = (pointer: string, x: unknown, y: unknown) => {
        if (!listed.some((l) => l.pointer === pointer)) expect(x, pointer).toEqual(y);
      };
      same("/number", a["number"], b["number"]); // BT-1
      same("/issuedAt", a["issuedAt"], b["issuedAt"]); // BT-2
      same("/currency", a["currency"], b["currency"]); // BT-5
      const ta = a["totals"] as Obj;
      const tb = b["totals"] as Obj;
      for (const t of ["lineTotal", "taxExclusive", "taxTotal", "taxInclusive", "payable"])
        same(`/totals/${t}`, ta[t], tb[t]); // BT-106, 109, 110, 112, 115
      for (const t of ["allowanceTotal", "chargeTotal", "prepaid", "rounding"])
        expect(ta[t] ?? 0, `/totals/${t}`).toEqual(tb[t] ?? 0); // BT-107, 108, 113, 114
      for (const role of ["seller", "buyer"])
        same(
          `/${role}/identifiers`,
          (comparable(a)[role] as Obj)["identifiers"],
          (comparable(b)[role] as Obj)["identifiers"],
        );
      const la = a["lines"] as Obj[];
      const lb = b["lines"] as Obj[];
      expect(la.length).toBe(lb.length);
      expect(la.map((l) => l["lineAmount"])).toEqual(lb.map((l) => l["lineAmount"])); // BT-131
    });
  }
});
