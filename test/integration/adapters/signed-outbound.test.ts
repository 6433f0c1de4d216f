import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChainValidator } from "../../../src/pki/chain.js";
import { DEFAULT_SIGNATURE_POLICY } from "../../../src/pki/policy.js";
import { sampleTrustStore } from "../../../src/pki/trust.js";
import { verifyXmlSignature } from "../../../src/pki/xmldsig/verify.js";
import { digestOf } from "../../../src/util/digest.js";
import { ROOT } from "../../helpers/corpora.js";
import { auth, embeddedGateway, eventually, type TestGateway } from "../../helpers/gateway.js";

interface InboxMessage {
  readonly messageId: string;
  readonly mediaType: string;
  readonly body?: string;
  readonly headers: Record<string, string>;
}

/**
 * A customs authority that asks for signed messages (`outboundSignature: "xmldsig"`) gets the WCO
 * declaration with an enveloped XML-DSig by the gateway's seal key: it verifies against the sample
 * PKI's trust anchors, names the gateway's seal certificate, and fails after one changed byte.
 */
describe("outbound XML-DSig for partners that ask for it", () => {
  let t: TestGateway;
  let dir: string;
  const trust = new ChainValidator(sampleTrustStore(join(ROOT, "certs-sample")));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "swg-signed-"));
    const partners = JSON.parse(readFileSync(join(ROOT, "config/partners.json"), "utf8")) as {
      partners: { id: string; outboundSignature?: string }[];
    };
    for (const p of partners.partners) if (p.id === "customs-demo") p.outboundSignature = "xmldsig";
    writeFileSync(join(dir, "partners.json"), JSON.stringify(partners));
    t = await embeddedGateway({ partnersFile: join(dir, "partners.json") });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("signs the declaration customs receives, and the audit records the signed bytes", async () => {
    const d = JSON.parse(readFileSync(join(ROOT, "docs/examples/export-declaration.json"), "utf8")) as Record<
      string,
      unknown
    >;
    const res = await t.http
      .post("/v1/submissions")
      .set(auth(t.keys["SWG_DEMO_EXPORTER_KEY"]))
      .set("content-type", "application/json")
      .send(JSON.stringify({ ...d, ucr: "UCR-DSIG-1" }));
    expect(res.status, JSON.stringify(res.body)).toBe(202);

    const customs = t.keys["SWG_DEMO_CUSTOMS_KEY"];
    const msg = await eventually(
      async () => {
        const inbox = await t.http.get("/v1/inbox").set(auth(customs));
        return (inbox.body.messages as InboxMessage[]).find((m) => m.headers["x-swg-ucr"] === "UCR-DSIG-1");
      },
      10_000,
      "the declaration in customs' inbox",
    );
    const xml = msg.body!;
    expect(xml).toMatch(/^<[^?]/); // exclusive canonical form: no XML declaration
    expect(xml).toContain("<ds:Signature");

    const verdict = await verifyXmlSignature(xml, {
      policy: { ...DEFAULT_SIGNATURE_POLICY, requirement: "required" },
      trust,
      bound: "not-evaluated",
    });
    expect(verdict.reason, JSON.stringify(verdict)).toBe("valid");
    const gatewayCert = readFileSync(join(ROOT, "certs-sample/gateway-seal.cert.pem"), "utf8").replace(
      /-----[^-]+-----|\s/g,
      "",
    );
    expect(xml).toContain(`<ds:X509Certificate>${gatewayCert}</ds:X509Certificate>`);

    const tampered = xml.replace("UCR-DSIG-1", "UCR-DSIG-2");
    expect(tampered).not.toBe(xml);
    const bad = await verifyXmlSignature(tampered, {
      policy: { ...DEFAULT_SIGNATURE_POLICY, requirement: "required" },
      trust: "not-evaluated",
      bound: "not-evaluated",
    });
    expect(bad.reason).toBe("digest-mismatch");

    const trace = await t.http
      .get("/v1/consignments/UCR-DSIG-1/trace")
      .set(auth(t.keys["SWG_DEMO_EXPORTER_KEY"]));
    expect(trace.status, JSON.stringify(trace.body)).toBe(200);
    const delivered = (trace.body.events as { type: string; data: { bodyDigest?: string } }[]).find(
      (e) => e.type === "delivery.delivered",
    );
    expect(delivered?.data.bodyDigest).toBe(digestOf(Buffer.from(xml, "utf8")));
  });
});
