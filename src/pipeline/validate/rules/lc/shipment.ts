import { dayNumber, showDay } from "../dates.js";
import type { Dossier } from "../dossier.js";
import type { Findings } from "../findings.js";
import { placesConflict, showPlace } from "../places.js";
import type { DocEntry, DossierRule } from "../types.js";
import type { Location } from "../views/common.js";
import { asBillOfLading, type BillOfLading } from "../views/transport-document.js";
import { presentations, type Presentation } from "./presentation.js";

const ART_20C = /20\s*\(\s*C\s*\)/i;
const EXCLUDED = /NOT\s+APPL|DOES\s+NOT\s+APPLY|EXCLUDED|DISAPPLIED/i;

/** Whether 47A excludes art. 20(c)(ii), as credits that mean "no transhipment, containers or not" do. */
function containerExemptionExcluded(conditions: readonly string[] | undefined): boolean {
  return conditions?.some((c) => ART_20C.test(c) && EXCLUDED.test(c)) ?? false;
}

function forBills(d: Dossier, fn: (p: Presentation, be: DocEntry, bl: BillOfLading) => void): void {
  for (const p of presentations(d)) for (const be of p.bills) fn(p, be, asBillOfLading(be.doc));
}

export const transhipment: DossierRule = {
  id: "SWG-LC-003",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message:
    "When transhipment is not allowed (43T), the bill of lading must not show transhipment, unless the goods are shipped in containers",
  fields: [
    "lc-presentation#/credit/transhipment",
    "bill-of-lading#/transhipmentPorts",
    "bill-of-lading#/equipment",
  ],
  article: "UCP 600 art. 20(b)-(c); MT700 43T",
  check(d: Dossier, out: Findings) {
    forBills(d, (p, be, bl) => {
      if (p.credit.transhipment !== "NOT ALLOWED" || !bl.transhipmentPorts?.length) return;
      // Art. 20(c)(ii): transhipment of goods in containers is acceptable even when the credit prohibits
      // it, unless the credit excludes that sub-article (47A).
      const excluded = containerExemptionExcluded(p.credit.additionalConditions);
      if (bl.equipment?.length && !excluded) return;
      out.addEither(
        be,
        "/transhipmentPorts",
        p.entry,
        "/credit/transhipment",
        `Bill of lading ${bl.number} shows transhipment at ${bl.transhipmentPorts.map(showPlace).join(", ")}; the credit prohibits it${excluded ? " (art. 20(c)(ii) excluded)" : " and the goods are not containerised"}`,
      );
    });
  },
};

function portRule(
  id: string,
  field: "portOfLoading" | "portOfDischarge",
  tag: string,
  what: string,
): DossierRule {
  return {
    id,
    scope: "dossier",
    severity: "error",
    category: "lc",
    message: `The bill of lading's ${what} must be the one the credit names (${tag})`,
    fields: [`lc-presentation#/credit/${field}`, `bill-of-lading#/${field}`],
    article: `UCP 600 art. 20(a)(iii); MT700 ${tag}`,
    check(d: Dossier, out: Findings) {
      forBills(d, (p, be, bl) => {
        const required: Location | undefined = p.credit[field];
        if (required && placesConflict(required, bl[field])) {
          out.addEither(
            be,
            `/${field}`,
            p.entry,
            `/credit/${field}`,
            `${what[0]!.toUpperCase()}${what.slice(1)} ${showPlace(bl[field])}; the credit requires ${showPlace(required)}`,
          );
        }
      });
    },
  };
}

export const portOfLoading = portRule("SWG-LC-004", "portOfLoading", "44E", "port of loading");
export const portOfDischarge = portRule("SWG-LC-005", "portOfDischarge", "44F", "port of discharge");

export const latestShipment: DossierRule = {
  id: "SWG-LC-006",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message: "The date of shipment must not be later than the latest date of shipment (44C)",
  fields: [
    "lc-presentation#/credit/latestShipmentDate",
    "bill-of-lading#/shippedOnBoardDate",
    "bill-of-lading#/issuedAt",
  ],
  article: "UCP 600 art. 20(a)(ii), art. 31(b); MT700 44C",
  check(d: Dossier, out: Findings) {
    for (const p of presentations(d)) {
      const latest = dayNumber(p.credit.latestShipmentDate);
      if (latest === undefined || p.shipmentDay === undefined || p.shipmentDay <= latest) continue;
      const bl = asBillOfLading(p.shipmentBill!.doc);
      out.addEither(
        p.shipmentBill!,
        bl.shippedOnBoardDate !== undefined ? "/shippedOnBoardDate" : "/issuedAt",
        p.entry,
        "/credit/latestShipmentDate",
        `Shipped on ${showDay(p.shipmentDay)}, after the latest shipment date ${p.credit.latestShipmentDate}`,
      );
    }
  },
};

export const cleanTransportDocument: DossierRule = {
  id: "SWG-LC-018",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message:
    "A transport document presented under a credit must be clean: no clause declaring the goods or their packaging defective",
  fields: ["bill-of-lading#/clean", "bill-of-lading#/clauses"],
  article: "UCP 600 art. 27",
  check(d: Dossier, out: Findings) {
    forBills(d, (p, be, bl) => {
      if (bl.clean === false)
        out.addEither(
          be,
          "/clean",
          p.entry,
          "/presentedDocuments",
          `Bill of lading ${bl.number} is claused (not clean)`,
        );
    });
  },
};

export const shippedOnBoard: DossierRule = {
  id: "SWG-LC-019",
  scope: "dossier",
  severity: "error",
  category: "lc",
  message:
    "A bill of lading must indicate that the goods have been shipped on board; a received-for-shipment bill needs an on-board notation",
  fields: ["bill-of-lading#/shippedOnBoardDate", "bill-of-lading#/receivedForShipmentDate"],
  article: "UCP 600 art. 20(a)(ii)",
  check(d: Dossier, out: Findings) {
    forBills(d, (p, be, bl) => {
      if (bl.receivedForShipmentDate !== undefined && bl.shippedOnBoardDate === undefined) {
        out.addEither(
          be,
          "/shippedOnBoardDate",
          p.entry,
          "/presentedDocuments",
          `Bill of lading ${bl.number} is a received-for-shipment bill without an on-board notation`,
        );
      }
    });
  },
};
