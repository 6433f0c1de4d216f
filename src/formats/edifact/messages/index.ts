/**
 * UN/EDIFACT messages ↔ canonical documents (docs/formats-edifact-dcsa.md). Readers: INVOIC,
 * DESADV, IFTMIN, IFTSTA, CUSDEC, CUSRES. Writers, for the partner adapters: INVOIC, IFTMIN,
 * CUSDEC (CONTRL: ../contrl-build.ts). The CONTRL the gateway answers a submission with.
 */
export {
  edifactReader,
  readInterchanges,
  MESSAGE_READERS,
  UNREAD_MESSAGES,
  type MessageRead,
} from "./read.js";
export { writeInvoic, invoicSegments } from "./write/invoic.js";
export { writeIftmin, iftminSegments } from "./write/iftmin.js";
export { writeCusdec, cusdecSegments } from "./write/cusdec.js";
export { encode, type EnvelopeOptions, type WrittenInterchange } from "./write/envelope.js";
export {
  edifactAcknowledgement,
  withAcknowledgement,
  type Acknowledgement,
  type AcknowledgementOptions,
} from "./acknowledgement.js";
