import type { RiskRule } from "../types.js";
import { declaredValueRule } from "./declared-value.js";
import { duplicateInvoiceRule } from "./duplicate-invoice.js";
import { originRule } from "./origin.js";
import { unitPriceRule, weightValueRule } from "./outliers.js";
import { restrictedPartyRule } from "./restricted-party.js";

/** The risk rule catalogue, in the order rules run; docs/register.md describes each. */
export const RISK_RULES: readonly RiskRule[] = [
  declaredValueRule,
  unitPriceRule,
  weightValueRule,
  duplicateInvoiceRule,
  restrictedPartyRule,
  originRule,
];
