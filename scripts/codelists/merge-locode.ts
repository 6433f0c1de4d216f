/**
 * Adds major world ports, airports and border points to the UN/LOCODE subset in
 * schemas/codelists/unlocode.json, taking every field from a UN/LOCODE release. Entries already in
 * the list are kept as they are; running the script again changes nothing.
 *
 * Input, either:
 * - the CSV files of a UNECE release ("2025-1 UNLOCODE CodeListPart1.csv", Part2, Part3), read with
 *   import-locode.ts; or
 * - `--json data.json`: the release as converted in github.com/mburumaxwell/unlocode
 *   (src/data/data.json, an array of { country, location, name, name_native?, iata?, subdivision,
 *   functions, status, coordinates }). The committed entries were taken from this file at commit
 *   3af0af1f4a3fc21e15f8f27a2df1c5d11a32d655 (UN/LOCODE 2025-1).
 *
 * Run: npx tsx scripts/codelists/merge-locode.ts <CodeListPart1.csv> [Part2 ...] [--list file]
 *      npx tsx scripts/codelists/merge-locode.ts --json data.json [--list file]
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CodeListFile, LocodeEntry, LocodeFunction } from "../../src/codelists/types.js";
import { projectRoot } from "../../src/util/root.js";
import { decodeText } from "./csv.js";
import { importLocode } from "./import-locode.js";
import { writeList } from "./write-list.js";

/**
 * The selection: the largest container and cargo ports, the busiest cargo and passenger airports and
 * main inland and border clearance points outside China (China is in the list already), chosen by
 * their rank in public traffic tables; the codes and every field come from the release. City codes
 * (USNYC, JPTYO, GBLON...) are kept beside the airport codes where the release has both. Grouped by
 * region (Türkiye with Europe, the Gulf and Levant as Middle East).
 */
const SELECTION: Record<string, string> = {
  Europe: `
    ATVIE BEANR BEBRU BELGG BEZEE BGBOJ BGSOF BGVAR CHBSL CHGVA CHZRH CYLCA CYLMS CZPRG
    DEBER DEBRE DECGN DEDRS DEDTM DEDUI DEDUS DEFRA DELBC DELEJ DEMUC DENUE DESTR DKAAL
    DKAAR DKCPH DKEBJ ESAGP ESALC ESALG ESBCN ESMAD ESVLC FIHEL FIHMN FRBOD FRCDG FRDKK
    FRFOS FRLEH FRMRS FRNCE FRORY FRPAR GBEDI GBEMA GBFXT GBGLW GBHUL GBLGP GBLGW GBLHR
    GBLIV GBLON GBLUT GBMNC GBSOU GBSTN GRPIR GRSKG HRZAG HUBUD IEDUB ITGIT ITGOA ITMXP
    ITNAP ITROM ITSPE ITTRN ITTRS ITVCE ITVDL LULUX NLAMS PLWAW PTLEI PTLIS PTSIE ROCND
    RUKGD RULED RUMMK RUMOW RUVKO RUVVO SEGOT SEHEL SESTO TRESB TRISK TRISL TRIST TRIZM
    TRIZT TRKPU TRMER TRSAW`,
  "Middle East": `
    BHBAH BHKBS BHMIN ILHFA ILTLV LBBEY OMMCT OMSLL OMSOH SADMM SAJED SAJUB SAKAC SARUH`,
  Asia: `
    BDCGP BDDAC BDMGL BNBWN BNMUA HKHKG HKKCO IDJKT IDMAK IDMES IDSRG IDSUB IDTPP INBLR
    INBOM INCCU INCOK INDEL INENR INHYD INHZA INICD INIXY INKRI INMAA INMUN INNML INNSA
    INPAV JPCTS JPKIX JPKKJ JPNAH JPNGO JPNRT JPOKA JPOSA JPTYO JPUKB JPYOK KRICN KRINC
    KRKAN KRPTK KRPUS KRSEL KRUSN LKCMB MYBKI MYJHB MYKCH MYKUL MYPEN MYPGU MYPKG MYTPP
    THBKK THCNX THDMK THHKT THLCH THLKR THMAT THNOK THPDB TWKEL TWKHH TWTPE TWTSA TWTXG
    TWTYN VNCMT VNDAD VNHAN VNHPH VNSGN VNTSN VNVUT`,
  Africa: `
    BJCOO CDFIH CDMAT CIABJ CISPY EGALY EGCAI EGDAM EGEDK EGODP EGPSD EGPSE EGSOK EGSSH
    ETADD ETMDP MAAGA MACAS MACMN MAPTM MARAK TGLFW TZDAR TZJRO ZACPT ZADUR ZAJNB ZAPLZ
    ZARCB`,
  "North America": `
    CAHAL CAMTR CATOR CAVAN MXLZC MXMEX MXMID MXMTY MXNLD MXTIJ MXVER MXZLO USANC USATL
    USBAL USBOS USCHI USCHS USCVG USDAL USDCA USDEN USDET USDFW USEWR USHNL USHOU USIA9
    USIAD USLGA USLGB USMEM USMIA USMSP USMSY USNYC USOAK USORD USORF USORL USPDX USPEF
    USPHL USPHX USPIT USSAN USSAV USSEA USSFO`,
  "Central America and the Caribbean": `
    BBBGI CUHAV CUMAR CWCUR PAPTY`,
  "South America": `
    ARBUE ARZAE BRGRU BRIQI BRITJ BRPNG BRPOA BRRIG BRRIO BRSPB BRSSA BRSSZ BRSUA BRVCP
    BRVDC BRVIX CLANF CLARI CLSAI CLSCL CLSVE CLVAP COCNR COCTG GYGEO PECHY PECLL PYASU`,
  Oceania: `
    AUADL AUBNE AUFRE AUMEL AUOOL AUPBT AUPER AUPHE AUPKL AUSYD`,
};

