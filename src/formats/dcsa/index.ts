/**
 * DCSA JSON ↔ canonical documents (docs/formats-edifact-dcsa.md): eBL 3.0 shipping instructions
 * and transport documents, Track & Trace 2.2 and 3.0 events; the shipping-instructions writer the
 * carrier adapter sends.
 */
export { dcsaReader, readDcsa } from "./reader.js";
export { dcsaKind, placeholders, type DcsaKind } from "./detect.js";
export { writeDcsaShippingInstructions, DcsaWriteError, type DcsaWriteOptions } from "./write-si.js";
