import { qualifier } from "../reading.js";
import type { Segment } from "../types.js";
import { TARE_WEIGHT, VERIFIED_GROSS_MASS } from "./codes.js";
import { measure } from "./measures.js";
import { groups } from "./structure.js";
import type { MessageTrace } from "./trace.js";
import { compact } from "./compact.js";

type Obj = Record<string, unknown>;

/** UN/ECE Recommendation 19 modes the canonical model names; 0 (not specified) and 6 (multimodal) read as 9, unknown. */
const MODES = new Set(["1", "2", "3", "4", "5", "7", "8", "9"]);

/**
 * TDT → means of transport: mode (C220 8067), the conveyance reference as voyage (8028), and
 * from C222 the vessel or vehicle id (8213: the IMO number when listed as Lloyd's, 3055 = 11),
 * its name (8212) and nationality (8453).
 */
export function readTransport(tdt: Segment | undefined, t: MessageTrace, pointer: string): Obj | undefined {
  if (!tdt) return undefined;
  t.mark(tdt, 0);
  const raw = tdt.elements[2]?.[0];
  let mode = raw && MODES.has(raw) ? t.text(tdt, 2, 0, `${pointer}/mode`) : undefined;
  if (!mode) {
    mode = "9";
    if (raw) t.mark(tdt, 2, 0);
    t.defaulted(
      `${pointer}/mode`,
      mode,
      raw
        ? `mode ${raw} (8067) has no Rec 19 single mode: unknown`
        : "no mode of transport (TDT C220 8067): unknown",
    );
  }
  const id = tdt.elements[7]?.[0]?.trim();
  const lloyds = tdt.elements[7]?.[2] === "11" || tdt.elements[7]?.[1] === "146";
  const imo = id && lloyds && /^[0-9]{7}$/.test(id);
  if (imo) {
    t.mark(tdt, 7, 1);
    t.mark(tdt, 7, 2);
  }
  const nationality = tdt.elements[7]?.[4];
  return compact({
    mode,
    name: (t.text(tdt, 7, 3, `${pointer}/name`) ?? t.text(tdt, 2, 1))?.slice(0, 70),
    imoNumber: imo ? t.text(tdt, 7, 0, `${pointer}/imoNumber`) : undefined,
    id: !imo ? t.text(tdt, 7, 0, `${pointer}/id`)?.slice(0, 35) : undefined,
    voyage: t.text(tdt, 1, 0, `${pointer}/voyage`)?.slice(0, 35),
    nationality:
      nationality && /^[A-Z]{2}$/.test(nationality) ? t.text(tdt, 7, 4, `${pointer}/nationality`) : undefined,
  });
}

/** The TDT for a transport stage (8051: 10 pre-carriage, 20 main carriage, 11 at the border, 30 on-carriage). */
export function stage(segments: readonly Segment[], stages: readonly string[]): Segment | undefined {
  for (const s of stages) {
    const hit = segments.find((x) => x.tag === "TDT" && qualifier(x) === s);
    if (hit) return hit;
  }
  return undefined;
}

export const EQD_GROUP = ["EQN", "TMD", "MEA", "DIM", "SEL", "TPL", "HAN", "TMP", "FTX", "RFF"] as const;

/**
 * EQD segment groups → transport equipment: container number (C237 8260), ISO 6346 size and
 * type (C224 8155), seals (SEL 9308), shipper-owned (8077 = 1, shipper supplied), tare and
 * verified gross mass (MEA T and VGM).
 */
export function readEquipment(segments: readonly Segment[], t: MessageTrace, pointer: string): Obj[] {
  const out: Obj[] = [];
  for (const g of groups(segments, "EQD", EQD_GROUP)) {
    const eqd = g[0]!;
    const p = `${pointer}/${out.length}`;
    const raw = eqd.elements[1]?.[0]?.replace(/\s+/g, "");
    if (!raw || raw.length > 17) continue;
    const id = t.text(eqd, 1, 0, `${p}/id`)?.replace(/\s+/g, "");
    t.mark(eqd, 0);
    const size = eqd.elements[2]?.[0];
    const supplier = eqd.elements[3]?.[0];
    const seals = g
      .filter((s) => s.tag === "SEL")
      .map((sel) => t.text(sel, 0, 0, `${p}/seals`))
      .filter((x): x is string => x !== undefined);
    out.push(
      compact({
        id,
        sizeType: size && /^[0-9A-Z]{4}$/.test(size) ? t.text(eqd, 2, 0, `${p}/sizeType`) : undefined,
        seals: seals.length > 0 ? seals : undefined,
        shipperOwned: supplier === "1" || supplier === "2" ? (t.mark(eqd, 3), supplier === "1") : undefined,
        tareWeight: measure(g, TARE_WEIGHT, t, `${p}/tareWeight`, true),
        verifiedGrossMass: measure(g, VERIFIED_GROSS_MASS, t, `${p}/verifiedGrossMass`, true),
      }),
    );
  }
  return out;
}
