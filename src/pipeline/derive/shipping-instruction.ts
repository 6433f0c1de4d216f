import { invoicedAmount } from "../validate/rules/views/invoice.js";
import { type At, DraftBuilder } from "./builder.js";
import { copySourced, envelope } from "./common.js";
import { consignee, exporter, type Shipment, type Sources } from "./sources.js";
import type { DeriveConfig, DerivedDocument, TraderSupplied } from "./types.js";

/** Incoterms under which the seller contracts and pays the main carriage: freight prepaid. */
const SELLER_PAYS_CARRIAGE = new Set(["CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP"]);
const TO_ORDER = /TO\s+(THE\s+)?ORDER/i;
const NOTIFY_APPLICANT = /NOTIFY\s+(THE\s+)?APPLICANT/i;

/** The 46A entry asking for a marine transport document, if a credit finances the shipment. */
function transportRequirement(s: Sources):
  | {
      index: number;
      type: "bill-of-lading" | "sea-waybill";
      text: string;
      originals?: number;
      fullSet?: boolean;
    }
  | undefined {
  const req = s.lc?.credit.documentsRequired;
  if (!req) return undefined;
  const index = req.findIndex((r) => r.documentType === "bill-of-lading" || r.documentType === "sea-waybill");
  if (index < 0) return undefined;
  const r = req[index]!;
  return {
    index,
    type: r.documentType as "bill-of-lading" | "sea-waybill",
    text: r.text,
    ...(r.originals !== undefined ? { originals: r.originals } : {}),
    ...(r.fullSet !== undefined ? { fullSet: r.fullSet } : {}),
  };
}

function consignment(b: DraftBuilder, s: Sources): void {
  const req = transportRequirement(s);
  if (req && TO_ORDER.test(req.text)) {
    const at: At = { doc: s.presentation!, pointer: `/credit/documentsRequired/${req.index}/text` };
    b.computed("/toOrder", true, [at], "46A asks for a bill made out to order");
    const bank = s.lc!.credit.issuingBank;
    if (req.text.toUpperCase().includes(bank.name.toUpperCase())) {
      b.computed(
        "/orderOf",
        bank,
        [at, { doc: s.presentation!, pointer: "/credit/issuingBank" }],
        "46A names the issuing bank as the order party",
      );
    }
    if (NOTIFY_APPLICANT.test(req.text)) {
      b.computed(
        "/notifyParties",
        [s.lc!.credit.applicant],
        [at, { doc: s.presentation!, pointer: "/credit/applicant" }],
        "46A: notify the applicant",
      );
    }
    return;
  }
  const cn = consignee(s);
  b.copy("/consignee", cn.value, cn.at);
}

function documentRequested(b: DraftBuilder, s: Sources, cfg: DeriveConfig): void {
  const req = transportRequirement(s);
  if (!req) {
    b.config("/transportDocumentType", cfg.defaultTransportDocument, "defaultTransportDocument");
    b.computed(
      "/negotiable",
      cfg.defaultTransportDocument === "bill-of-lading",
      [],
      "a bill of lading is negotiable, a sea waybill is not",
    );
    return;
  }
  const at: At = { doc: s.presentation!, pointer: `/credit/documentsRequired/${req.index}` };
  b.computed("/transportDocumentType", req.type, [at], "the transport document the credit requires (46A)");
  b.computed(
    "/negotiable",
    req.type === "bill-of-lading",
    [at],
    "a bill of lading is negotiable, a sea waybill is not",
  );
  if (req.originals !== undefined)
    b.copy("/originals", req.originals, { doc: s.presentation!, pointer: `${at.pointer}/originals` });
  else if (req.fullSet === true)
    b.computed("/originals", 3, [at], "a full set, customarily issued in three originals");
}

