import { describe, expect, it } from "vitest";
import { ChainValidator } from "../../../src/pki/chain.js";
import { Sealer } from "../../../src/pki/jades.js";
import { deliveryEvidence, issueReceipt, verifyReceipt } from "../../../src/pki/receipt.js";
import { sampleTrustStore } from "../../../src/pki/trust.js";
import { digestOf } from "../../../src/util/digest.js";
import { sampleKeyStore } from "./helpers/keys.js";
import { SAMPLE_DIR } from "./helpers/sample.js";

const keys = sampleKeyStore("gateway-seal");
const trust = new ChainValidator(sampleTrustStore(SAMPLE_DIR));
const body = Buffer.from('{"type":"commercial-invoice","number":"INV-1"}');
const receipt = issueReceipt(
  new Sealer(keys),
  {
    kind: "submission",
    id: "rcpt-1",
    submissionId: "sub-1",
    documentIds: ["doc-1"],
    receivedAt: "2026-11-27T08:00:00.000Z",
    digest: digestOf(body),
  },
  new Date(),
);

describe("signed receipts", () => {
  it("verify, and bind exactly the bytes received", async () => {
    expect((await verifyReceipt(receipt, { keys, trust, received: body })).reason).toBe("valid");
    const other = Buffer.from(body);
    other[5] = (other[5] ?? 0) ^ 1;
    expect((await verifyReceipt(receipt, { keys, trust, received: other })).reason).toBe("digest-mismatch");
  });

  it("detect a changed receipt", async () => {
    const changed = { ...receipt, receipt: { ...receipt.receipt, documentIds: ["doc-2"] } };
    expect((await verifyReceipt(changed, { keys, trust })).reason).toBe("invalid-signature");
  });

  it("grade a partner acknowledgement", async () => {
    const signed = await verifyReceipt(receipt, { keys, trust });
    expect(deliveryEvidence(signed).level).toBe("non-repudiation");
    expect(deliveryEvidence(null).level).toBe("unsigned-confirmation");
    const bad = await verifyReceipt(
      { ...receipt, seal: receipt.seal.slice(0, -4) + "AAAA" },
      { keys, trust },
    );
    expect(deliveryEvidence(bad).level).toBe("refused");
  });
});
