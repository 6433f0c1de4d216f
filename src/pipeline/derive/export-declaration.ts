import { show, ZERO } from "../validate/rules/decimal.js";
import { invoicedAmount } from "../validate/rules/views/invoice.js";
import { kg } from "../validate/rules/weights.js";
import { type At, DraftBuilder } from "./builder.js";
import { copySourced, countries, envelope, parties } from "./common.js";
import { exporter, type Shipment, type Sources } from "./sources.js";
import type { DeriveConfig, DerivedDocument, TraderSupplied } from "./types.js";

/** Package lines holding only the goods of one invoice line: what the packing list says of that line alone. */
function packedFor(s: Sources, sequence: number): { lines: number[]; typeCode: string | undefined } {
  const lines: number[] = [];
  let typeCode: string | undefined;
  s.pl?.packages.forEach((p, i) => {
    const c = p.contents;
    if (!c || c.length === 0 || !c.every((x) => x.invoiceLine === sequence)) return;
    lines.push(i);
    typeCode = typeCode === undefined || typeCode === p.typeCode ? p.typeCode : "";
  });
  return { lines, typeCode: typeCode === "" ? undefined : typeCode };
}

function goodsItems(b: DraftBuilder, s: Sources, cfg: DeriveConfig): void {
  const inv = s.inv;
  inv.lines.forEach((l, i) => {
    const base = `/goodsItems/${i}`;
    const line = (p: string): At => ({ doc: s.invoice, pointer: `/lines/${i}${p}` });
    b.copy(`${base}/sequence`, l.sequence, line("/sequence"));
    b.copy(`${base}/description`, l.description, line("/description"));
    const packed = packedFor(s, l.sequence);
    if (!b.copy(`${base}/hsCode`, l.hsCode, line("/hsCode"))) {
      const fromPl = s.pl?.packages
        .flatMap((p, pi) => (p.contents ?? []).map((c, ci) => ({ c, pi, ci })))
        .find((x) => x.c.invoiceLine === l.sequence && x.c.hsCode !== undefined);
      if (fromPl)
        b.copy(`${base}/hsCode`, fromPl.c.hsCode, {
          doc: s.packing!,
          pointer: `/packages/${fromPl.pi}/contents/${fromPl.ci}/hsCode`,
        });
      else b.need(`${base}/hsCode`);
    }
    b.copy(`${base}/originCountry`, l.originCountry, line("/originCountry"));
    b.copy(`${base}/quantity`, l.quantity, line("/quantity"));
    const plAt = (pi: number, p: string): At => ({ doc: s.packing!, pointer: `/packages/${pi}${p}` });
    if (
      !b.copy(`${base}/packages`, l.packages, line("/packages")) &&
      packed.lines.length > 0 &&
      packed.typeCode !== undefined
    ) {
      const count = packed.lines.reduce((n, pi) => n + s.pl!.packages[pi]!.count, 0);
      b.computed(
        `${base}/packages`,
        { count, typeCode: packed.typeCode },
        packed.lines.map((pi) => plAt(pi, "/count")),
        "packages of the packing-list lines holding this invoice line only",
      );
    }
    for (const w of ["grossWeight", "netWeight"] as const) {
      if (b.copy(`${base}/${w}`, l[w], line(`/${w}`)) || packed.lines.length === 0) continue;
      const weights = packed.lines.map((pi) => s.pl!.packages[pi]![w]);
      if (weights.some((x) => x === undefined)) continue;
      const sum = weights.reduce((t, x) => t + kg(x!), ZERO);
      b.computed(
        `${base}/${w}`,
        { value: Number(show(sum)), unit: "KGM" },
        packed.lines.map((pi) => plAt(pi, `/${w}`)),
        "sum over the packing-list lines holding this invoice line only",
      );
    }
    b.config(`${base}/procedure`, cfg.procedureCode, "procedureCode");
  });
}

function transport(b: DraftBuilder, s: Sources, sh: Shipment): void {
  const v = sh.vessel;
  if (v) {
    b.copy("/transport/modeAtBorder", v.value.mode, { doc: v.at.doc, pointer: `${v.at.pointer}/mode` });
    b.copy("/transport/meansName", v.value.name, { doc: v.at.doc, pointer: `${v.at.pointer}/name` });
    b.copy("/transport/meansId", v.value.imoNumber, { doc: v.at.doc, pointer: `${v.at.pointer}/imoNumber` });
    b.copy("/transport/voyage", v.value.voyage, { doc: v.at.doc, pointer: `${v.at.pointer}/voyage` });
    b.copy("/transport/nationality", v.value.nationality, {
      doc: v.at.doc,
      pointer: `${v.at.pointer}/nationality`,
    });
  } else if (s.bill ?? s.instruction) {
    b.computed(
      "/transport/modeAtBorder",
      "1",
      [{ doc: (s.bill ?? s.instruction)!, pointer: "/type" }],
      "a bill of lading or shipping instruction is sea transport (Rec 19 code 1)",
    );
  }
  copySourced(b, "/transport/loadingLocation", sh.portOfLoading);
  const eq = sh.equipment;
  if (eq && eq.value.length > 0) {
    b.copy(
      "/transport/equipment",
      eq.value.map((q) => ({
        id: q.id,
        ...(q.sizeType !== undefined ? { sizeType: q.sizeType } : {}),
        ...(q.seals ? { seals: q.seals } : {}),
      })),
      eq.at,
    );
    b.computed("/transport/containerised", true, [eq.at], "the goods travel in containers (WCO 096)");
  }
}

export function deriveExportDeclaration(
  s: Sources,
  sh: Shipment,
  cfg: DeriveConfig,
  supplied: TraderSupplied,
): DerivedDocument {
  const b = new DraftBuilder();
  envelope(b, "export-declaration", "EXD", s);
  b.config("/declarationType", cfg.declarationType, "declarationType");
  b.computed(
    "/lrn",
    `${s.invoice.number}-EXD`,
    [{ doc: s.invoice, pointer: "/number" }],
    "the declarant's reference: the declaration number",
  );
  b.config("/customsOffice", cfg.customsOffice, "customsOffice");
  parties(b, s, "/exporter", "/consignee");
  const ex = exporter(s);
  b.copy(
    "/declarant",
    ex.value,
    ex.at,
    "the exporter declares for itself unless the trader names a declarant",
  );
  countries(b, s, sh, "/exportCountry", "/destinationCountry");
  b.copy("/incoterms", s.inv.incoterms, { doc: s.invoice, pointer: "/incoterms" });
  b.copy("/invoice/number", s.inv.number, { doc: s.invoice, pointer: "/number" });
  b.copy("/invoice/currency", s.inv.currency, { doc: s.invoice, pointer: "/currency" });
  b.copy("/invoice/amount", invoicedAmount(s.inv), {
    doc: s.invoice,
    pointer: s.inv.totals.taxInclusive !== undefined ? "/totals/taxInclusive" : "/totals/taxExclusive",
  });
  transport(b, s, sh);
  goodsItems(b, s, cfg);
  const pl = s.pl;
  if (pl) {
    b.copy("/totals/packageCount", pl.totals.packageCount, {
      doc: s.packing!,
      pointer: "/totals/packageCount",
    });
    b.copy("/totals/grossWeight", pl.totals.grossWeight, { doc: s.packing!, pointer: "/totals/grossWeight" });
  }
  copySourced(b, "/carrier", sh.carrier);
  return b.build(supplied["export-declaration"]);
}
