import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../util/root.js";

/**
 * China customs parameter codes the CEB messages use (GACC "JGS-20 海关业务代码集": currency,
 * country/region, unit of measure, transport mode). Only codes whose meaning is certain are
 * listed; any other code is reported as unmapped rather than guessed.
 */

/** JGS-20 currency codes → ISO 4217. */
export const CURRENCIES: Readonly<Record<string, string>> = {
  "110": "HKD",
  "116": "JPY",
  "121": "MOP",
  "132": "SGD",
  "133": "KRW",
  "142": "CNY",
  "300": "EUR",
  "303": "GBP",
  "330": "SEK",
  "331": "CHF",
  "344": "RUB",
  "501": "CAD",
  "502": "USD",
  "601": "AUD",
  "609": "NZD",
};

/** JGS-20 three-digit country (region) codes → ISO 3166-1 alpha-2. */
const COUNTRY_NUMBERS: Readonly<Record<string, string>> = {
  "110": "HK",
  "111": "IN",
  "112": "ID",
  "116": "JP",
  "121": "MO",
  "122": "MY",
  "129": "PH",
  "132": "SG",
  "133": "KR",
  "136": "TH",
  "141": "VN",
  "142": "CN",
  "143": "TW",
  "301": "BE",
  "302": "DK",
  "303": "GB",
  "304": "DE",
  "305": "FR",
  "306": "IE",
  "307": "IT",
  "309": "NL",
  "312": "ES",
  "315": "AT",
  "318": "FI",
  "326": "NO",
  "327": "PL",
  "330": "SE",
  "331": "CH",
  "344": "RU",
  "501": "CA",
  "502": "US",
  "601": "AU",
  "609": "NZ",
};

/** ISO 3166 alpha-3 → alpha-2 (GACC has used ISO alpha-3 country codes since 2018), from the country code list. */
const ALPHA3: ReadonlyMap<string, string> = new Map(
  (
    JSON.parse(readFileSync(join(projectRoot(), "schemas", "codelists", "countries.json"), "utf8")) as {
      entries: { alpha2: string; alpha3: string }[];
    }
  ).entries.map((e) => [e.alpha3, e.alpha2]),
);

export function country(code: string): string | undefined {
  const c = code.trim().toUpperCase();
  return COUNTRY_NUMBERS[c] ?? ALPHA3.get(c);
}

/** JGS-20 units of measure → UN/ECE Rec 20. */
export const UNITS: Readonly<Record<string, string>> = {
  "001": "C62", // 台 (unit)
  "006": "SET", // 套 (set)
  "007": "C62", // 个 (piece)
  "011": "C62", // 件 (article)
  "025": "PR", // 双 (pair)
  "030": "MTR", // 米 (metre)
  "035": "KGM", // 千克 (kilogram)
  "036": "GRM", // 克 (gram)
  "070": "TNE", // 吨 (tonne)
  "095": "LTR", // 升 (litre)
};

/** China customs transport modes (运输方式) → Rec 19; zone and warehouse movements have no border mode. */
export const TRANSPORT_MODES: Readonly<Record<string, string>> = {
  "2": "1", // 水路运输 waterway / sea
  "3": "2", // 铁路运输 rail
  "4": "3", // 公路运输 road
  "5": "4", // 航空运输 air
  "6": "5", // 邮件运输 post
  G: "7", // 固定设施运输 fixed installation
  "9": "9", // 其他运输 other
};

/**
 * returnStatus of a CEB receipt (回执) → canonical customs status. 1–3 (stored, declaring,
 * sent to customs) are the e-port's processing acknowledgements, before any customs decision:
 * the canonical customs statuses start at acceptance, so they have none.
 */
export const RETURN_STATUSES: Readonly<Record<string, { readonly status?: string; readonly text: string }>> =
  {
    "1": { text: "stored at the e-port (电子口岸已暂存)" },
    "2": { text: "being declared by the e-port (电子口岸申报中)" },
    "3": { text: "sent to customs (发送海关成功)" },
    "4": { status: "rejected", text: "could not be sent to customs (发送海关失败)" },
    "100": { status: "rejected", text: "returned by customs (海关退单)" },
    "120": { status: "accepted", text: "entered by customs (海关入库)" },
    "300": { status: "held-for-examination", text: "under manual review by customs (人工审核)" },
    "399": { status: "accepted", text: "concluded by customs (海关审结)" },
    "800": { status: "released", text: "released (放行)" },
    "899": { status: "released", text: "cleared (结关)" },
  };