export const MAJOR_LOCATIONS: readonly string[] = Object.values(SELECTION).flatMap((s) =>
  s.split(/\s+/).filter(Boolean),
);

/** Position of each function in the published function column ("1234567B"). */
const POSITIONS: Record<LocodeFunction, number> = {
  port: 0,
  rail_terminal: 1,
  road_terminal: 2,
  airport: 3,
  postal_exchange: 4,
  multimodal: 5,
  fixed_transport: 6,
  border_crossing: 7,
};

interface ConvertedEntry {
  country: string;
  location: string;
  name: string;
  name_native?: string;
  iata?: string;
  subdivision?: string;
  functions: LocodeFunction[];
  status: string;
  coordinates?: { lat: number; lon: number } | null;
}

/**
 * Reads the mburumaxwell/unlocode conversion into the shape import-locode.ts gives a UNECE file:
 * `name` is the published name with diacritics (the converter's `name_native`), `nameAscii` the plain
 * one when it differs, and the function column is rebuilt from the function list ("1--45---").
 */
export function fromConvertedJson(text: string): LocodeEntry[] {
  const rows = JSON.parse(text) as ConvertedEntry[];
  return rows.map((r) => {
    const functions = [...r.functions].sort((a, b) => POSITIONS[a] - POSITIONS[b]);
    const column = [..."--------"];
    for (const f of functions)
      column[POSITIONS[f]] = f === "border_crossing" ? "B" : String(POSITIONS[f] + 1);
    const name = r.name_native || r.name;
    return {
      code: r.country + r.location,
      country: r.country,
      location: r.location,
      name,
      ...(name !== r.name && { nameAscii: r.name }),
      ...(r.subdivision && { subdivision: r.subdivision }),
      functions,
      functionCode: column.join(""),
      status: r.status,
      ...(r.coordinates && { coordinates: { lat: r.coordinates.lat, lon: r.coordinates.lon } }),
      ...(r.iata && { iata: r.iata }),
    };
  });
}

export interface LocodeMerge {
  entries: LocodeEntry[];
  /** Selected codes that were not in the list and were added. */
  added: string[];
  /** Selected codes the release does not have. */
  missing: string[];
}

/** Keeps every entry of `current`, adds the selected codes it lacks from `release`, sorts by code. */
export function mergeLocode(
  current: LocodeEntry[],
  release: LocodeEntry[],
  selection: readonly string[] = MAJOR_LOCATIONS,
): LocodeMerge {
  const byCode = new Map(current.map((e) => [e.code, e]));
  const inRelease = new Map(release.map((e) => [e.code, e]));
  const added: string[] = [];
  const missing: string[] = [];
  for (const code of selection) {
    if (byCode.has(code)) continue;
    const entry = inRelease.get(code);
    if (!entry) {
      missing.push(code);
      continue;
    }
    byCode.set(code, entry);
    added.push(code);
  }
  const entries = [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  return { entries, added, missing };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: "string" }, list: { type: "string" } },
  });
  if (!values.json && positionals.length === 0) {
    throw new Error(
      "usage: merge-locode.ts <CodeListPart1.csv> [Part2 ...] | --json data.json [--list file]",
    );
  }
  const release = values.json
    ? fromConvertedJson(readFileSync(values.json, "utf8"))
    : importLocode(positionals.map((p) => decodeText(readFileSync(p)))).entries;
  const path = values.list ?? join(projectRoot(), "schemas/codelists/unlocode.json");
  const file = JSON.parse(readFileSync(path, "utf8")) as CodeListFile<LocodeEntry>;
  const { entries, added, missing } = mergeLocode(file.entries, release);
  if (missing.length > 0) throw new Error(`not in the release: ${missing.join(", ")}`);
  await writeList(path, { ...file, entries });
  console.log(`${path}: ${entries.length} entries (${added.length} added)`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
