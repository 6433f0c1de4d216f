export { iso6346CheckDigit, isContainerNumber, normalizeContainerNumber } from "./iso6346.js";
export { isLei, leiCheckDigits, mod97 } from "./lei.js";
export { gs1CheckDigit, isGln } from "./gln.js";
export { isImoNumber } from "./imo.js";
export { isUsci, usciCheckCharacter } from "./usci.js";
export { parseBic, type Bic } from "./bic.js";
export { eoriProblem, isEori, type EoriProblem } from "./eori.js";
export { isChinaCustomsCode } from "./cn-customs.js";
