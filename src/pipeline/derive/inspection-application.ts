import { type At, DraftBuilder } from "./builder.js";
import { copySourced, countries, envelope, parties } from "./common.js";
import { exporter, type Shipment, type Sources } from "./sources.js";
import type { DeriveConfig, DerivedDocument, TraderSupplied } from "./types.js";

/** The invoice lines whose HS code starts with a prefix on the inspection list. */
export function linesUnderInspection(s: Sources, prefixes: readonly string[]): number[] {
  const out: number[] = [];
  s.inv.lines.forEach((l, i) => {
    if (l.hsCode !== undefined && prefixes.some((p) => l.hsCode!.startsWith(p))) out.push(i);
  });
  return out;
}

export function deriveInspectionApplication(
  s: Sources,
  sh: Shipment,
  lines: readonly number[],
  cfg: DeriveConfig,
  supplied: TraderSupplied,
): DerivedDocument {
  const b = new DraftBuilder();
  envelope(b, "inspection-application", "IA", s);
  b.config("/inspectionTypes", cfg.inspectionTypes, "inspectionTypes");
  const ex = exporter(s);
  b.copy("/applicant", ex.value, ex.at, "the exporter applies");
  parties(b, s, "/exporter", "/consignee");
  b.config("/authority", cfg.inspectionAuthority, "inspectionAuthority");
  countries(b, s, sh, "/exportCountry", "/destinationCountry");
  // Goods are inspected where they are packed: the consignor's address on the packing list.
  if (
    !b.copy("/inspectionAddress", s.pl?.consignor.address, {
      doc: s.packing ?? s.invoice,
      pointer: "/consignor/address",
    })
  ) {
    b.copy("/inspectionAddress", ex.value.address, { doc: ex.at.doc, pointer: `${ex.at.pointer}/address` });
  }
  copySourced(b, "/portOfLoading", sh.portOfLoading);
  copySourced(b, "/portOfDischarge", sh.portOfDischarge);
  copySourced(b, "/transport", sh.vessel);
  copySourced(b, "/plannedShipmentDate", sh.date);
  b.copy("/contractNumber", s.inv.orderReference, { doc: s.invoice, pointer: "/orderReference" });
  if (!b.copy("/lcNumber", s.inv.lcNumber, { doc: s.invoice, pointer: "/lcNumber" }) && s.lc) {
    b.copy("/lcNumber", s.lc.credit.number, { doc: s.presentation!, pointer: "/credit/number" });
  }
  lines.forEach((li, i) => {
    const l = s.inv.lines[li]!;
    const base = `/goodsItems/${i}`;
    const at = (p: string): At => ({ doc: s.invoice, pointer: `/lines/${li}${p}` });
    b.computed(`${base}/sequence`, i + 1, [at("/sequence")], "numbered among the goods under inspection");
    b.copy(`${base}/description`, l.description, at("/description"));
    b.copy(`${base}/hsCode`, l.hsCode, at("/hsCode"));
    b.copy(`${base}/originCountry`, l.originCountry, at("/originCountry"));
    b.copy(`${base}/quantity`, l.quantity, at("/quantity"));
    b.copy(`${base}/packages`, l.packages, at("/packages"));
    b.copy(`${base}/grossWeight`, l.grossWeight, at("/grossWeight"));
    b.copy(`${base}/netWeight`, l.netWeight, at("/netWeight"));
  });
  if (sh.equipment && sh.equipment.value.length > 0) copySourced(b, "/equipment", sh.equipment);
  return b.build(supplied["inspection-application"]);
}
