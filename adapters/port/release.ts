import { interchange, type SegmentInput } from "../../src/formats/edifact/index.js";
import type { Rendered, RenderInput } from "../../src/ports/adapter.js";
import { dtm203, encode, envelopeFor } from "./envelope.js";

export const RELEASE_FORMAT = "edifact-cusres-d96b";

type Obj = Readonly<Record<string, unknown>>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
const str = (v: unknown): string | undefined =>
  typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined;

/** UN/EDIFACT 1225, as the declaration's version stands. */
const FUNCTION = { original: "9", replacement: "5", cancellation: "1" } as const;

/**
 * What customs decided on an export declaration, told to the port community system as a CUSRES
 * (D96B), the message customs itself answers declarations with. Released: BGM 932 (customs
 * delivery note) and GIS 4 (goods released); the terminal may load what it names. Not (or no
 * longer) released, as after an amendment or a cancellation: BGM 962 with the version's function
 * code and no release, so the terminal does not rely on the release of an earlier version. With
 * the MRN (RFF+ABT), the declarant's LRN (RFF+ABE), the UCR (RFF+UCN), the customs office
 * (LOC+42), the vessel and voyage (TDT), the containers and seals (EQD, SEL), and the package
 * count and gross mass (CNT).
 */
export function renderRelease(input: RenderInput): Rendered {
  const doc = input.document;
  const statuses = input.statuses ?? [];
  const release = [...statuses].reverse().find((s) => s.status === "customs.released");
  const mrn =
    str(release?.references?.["mrn"]) ??
    [...statuses].map((s) => str(s.references?.["mrn"])).find(Boolean) ??
    str(doc["mrn"]);
  const at = release?.receivedAt ?? statuses.at(-1)?.receivedAt ?? doc.issuedAt;
  const pending =
    doc.functionCode === "cancellation"
      ? "DECLARATION CANCELLED: NO RELEASE"
      : `DECLARATION VERSION ${doc.version}: NOT RELEASED, AWAIT THE RELEASE`;
  const segments: SegmentInput[] = [
    release
      ? ["BGM", ["932", "", "", "CUSTOMS RELEASE"], doc.number, FUNCTION[doc.functionCode]]
      : ["BGM", ["962", "", "", "CUSTOMS STATUS"], doc.number, FUNCTION[doc.functionCode]],
    ["DTM", ["137", dtm203(at), "203"]],
    ...(release ? [] : [["FTX", "AAI", "", "", pending] as SegmentInput]),
    ...(mrn ? [["RFF", ["ABT", mrn]] as SegmentInput] : []),
    ...(str(doc["lrn"]) ? [["RFF", ["ABE", str(doc["lrn"])!]] as SegmentInput] : []),
    ["RFF", ["UCN", doc.ucr]],
    ...(str(doc["customsOffice"]) ? [["LOC", "42", str(doc["customsOffice"])!] as SegmentInput] : []),
    ...(release
      ? [
          ["GIS", ["4", "", "6"]] as SegmentInput,
          ["DTM", ["9", dtm203(release.receivedAt), "203"]] as SegmentInput,
        ]
      : []),
  ];
  const transport = obj(doc["transport"]);
  const totals = obj(doc["totals"]);
  const gross = obj(totals?.["grossWeight"]);
  const equipment = Array.isArray(transport?.["equipment"])
    ? (transport["equipment"] as unknown[]).map(obj)
    : [];
  if (transport?.["meansName"] || transport?.["voyage"]) {
    segments.push([
      "TDT",
      "20",
      str(transport["voyage"]) ?? "",
      str(transport["modeAtBorder"]) ?? "1",
      "",
      "",
      "",
      "",
      [str(transport["meansId"]) ?? "", "", "", str(transport["meansName"]) ?? ""],
    ]);
  }
  for (const e of equipment) {
    const id = str(e?.["id"]);
    if (!id) continue;
    segments.push(["EQD", "CN", id]);
    for (const s of Array.isArray(e?.["seals"]) ? (e["seals"] as unknown[]) : [])
      if (str(s)) segments.push(["SEL", str(s)!]);
  }
  if (totals?.["packageCount"] !== undefined) segments.push(["CNT", ["11", str(totals["packageCount"])!]]);
  if (gross?.["value"] !== undefined)
    segments.push(["CNT", ["7", str(gross["value"])!, str(gross["unit"]) ?? "KGM"]]);
  const { init, utf8 } = envelopeFor(input, new Date(at));
  const text = interchange(init).message("CUSRES", "D", "96B", "UN", segments).write({ lineBreak: "\n" });
  return {
    format: RELEASE_FORMAT,
    mediaType: "application/edifact",
    body: encode(text, utf8),
    filename: `${doc.number}-${release ? "release" : "status"}.edi`,
  };
}
