import { allowanceChargePercent, lineAmount } from "./arithmetic/invoice-lines.js";
import { categoryTaxableAmount, categoryTaxAmount } from "./arithmetic/invoice-tax.js";
import {
  allowanceTotal,
  chargeTotal,
  lineTotal,
  payable,
  taxExclusive,
  taxInclusive,
  taxTotal,
} from "./arithmetic/invoice-totals.js";
import { amountDecimals } from "./arithmetic/amount-decimals.js";
import { billGrossWeight, billPackages } from "./arithmetic/bill-of-lading.js";
import {
  declarationGrossWeight,
  declarationItemValues,
  declarationPackages,
} from "./arithmetic/declaration.js";
import { grossWeightTotal, netWeightTotal, packageCount, volumeTotal } from "./arithmetic/packing-list.js";
import {
  countryRule,
  currencyInUse,
  currencyRule,
  hsChapterRule,
  hsHeadingRule,
  hsLengthRule,
  locodeRule,
  packageTypeRule,
  unitRule,
} from "./codelists/code-rules.js";
import { incotermsMode } from "./codelists/incoterms-mode.js";
import {
  declarationInvoiceCurrency,
  declarationInvoiceHs,
  declarationInvoiceNumber,
  declarationInvoiceOrigin,
  declarationInvoiceValue,
} from "./cross/declaration-invoice.js";
import {
  declarationPackingContainers,
  declarationPackingGrossWeight,
  declarationPackingPackages,
} from "./cross/declaration-packing.js";
import { insuranceCover, insuranceCurrency, insuranceRoute } from "./cross/insurance.js";
import {
  invoiceLinesPacked,
  invoicePackingGrossWeight,
  invoicePackingNetWeight,
  invoicePackingPackages,
  invoicePackingQuantities,
} from "./cross/invoice-packing.js";
import { originInvoiceCountry, originInvoiceGoods } from "./cross/origin-invoice.js";
import {
  billPackingContainers,
  billPackingGrossWeight,
  billPackingPackages,
} from "./cross/transport-packing.js";
import { dueDateNotBeforeIssue, issueDateNotInFuture, shipmentNotInFuture } from "./dates/document-dates.js";
import {
  creditDatesCoherent,
  documentsNotAfterPresentation,
  invoiceNotAfterPresentation,
  presentationNearDeadline,
} from "./dates/presentation-dates.js";
import { issuedRetrospectively, originCountryConsistent } from "./document/origin.js";
import { packageContainerListed } from "./document/packing-equipment.js";
import { declarationNetNotAboveGross, packingNetNotAboveGross } from "./document/weights.js";
import {
  bicRule,
  chinaCustomsRule,
  containerRule,
  eoriRule,
  glnRule,
  imoRule,
  leiRule,
  usciRule,
} from "./ids/identifier-rules.js";
import { creditAmount, partialShipments } from "./lc/amount.js";
import { dataNotConflicting } from "./lc/consistency.js";
import { originalsPresented, requiredDocuments } from "./lc/documents.js";
import { generalDescriptions, invoiceGoodsDescription } from "./lc/goods.js";
import { invoiceAddressee, invoiceCurrency, invoiceIssuer } from "./lc/invoice.js";
import {
  cleanTransportDocument,
  latestShipment,
  portOfDischarge,
  portOfLoading,
  shippedOnBoard,
  transhipment,
} from "./lc/shipment.js";
import { expiry, insuranceDate, presentationPeriod } from "./lc/timing.js";
import type { RuleDefinition } from "./types.js";

/** Every rule, in id order within each prefix. docs/rules.md is generated from this list. */
export const RULES: readonly RuleDefinition[] = Object.freeze([
  lineAmount,
  lineTotal,
  allowanceTotal,
  chargeTotal,
  taxExclusive,
  taxTotal,
  taxInclusive,
  payable,
  categoryTaxAmount,
  categoryTaxableAmount,
  allowanceChargePercent,
  amountDecimals,
  packageCount,
  grossWeightTotal,
  netWeightTotal,
  packingNetNotAboveGross,
  volumeTotal,
  packageContainerListed,
  declarationPackages,
  declarationGrossWeight,
  declarationNetNotAboveGross,
  declarationItemValues,
  billPackages,
  billGrossWeight,
  originCountryConsistent,
  issuedRetrospectively,
  containerRule,
  leiRule,
  usciRule,
  glnRule,
  imoRule,
  bicRule,
  eoriRule,
  chinaCustomsRule,
  countryRule,
  currencyRule,
  currencyInUse,
  unitRule,
  packageTypeRule,
  hsLengthRule,
  hsChapterRule,
  hsHeadingRule,
  locodeRule,
  incotermsMode,
  invoicePackingQuantities,
  invoiceLinesPacked,
  invoicePackingPackages,
  invoicePackingNetWeight,
  invoicePackingGrossWeight,
  declarationInvoiceValue,
  declarationInvoiceCurrency,
  declarationInvoiceNumber,
  declarationInvoiceHs,
  declarationInvoiceOrigin,
  declarationPackingPackages,
  declarationPackingGrossWeight,
  declarationPackingContainers,
  billPackingPackages,
  billPackingGrossWeight,
  billPackingContainers,
  originInvoiceGoods,
  originInvoiceCountry,
  insuranceCover,
  insuranceCurrency,
  insuranceRoute,
  creditAmount,
  partialShipments,
  transhipment,
  portOfLoading,
  portOfDischarge,
  latestShipment,
  requiredDocuments,
  originalsPresented,
  invoiceGoodsDescription,
  generalDescriptions,
  presentationPeriod,
  expiry,
  insuranceDate,
  dataNotConflicting,
  invoiceIssuer,
  invoiceAddressee,
  invoiceCurrency,
  cleanTransportDocument,
  shippedOnBoard,
  invoiceNotAfterPresentation,
  presentationNearDeadline,
  issueDateNotInFuture,
  dueDateNotBeforeIssue,
  documentsNotAfterPresentation,
  creditDatesCoherent,
  shipmentNotInFuture,
]);
