/**
 * The code lists the rules consult, from src/codelists (ISO 3166, ISO 4217, Rec 20, Rec 21,
 * Incoterms 2020, HS 2022, UN/LOCODE). Rules import them from here only.
 */
export {
  checkCurrency,
  currencyMinorUnits,
  hsChapter,
  hsHeading,
  incoterm,
  isCountry,
  isLocode,
  isEn16931UnitCode,
  isPackageType,
} from "../../../codelists/index.js";
