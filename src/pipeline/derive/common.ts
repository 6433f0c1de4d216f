import { currencyMinorUnits } from "../validate/rules/codes.js";
import { type Fixed, fx, percentOf, SCALE, show } from "../validate/rules/decimal.js";
import type { Location } from "../validate/rules/views/common.js";
import type { DraftBuilder } from "./builder.js";
import { consignee, exporter, type Shipment, type Sources, type Sourced } from "./sources.js";
import type { DerivedType } from "./types.js";

/** The envelope of a derived document, numbered after the invoice; the builder dates it and lists its references. */
export function envelope(b: DraftBuilder, type: DerivedType, suffix: string, s: Sources): void {
  b.computed("/schemaVersion", "1.0", [], "canonical model version");
  b.computed("/type", type, [], "the derived type");
  b.computed("/functionCode", "original", [], "a derived document starts its own lineage");
  b.copy("/ucr", s.invoice.ucr, { doc: s.invoice, pointer: "/ucr" });
  b.computed(
    "/number",
    `${s.invoice.number}-${suffix}`,
    [{ doc: s.invoice, pointer: "/number" }],
    `invoice number + "-${suffix}"`,
  );
  const ex = exporter(s);
  b.copy("/issuer", ex.value, ex.at, "the exporter, for whom the gateway derives");
}

/** The country of a location: its own, else its UN/LOCODE's first two letters. */
export function countryOf(l: Location): string | undefined {
  return l.country ?? l.locode?.slice(0, 2);
}

export function parties(
  b: DraftBuilder,
  s: Sources,
  exporterPointer: string,
  consigneePointer: string,
): void {
  const ex = exporter(s);
  b.copy(exporterPointer, ex.value, ex.at);
  const cn = consignee(s);
  b.copy(consigneePointer, cn.value, cn.at);
}

/** Export country: the exporter's address, else the port of loading's. Destination: the port of discharge's, else the consignee's address. */
export function countries(
  b: DraftBuilder,
  s: Sources,
  sh: Shipment,
  exportPointer: string,
  destinationPointer: string,
): void {
  const ex = exporter(s);
  const pol = sh.portOfLoading;
  if (
    !b.copy(exportPointer, ex.value.address?.country, {
      doc: ex.at.doc,
      pointer: `${ex.at.pointer}/address/country`,
    })
  ) {
    if (pol && countryOf(pol.value) !== undefined)
      b.computed(exportPointer, countryOf(pol.value), [pol.at], "country of the port of loading");
    else b.need(exportPointer);
  }
  const pod = sh.portOfDischarge;
  const cn = consignee(s);
  if (pod && countryOf(pod.value) !== undefined)
    b.computed(destinationPointer, countryOf(pod.value), [pod.at], "country of the port of discharge");
  else if (
    !b.copy(destinationPointer, cn.value.address?.country, {
      doc: cn.at.doc,
      pointer: `${cn.at.pointer}/address/country`,
    })
  ) {
    b.need(destinationPointer);
  }
}

export function copySourced<T>(b: DraftBuilder, pointer: string, v: Sourced<T> | undefined): boolean {
  return v !== undefined && b.copy(pointer, v.value, v.at, v.note);
}

/** pct % of an amount, rounded up to the currency's minor unit (cover must not fall short by rounding). */
export function percentRoundedUp(amount: number, pct: number, currency: string): number {
  const minor = currencyMinorUnits(currency) ?? 2;
  const unit: Fixed = 10n ** BigInt(SCALE - minor);
  const v = percentOf(fx(amount), fx(pct));
  const up = ((v + unit - 1n) / unit) * unit;
  return Number(show(up));
}