function goods(b: DraftBuilder, s: Sources): void {
  const pl = s.pl;
  if (!pl) {
    s.inv.lines.forEach((l, i) => {
      const at = (p: string): At => ({ doc: s.invoice, pointer: `/lines/${i}${p}` });
      b.copy(`/goodsItems/${i}/sequence`, l.sequence, at("/sequence"));
      b.copy(`/goodsItems/${i}/description`, l.description, at("/description"));
      b.copy(`/goodsItems/${i}/hsCode`, l.hsCode, at("/hsCode"));
      b.copy(`/goodsItems/${i}/packages`, l.packages, at("/packages"));
      b.copy(`/goodsItems/${i}/grossWeight`, l.grossWeight, at("/grossWeight"));
      b.copy(`/goodsItems/${i}/netWeight`, l.netWeight, at("/netWeight"));
    });
    return;
  }
  // One goods item per package line: carriers book packages with their marks, not invoice lines.
  pl.packages.forEach((p, i) => {
    const base = `/goodsItems/${i}`;
    const at = (q: string): At => ({ doc: s.packing!, pointer: `/packages/${i}${q}` });
    b.computed(`${base}/sequence`, i + 1, [at("/sequence")], "numbered by package line");
    const contents = p.contents ?? [];
    if (contents.length === 1) {
      b.copy(`${base}/description`, contents[0]!.description, at("/contents/0/description"));
      b.copy(`${base}/hsCode`, contents[0]!.hsCode, at("/contents/0/hsCode"));
    } else if (contents.length > 1) {
      b.computed(
        `${base}/description`,
        contents.map((c) => c.description).join("; "),
        contents.map((_, j) => at(`/contents/${j}/description`)),
        "the contents' descriptions",
      );
    } else {
      b.need(`${base}/description`);
    }
    b.computed(
      `${base}/packages`,
      { count: p.count, typeCode: p.typeCode, ...(p.marks !== undefined ? { marks: p.marks } : {}) },
      [at("/count"), at("/typeCode"), ...(p.marks !== undefined ? [at("/marks")] : [])],
      "the package line's count, type and marks",
    );
    b.copy(`${base}/grossWeight`, p.grossWeight, at("/grossWeight"));
    b.copy(`${base}/netWeight`, p.netWeight, at("/netWeight"));
    b.copy(`${base}/volume`, p.volume, at("/volume"));
    if (p.equipmentId !== undefined)
      b.computed(
        `${base}/equipmentIds`,
        [p.equipmentId],
        [at("/equipmentId")],
        "the container the packages are stuffed in",
      );
  });
  const t = { doc: s.packing!, pointer: "/totals" };
  b.copy("/totals/packageCount", pl.totals.packageCount, { doc: t.doc, pointer: "/totals/packageCount" });
  b.copy("/totals/grossWeight", pl.totals.grossWeight, { doc: t.doc, pointer: "/totals/grossWeight" });
  b.copy("/totals/volume", pl.totals.volume, { doc: t.doc, pointer: "/totals/volume" });
}

/** The shipping instruction for the carrier, derived when the dossier has neither one nor a bill of lading. */
export function deriveShippingInstruction(
  s: Sources,
  sh: Shipment,
  cfg: DeriveConfig,
  supplied: TraderSupplied,
): DerivedDocument {
  const b = new DraftBuilder();
  envelope(b, "shipping-instruction", "SI", s);
  const ex = exporter(s);
  b.copy("/shipper", ex.value, ex.at);
  consignment(b, s);
  if (!copySourced(b, "/portOfLoading", sh.portOfLoading)) b.need("/portOfLoading");
  if (!copySourced(b, "/portOfDischarge", sh.portOfDischarge)) b.need("/portOfDischarge");
  const terms = s.inv.incoterms;
  if (terms) {
    b.computed(
      "/freightTerms",
      SELLER_PAYS_CARRIAGE.has(terms.code) ? "prepaid" : "collect",
      [{ doc: s.invoice, pointer: "/incoterms/code" }],
      SELLER_PAYS_CARRIAGE.has(terms.code)
        ? `under ${terms.code} the seller pays the main carriage`
        : `under ${terms.code} the buyer pays the main carriage`,
    );
  }
  if (sh.equipment && sh.equipment.value.length > 0) copySourced(b, "/equipment", sh.equipment);
  goods(b, s);
  if (!b.copy("/lcNumber", s.inv.lcNumber, { doc: s.invoice, pointer: "/lcNumber" }) && s.lc) {
    b.copy("/lcNumber", s.lc.credit.number, { doc: s.presentation!, pointer: "/credit/number" });
  }
  b.computed(
    "/invoiceNumbers",
    [s.inv.number],
    [{ doc: s.invoice, pointer: "/number" }],
    "the invoice of the consignment",
  );
  documentRequested(b, s, cfg);
  b.copy("/invoice/number", s.inv.number, { doc: s.invoice, pointer: "/number" });
  b.copy("/invoice/amount", invoicedAmount(s.inv), {
    doc: s.invoice,
    pointer: s.inv.totals.taxInclusive !== undefined ? "/totals/taxInclusive" : "/totals/taxExclusive",
  });
  b.copy("/invoice/currency", s.inv.currency, { doc: s.invoice, pointer: "/currency" });
  return b.build(supplied["shipping-instruction"]);
}
