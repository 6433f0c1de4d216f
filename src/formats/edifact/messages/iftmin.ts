import type { PartyData } from "../../../model/canonical.js";
import { qualifier, value } from "../reading.js";
import type { Interchange, Message, Segment } from "../types.js";
import { codeIn, FREIGHT_TERMS, TRANSPORT_DOCUMENTS } from "./codes.js";
import { freeTexts, issueDate, readBeginning, reference, references, ucrOf } from "./header.js";
import { grossWeight, marks, netWeight, packageType, volume } from "./measures.js";
import { NAD_GROUP, readParty } from "./party.js";
import { locationOf } from "./places.js";
import type { MessageRead } from "./read.js";
import { groups, outside } from "./structure.js";
import type { MessageTrace } from "./trace.js";
import { EQD_GROUP, readEquipment, readTransport, stage } from "./transport.js";
import { compact } from "./compact.js";

type Obj = Record<string, unknown>;

/** A consignee named "TO ORDER" or "TO ORDER OF X": the bill is made out to order (of X). */
const TO_ORDER = /^TO (?:THE )?ORDER(?: OF (.+))?$/i;

const GID_GROUP = [
  "HAN",
  "TMP",
  "RNG",
  "TMD",
  "LOC",
  "MOA",
  "PIA",
  "FTX",
  "NAD",
  "DTM",
  "GDS",
  "MEA",
  "EQN",
  "DIM",
  "RFF",
  "PCI",
  "GIN",
  "DOC",
  "GOR",
  "TPL",
  "SGP",
  "TCC",
  "DGS",
  "CTA",
  "COM",
  "QTY",
  "SEL",
  "EQD",
];
/** IFTMIN's party group: NAD-LOC-MOA-(CTA-COM)-(DOC-DTM)-(TCC…)-(RFF-DTM)-(CPI…)-(TSR…). */
const IFTMIN_NAD = [...NAD_GROUP, "MOA", "TCC", "PRI", "EQN", "PCD", "QTY", "CPI", "CUX", "TSR"];
const TDT_GROUP = ["DTM", "TSR", "LOC", "RFF", "TPL", "MEA", "EQN"];
const CPI_GROUP = ["RFF", "CUX", "LOC", "MOA"];

function goodsItem(g: readonly Segment[], i: number, t: MessageTrace): Obj | undefined {
  const p = `/goodsItems/${i}`;
  const gid = g[0]!;
  const description = freeTexts(g, ["AAA"], t, `${p}/description`).join("\n") || undefined;
  const pia = g.find((s) => s.tag === "PIA" && [1, 2, 3, 4, 5].some((e) => value(s, e, 1) === "HS"));
  const hsAt = pia ? [1, 2, 3, 4, 5].find((e) => value(pia, e, 1) === "HS")! : -1;
  const hs = pia ? value(pia, hsAt, 0)?.replace(/[.\s]/g, "") : undefined;
  if (pia && hs && /^[0-9]+$/.test(hs)) {
    t.mark(pia, 0);
    t.mark(pia, hsAt, 1);
    t.text(pia, hsAt, 0, `${p}/hsCode`);
  }
  const count = t.count(gid, 1, 0, `${p}/packages/count`);
  const type = count !== undefined ? packageType(gid, 1, 1, t, `${p}/packages/typeCode`) : undefined;
  const equipmentIds = g
    .filter((s) => s.tag === "SGP")
    .map((s) => t.text(s, 0, 0, `${p}/equipmentIds`))
    .filter((x): x is string => x !== undefined);
  const seq = value(gid, 0);
  if (!description) return undefined;
  return compact({
    sequence: seq && /^[1-9][0-9]*$/.test(seq) ? Number(t.text(gid, 0, 0, `${p}/sequence`)) : i + 1,
    description: description.slice(0, 4000),
    hsCode: hs && /^[0-9]+$/.test(hs) ? hs : undefined,
    packages:
      count !== undefined && count > 0 && type
        ? compact({ count, typeCode: type, marks: marks(g, t, `${p}/packages/marks`) })
        : undefined,
    grossWeight: grossWeight(g, t, `${p}/grossWeight`),
    netWeight: netWeight(g, t, `${p}/netWeight`),
    volume: volume(g, t, `${p}/volume`),
    equipmentIds,
  });
}

/**
 * IFTMIN (instruction message) → shipping-instruction: the parties (CZ shipper, CN consignee,
 * N1/N2/NI notify, CA carrier, FW forwarder), the places (LOC 88 receipt, 9 loading, 11
 * discharge, 7 delivery, 13 transhipment), the main carriage (TDT 20) and pre-carriage (TDT
 * 10), the transport document asked for (DOC: 1001, with 1218 originals and 1220 copies), the
 * goods items (GID groups) and the containers (EQD groups).
 */
