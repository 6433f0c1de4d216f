import { qualifier, segmentGroups, value } from "../reading.js";
import type { Interchange, Message, Segment } from "../types.js";
import { freeTexts, issueDate, readBeginning, reference, references, ucrOf } from "./header.js";
import { marks, measure, packageType, volume } from "./measures.js";
import { NAD_GROUP, partyGroups, partyOf } from "./party.js";
import { locationOf } from "./places.js";
import type { MessageRead } from "./read.js";
import { groups, outside } from "./structure.js";
import type { MessageTrace } from "./trace.js";
import { readEquipment } from "./transport.js";
import { compact } from "./compact.js";

type Obj = Record<string, unknown>;

/** Totals over packages: 6313 total gross (AAD, G) and total net weight (AAC, AAF); unit weights are not totals. */
const TOTAL_GROSS = new Set(["AAD", "G"]);
const TOTAL_NET = new Set(["AAC", "AAF"]);

function content(g: readonly Segment[], t: MessageTrace, p: string): Obj | undefined {
  const imd = g.find((s) => s.tag === "IMD" && value(s, 2, 3) !== undefined);
  const description = imd
    ? t.joined(imd, 2, [3, 4], `${p}/description`)
    : freeTexts(g, ["AAA"], t, `${p}/description`)[0];
  if (imd) t.mark(imd, 0);
  const qty = g.find((s) => s.tag === "QTY" && qualifier(s) === "12") ?? g.find((s) => s.tag === "QTY");
  const q = t.number(qty, 0, 1, `${p}/quantity/value`);
  if (!description || q === undefined) return undefined;
  t.mark(qty, 0);
  let unit = t.text(qty, 0, 2, `${p}/quantity/unit`);
  if (!unit) {
    unit = "C62";
    t.defaulted(`${p}/quantity/unit`, unit, "no unit (QTY 6411): one (C62)");
  }
  const pia = g.filter((s) => s.tag === "PIA" || s.tag === "LIN");
  const item = (type: string, ptr: string) => {
    for (const s of pia)
      for (const e of s.tag === "LIN" ? [2] : [1, 2, 3, 4, 5])
        if (value(s, e, 1) === type) {
          t.mark(s, e, 1);
          if (s.tag === "PIA") t.mark(s, 0);
          return t.text(s, e, 0, ptr);
        }
    return undefined;
  };
  const hs = item("HS", `${p}/hsCode`)?.replace(/[.\s]/g, "");
  return compact({
    description: description.slice(0, 1000),
    hsCode: hs && /^[0-9]+$/.test(hs) ? hs : undefined,
    quantity: { value: q, unit },
    sellerItemId: item("SA", `${p}/sellerItemId`)?.slice(0, 100),
  });
}

/**
 * DESADV → packing-list. Each PAC of the packing sequence (CPS groups) is a package line with
 * its marks (PCI) and weights; the line items (LIN) of a CPS group are the contents of that
 * group's first package. The package count totals the outermost level (CPS without a parent),
 * the one a carrier counts.
 */
export function readDesadv(m: Message, ic: Interchange, t: MessageTrace): MessageRead {
  const segs = m.segments;
  const firstCps = segs.findIndex((s) => s.tag === "CPS");
  const header = firstCps >= 0 ? segs.slice(0, firstCps) : segs.filter((s) => s.tag !== "CNT");
  const begin = readBeginning(header, t);
  const parties = partyGroups(header);
  const own = outside(header, groups(header, "NAD", NAD_GROUP));
  const packages: Obj[] = [];
  let outer = 0;
  const cpsGroups = firstCps >= 0 ? segmentGroups(segs.slice(firstCps), { start: "CPS", end: ["CNT"] }) : [];
  for (const cps of cpsGroups) {
    const head = cps[0]!;
    t.mark(head, 0);
    const parent = t.text(head, 1, 0);
    const lins = segmentGroups(cps, { start: "LIN", end: ["CPS"] });
    const linSet = new Set(lins.flat());
    const pacs = segmentGroups(
      cps.filter((s) => !linSet.has(s)),
      { start: "PAC", members: ["MEA", "QTY", "HAN", "PCI", "RFF", "DTM", "GIN", "GIR", "FTX"] },
    );
    let firstOfGroup: Obj | undefined;
    for (const pac of pacs) {
      const p = `/packages/${packages.length}`;
      const pacSeg = pac[0]!;
      const count = t.count(pacSeg, 0, 0, `${p}/count`);
      const typeCode = packageType(pacSeg, 2, 0, t, `${p}/typeCode`);
      if (count === undefined || count < 1 || !typeCode) continue;
      if (!parent) outer += count;
      const line = compact({
        sequence: packages.length + 1,
        count,
        typeCode,
        marks: marks(pac, t, `${p}/marks`),
        grossWeight: measure(pac, TOTAL_GROSS, t, `${p}/grossWeight`, true),
        netWeight: measure(pac, TOTAL_NET, t, `${p}/netWeight`, true),
        volume: volume(pac, t, `${p}/volume`),
      });
      packages.push(line);
      firstOfGroup ??= line;
    }
    if (lins.length > 0 && firstOfGroup) {
      const at = packages.indexOf(firstOfGroup);
      firstOfGroup["contents"] = lins
        .map((l, i) => content(l, t, `/packages/${at}/contents/${i}`))
        .filter((c): c is Obj => c !== undefined);
    } else if (lins.length > 0) {
      t.warn(
        "line items in a packing sequence without a package (PAC): no package to hold them",
        lins[0]![0],
      );
    }
  }
  for (const cnt of segs.filter((s) => s.tag === "CNT")) t.markSegment(cnt);
  let packageCount: number | undefined;
  if (packages.length > 0) {
    packageCount = outer > 0 ? outer : packages.reduce((n, p) => n + (p["count"] as number), 0);
    t.defaulted("/totals/packageCount", packageCount, "the packages of the outermost packing level, counted");
  }
  const invoiceNumber = reference(own, ["IV"], t, "/invoiceNumber")?.slice(0, 70);
  const consignor = partyOf(parties, ["CZ", "SU", "SE"], t, "/consignor");
  return {
    draft: compact({
      type: "packing-list" as const,
      number: begin.number,
      issuedAt: issueDate(own, ic, t),
      issuer: consignor ?? { name: "" },
      functionCode: begin.functionCode,
      ucr: ucrOf(own, t),
      consignor,
      consignee: partyOf(parties, ["CN", "DP", "ST", "BY"], t, "/consignee"),
      exporter: partyOf(parties, ["EX"], t, "/exporter"),
      shipmentDate: t.date(
        own.find((s) => s.tag === "DTM" && qualifier(s) === "11"),
        "/shipmentDate",
      ),
      packages,
      equipment: readEquipment(own, t, "/equipment"),
      totals: compact({
        packageCount,
        grossWeight: measure(own, TOTAL_GROSS, t, "/totals/grossWeight", true),
        netWeight: measure(own, TOTAL_NET, t, "/totals/netWeight", true),
        volume: volume(own, t, "/totals/volume"),
      }),
      invoiceNumber,
      portOfLoading: locationOf(own, ["9"], t, "/portOfLoading"),
      portOfDischarge: locationOf(own, ["11"], t, "/portOfDischarge"),
      references: [
        ...(invoiceNumber ? [{ type: "commercial-invoice", number: invoiceNumber }] : []),
        ...references(own, "ON", t).map((n) => ({ type: "purchase-order", number: n.slice(0, 70) })),
      ],
      notes: freeTexts(own, ["AAI", "GEN"], t, "/notes").map((n) => n.slice(0, 4000)),
    }),
  };
}
