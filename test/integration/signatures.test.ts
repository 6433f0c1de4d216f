import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signerFrom } from "../../src/pki/file-keystore.js";
import { sigT } from "../../src/pki/jades.js";
import { signJws } from "../../src/pki/jws.js";
import { readCerts } from "../../src/pki/cert.js";
import { signXml } from "../../src/pki/xmldsig/sign.js";
import { jcs } from "../../src/util/jcs.js";
import { ROOT } from "../helpers/corpora.js";
import { auth, embeddedGateway, type TestGateway } from "../helpers/gateway.js";

const certs = (name: string) => join(ROOT, "certs-sample", name);

/** A detached JAdES signature by a sample party certificate over the JCS form of a document. */
function jades(doc: unknown, who: string): string {
  const signer = signerFrom(
    createPrivateKey(readFileSync(certs(`${who}.key.pem`))),
    readFileSync(certs(`${who}.chain.pem`), "utf8"),
  );
  return signJws(
    signer,
    Buffer.from(jcs(doc)),
    { sigT: sigT(new Date()), crit: ["sigT"] },
    { detached: true },
  );
}

function declaration(n: string): Record<string, unknown> {
  const d = JSON.parse(readFileSync(join(ROOT, "docs/examples/export-declaration.json"), "utf8")) as Record<
    string,
    unknown
  >;
  return { ...d, number: n, lrn: n, ucr: `UCR-SIG-${n}` };
}

describe("submitter signatures (JAdES over JSON), certificates bound to parties", () => {
  let t: TestGateway;
  let exporter: string;
  let admin: string;
  beforeAll(async () => {
    t = await embeddedGateway();
    exporter = t.keys["SWG_DEMO_EXPORTER_KEY"]!;
    admin = t.keys["SWG_DEMO_ADMIN_KEY"]!;
    for (const who of ["exporter-ec", "exporter-rsa"]) {
      const r = await t.http
        .post("/v1/parties/demo-exporter/certificates")
        .set(auth(admin))
        .set("content-type", "application/x-pem-file")
        .send(readFileSync(certs(`${who}.cert.pem`), "utf8"));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const submit = (doc: unknown, signature?: string) => {
    const req = t.http.post("/v1/submissions").set(auth(exporter)).set("content-type", "application/json");
    return (signature ? req.set("x-swg-signature", signature) : req).send(JSON.stringify(doc));
  };

  it("refuses to bind a revoked or an expired certificate", async () => {
    const revoked = await t.http
      .post("/v1/parties/demo-exporter/certificates")
      .set(auth(admin))
      .send(readFileSync(certs("exporter-revoked.cert.pem"), "utf8"));
    expect(revoked.status).toBe(422);
    expect(revoked.body.code).toBe("SWG_CERTIFICATE_REVOKED");
    const expired = await t.http
      .post("/v1/parties/demo-exporter/certificates")
      .set(auth(admin))
      .send(readFileSync(certs("exporter-expired.cert.pem"), "utf8"));
    expect(expired.body.code).toBe("SWG_CERTIFICATE_EXPIRED");
  });

  it("accepts a document signed with a bound certificate and records the signer in the trace", async () => {
    for (const who of ["exporter-ec", "exporter-rsa"]) {
      const doc = declaration(`SIG-OK-${who}`);
      const res = await submit(doc, jades(doc, who));
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      const trace = await t.http
        .get(`/v1/consignments/UCR-SIG-SIG-OK-${who}/trace`)
        .set(auth(t.keys["SWG_DEMO_REGULATOR_KEY"]));
      const accepted = (
        trace.body.events as { type: string; data: { signature?: { signer?: { subject: string } } } }[]
      ).find((e) => e.type === "document.accepted");
      expect(accepted?.data.signature?.signer?.subject).toContain("Sample Exporter");
    }
  });

  it("refuses a revoked, an expired and an unbound certificate, naming the certificate and the reason", async () => {
    const cases = [
      ["exporter-revoked", "SWG_CERTIFICATE_REVOKED", "certificate-revoked"],
      ["exporter-expired", "SWG_CERTIFICATE_EXPIRED", "certificate-expired"],
      ["customs-ec", "SWG_CERTIFICATE_NOT_BOUND", "certificate-not-bound"],
    ] as const;
    for (const [who, code, reason] of cases) {
      const doc = declaration(`SIG-BAD-${who}`);
      const res = await submit(doc, jades(doc, who));
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.body.code).toBe(code);
      expect(res.body.reason).toBe(reason);
      expect(res.body.certificate.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(res.body.certificate.subject).toContain(who.startsWith("customs") ? "Customs" : "Exporter");
    }
  });

  it("verifies enveloped XML-DSig in a UBL invoice: bound signer accepted, unbound refused", async () => {
    const ubl = readFileSync(join(ROOT, "test/fixtures/ubl/clean-invoice.xml"), "utf8");
    const sign = (who: string, number: string) =>
      signXml(ubl.replace("FX-2025-0042", number), {
        algorithm: "ECDSA-SHA256",
        key: createPrivateKey(readFileSync(certs(`${who}.key.pem`))),
        chain: readCerts(certs(`${who}.chain.pem`)),
      });
    const post = (xml: string) =>
      t.http.post("/v1/submissions").set(auth(exporter)).set("content-type", "application/xml").send(xml);
    const ok = await post(sign("exporter-ec", "FX-SIGNED-1"));
    expect(ok.status, JSON.stringify(ok.body)).toBe(202);
    const unbound = await post(sign("carrier-ec", "FX-SIGNED-2"));
    expect(unbound.status).toBe(422);
    expect(unbound.body.code).toBe("SWG_CERTIFICATE_NOT_BOUND");
    const tampered = await post(sign("exporter-ec", "FX-SIGNED-3").replace("Oolong tea", "Oolong teas"));
    expect(tampered.status).toBe(422);
    expect(tampered.body.code).toBe("SWG_SIGNATURE_INVALID");
  });

  it("detects a document changed after it was signed", async () => {
    const doc = declaration("SIG-TAMPER");
    const signature = jades(doc, "exporter-ec");
    const res = await submit({ ...doc, lrn: "SIG-TAMPER-X" }, signature);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("SWG_SIGNATURE_INVALID");
  });

  it("requires a signature when the party's policy says so", async () => {
    const policy = async (profile: Record<string, unknown>) => {
      await t.gw.store.transaction((tx) => tx.parties.update("demo-exporter", { profile }));
      t.gw.ctx.pipeline.register.invalidate("demo-exporter");
    };
    await policy({ signaturePolicy: { requirement: "required" } });
    try {
      const doc = declaration("SIG-REQUIRED");
      const unsigned = await submit(doc);
      expect(unsigned.status).toBe(422);
      expect(unsigned.body.code).toBe("SWG_SIGNATURE_REQUIRED");
      const doc2 = declaration("SIG-REQUIRED-2");
      expect((await submit(doc2, jades(doc2, "exporter-ec"))).status).toBe(202);
    } finally {
      await policy({});
    }
  });
});