export function readIftmin(m: Message, ic: Interchange, t: MessageTrace): MessageRead {
  const segs = m.segments;
  const firstGid = segs.findIndex((s) => s.tag === "GID");
  const firstEqd = segs.findIndex((s, i) => s.tag === "EQD" && (firstGid < 0 || i > firstGid));
  const end = [firstGid, firstEqd].filter((i) => i >= 0);
  const header = segs.slice(0, end.length > 0 ? Math.min(...end) : segs.length);
  const begin = readBeginning(header, t);
  const nads = groups(header, "NAD", IFTMIN_NAD);
  const own = outside(header, nads);
  const party = (qs: readonly string[], pointer: string): PartyData | undefined => {
    const g = nads.find((n) => qs.includes(qualifier(n[0]!) ?? ""));
    return g ? readParty(g, t, pointer) : undefined;
  };

  const doc = own.find((s) => s.tag === "DOC" && codeIn(TRANSPORT_DOCUMENTS, value(s, 0)) !== undefined);
  let transportDocumentType = doc ? codeIn(TRANSPORT_DOCUMENTS, value(doc, 0)) : undefined;
  if (doc) t.text(doc, 0, 0, "/transportDocumentType");
  if (!transportDocumentType) {
    transportDocumentType = "bill-of-lading";
    t.defaulted(
      "/transportDocumentType",
      transportDocumentType,
      "no transport document asked for (DOC 705/710…): a bill of lading",
    );
  }

  const consigneeGroup = nads.find((n) => qualifier(n[0]!) === "CN");
  // The name in C080's five components (as the writer cuts it), else C058's first line.
  const consigneeName = consigneeGroup
    ? [0, 1, 2, 3, 4]
        .map((c) => value(consigneeGroup[0], 3, c))
        .filter((x) => x !== undefined)
        .join(" ") || value(consigneeGroup[0], 2, 0)
    : undefined;
  const order = consigneeName ? TO_ORDER.exec(consigneeName.trim()) : null;
  let consignee: PartyData | undefined;
  let orderOf: PartyData | undefined;
  if (order && consigneeGroup) {
    t.markSegment(consigneeGroup[0]);
    if (order[1]) orderOf = { name: order[1].slice(0, 200) };
    t.trace.from("/toOrder", `segment ${consigneeGroup[0]!.position.number} (NAD)`);
  } else if (consigneeGroup) consignee = readParty(consigneeGroup, t, "/consignee");

  const cpi = groups(own, "CPI", CPI_GROUP)[0];
  const terms = cpi ? codeIn(FREIGHT_TERMS, value(cpi[0], 2)) : undefined;
  if (cpi && terms) {
    t.mark(cpi[0], 0);
    t.text(cpi[0], 2, 0, "/freightTerms");
  }
  const tdts = groups(own, "TDT", TDT_GROUP);
  const main = tdts.find((g) => g[0] === stage(own, ["20"])) ?? [];
  const pre = tdts.find((g) => g[0] === stage(own, ["10"])) ?? [];
  const places = [...outside(own, tdts), ...main];
  const notify = nads
    .filter((n) => ["N1", "N2", "NI"].includes(qualifier(n[0]!) ?? ""))
    .map((n, i) => readParty(n, t, `/notifyParties/${i}`))
    .filter((x): x is PartyData => x !== undefined);
  const transhipment = places
    .filter((s) => s.tag === "LOC" && qualifier(s) === "13")
    .map((s, i) => locationOf([s], ["13"], t, `/transhipmentPorts/${i}`))
    .filter((x) => x !== undefined);
  const gids = firstGid >= 0 ? groups(segs.slice(firstGid), "GID", GID_GROUP) : [];
  const goodsItems = gids.map((g, i) => goodsItem(g, i, t)).filter((x): x is Obj => x !== undefined);
  const eqds = firstEqd >= 0 ? segs.slice(firstEqd) : [];
  const shipper = party(["CZ"], "/shipper");
  for (const cnt of own.filter((s) => s.tag === "CNT")) t.mark(cnt, 0);
  return {
    draft: compact({
      type: "shipping-instruction" as const,
      number: begin.number,
      issuedAt: issueDate(own, ic, t),
      issuer: shipper ?? { name: "" },
      functionCode: begin.functionCode,
      ucr: ucrOf(own, t),
      shipper,
      consignee,
      toOrder: order ? true : undefined,
      orderOf,
      notifyParties: notify,
      carrier: party(["CA"], "/carrier"),
      forwarder: party(["FW"], "/forwarder"),
      bookingReference: reference(own, ["BN"], t, "/bookingReference")?.slice(0, 35),
      placeOfReceipt: locationOf(places, ["88"], t, "/placeOfReceipt"),
      portOfLoading: locationOf(places, ["9"], t, "/portOfLoading"),
      portOfDischarge: locationOf(places, ["11"], t, "/portOfDischarge"),
      placeOfDelivery: locationOf(places, ["7"], t, "/placeOfDelivery"),
      transhipmentPorts: transhipment,
      vessel: readTransport(main[0], t, "/vessel"),
      preCarriage: readTransport(pre[0], t, "/preCarriage"),
      freightTerms: terms,
      freightPayableAt: cpi
        ? locationOf(
            cpi,
            cpi.filter((s) => s.tag === "LOC").map((s) => qualifier(s)!),
            t,
            "/freightPayableAt",
          )
        : undefined,
      equipment: readEquipment(groups(eqds, "EQD", EQD_GROUP).flat(), t, "/equipment"),
      goodsItems,
      totals: compact({
        packageCount: t.count(
          own.find((s) => s.tag === "CNT" && value(s, 0) === "11"),
          0,
          1,
          "/totals/packageCount",
        ),
        grossWeight: grossWeight(own, t, "/totals/grossWeight"),
        volume: volume(own, t, "/totals/volume"),
      }),
      lcNumber: reference(own, ["AAC", "LC"], t, "/lcNumber")?.slice(0, 35),
      invoiceNumbers: references(own, "IV", t, "/invoiceNumbers"),
      exportReferences: [
        ...references(own, "AAE", t, "/exportReferences"),
        ...references(own, "ABT", t, "/exportReferences"),
      ],
      transportDocumentType,
      negotiable: transportDocumentType === "bill-of-lading" && order ? true : undefined,
      originals: t.count(doc, 4, 0, "/originals"),
      copies: t.count(doc, 3, 0, "/copies"),
      requestedClauses: freeTexts(own, ["BLC"], t, "/requestedClauses").map((c) => c.slice(0, 1000)),
      notes: freeTexts(own, ["AAI", "GEN"], t, "/notes").map((n) => n.slice(0, 4000)),
    }),
  };
}
