import { incoterm } from "../validate/rules/codes.js";
import { invoicedAmount } from "../validate/rules/views/invoice.js";
import { type At, DraftBuilder } from "./builder.js";
import { copySourced, envelope, percentRoundedUp } from "./common.js";
import { exporter, type Shipment, type Sources } from "./sources.js";
import type { DerivedDocument, TraderSupplied } from "./types.js";

/** Incoterms 2020 CIF/CIP A5 and UCP 600 art. 28(f)(ii): at least 110 % of the contract (CIF/CIP) value. */
const COVER_PERCENT = 110;

/** 46A wording that asks for Institute Cargo Clauses (A), or its predecessor "all risks". */
const CLAUSES_A = /\(A\)|\bICC\s*-?\s*A\b|ALL\s+RISKS/i;

function coverage(s: Sources, code: string): { code: string; at: At[]; note: string } {
  const req =
    s.lc?.credit.documentsRequired.findIndex((r) => r.documentType === "insurance-certificate") ?? -1;
  if (req >= 0 && CLAUSES_A.test(s.lc!.credit.documentsRequired[req]!.text)) {
    return {
      code: "ICC-A",
      at: [{ doc: s.presentation!, pointer: `/credit/documentsRequired/${req}/text` }],
      note: "the credit (46A) asks for Institute Cargo Clauses (A)",
    };
  }
  const min = incoterm(code)?.minimumCover;
  return {
    code: min === "ICC (A)" ? "ICC-A" : "ICC-C",
    at: [{ doc: s.invoice, pointer: "/incoterms/code" }],
    note: `the minimum cover Incoterms 2020 ${code} A5 requires`,
  };
}

/** The insurance request the seller must place under CIF or CIP; undefined under other rules. */
export function deriveInsuranceRequest(
  s: Sources,
  sh: Shipment,
  supplied: TraderSupplied,
): DerivedDocument | undefined {
  const terms = s.inv.incoterms;
  if (terms === undefined || incoterm(terms.code)?.sellerInsures !== true) return undefined;
  const b = new DraftBuilder();
  envelope(b, "insurance-certificate", "INS", s);
  b.computed(
    "/status",
    "requested",
    [],
    "a derived insurance certificate is a request until the insurer issues it",
  );
  const ex = exporter(s);
  b.copy("/insured", ex.value, ex.at, "the seller insures under CIF/CIP");
  // UCP 600 art. 28(f)(i): in the credit's currency when a credit finances the shipment.
  const currency = s.lc?.credit.currency ?? s.inv.currency;
  if (s.lc) b.copy("/currency", currency, { doc: s.presentation!, pointer: "/credit/currency" });
  else b.copy("/currency", currency, { doc: s.invoice, pointer: "/currency" });
  const amountAt: At = {
    doc: s.invoice,
    pointer: s.inv.totals.taxInclusive !== undefined ? "/totals/taxInclusive" : "/totals/taxExclusive",
  };
  if (currency === s.inv.currency) {
    b.computed(
      "/insuredAmount",
      percentRoundedUp(invoicedAmount(s.inv), COVER_PERCENT, currency),
      [amountAt],
      `${COVER_PERCENT} % of the ${terms.code} value, rounded up to the currency's minor unit`,
    );
  } else {
    // The invoice is in another currency than the credit: the amount needs a rate the dossier does not give.
    b.need("/insuredAmount");
  }
  b.computed(
    "/insuredValueBasis",
    { basis: terms.code === "CIP" ? "CIP" : "CIF", percent: COVER_PERCENT },
    [{ doc: s.invoice, pointer: "/incoterms/code" }],
    "UCP 600 art. 28(f)(ii)",
  );
  const cover = coverage(s, terms.code);
  b.computed("/coverage", [{ code: cover.code }], cover.at, cover.note);
  copySourced(b, "/transport", sh.vessel);
  copySourced(b, "/from", sh.portOfLoading);
  copySourced(b, "/to", sh.portOfDischarge);
  copySourced(b, "/shipmentDate", sh.date);
  b.computed(
    "/goodsDescription",
    s.inv.lines.map((l) => l.description).join("; "),
    s.inv.lines.map((_, i) => ({ doc: s.invoice, pointer: `/lines/${i}/description` })),
    "the invoice lines' descriptions",
  );
  const pl = s.pl;
  if (pl) {
    const types = new Set(pl.packages.map((p) => p.typeCode));
    if (types.size === 1) {
      b.computed(
        "/packages",
        { count: pl.totals.packageCount, typeCode: pl.packages[0]!.typeCode },
        [
          { doc: s.packing!, pointer: "/totals/packageCount" },
          { doc: s.packing!, pointer: "/packages/0/typeCode" },
        ],
        "the packing list's packages, all of one type",
      );
    }
  }
  b.copy("/incoterms", terms, { doc: s.invoice, pointer: "/incoterms" });
  b.copy("/invoiceNumber", s.inv.number, { doc: s.invoice, pointer: "/number" });
  if (s.lc) b.copy("/lcNumber", s.lc.credit.number, { doc: s.presentation!, pointer: "/credit/number" });
  return b.build(supplied["insurance-certificate"]);
}
