/**
 * Reproduces test/fixtures/xmldsig-verdicts.json: the verdict for every XML-DSig vector and every
 * signed XML file in the corpora, and checks that none is missing from the table.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCerts } from "../../../src/pki/cert.js";
import { verifyXmlSignature } from "../../../src/pki/xmldsig/verify.js";
import { corpusPath, listCorpus, readCorpus, ROOT } from "../../helpers/corpora.js";
import { LEGACY_POLICY } from "./helpers/xml.js";

interface Row {
  readonly file: string;
  readonly use?: string;
  readonly signerCertificate?: string;
  readonly verdict: string;
  readonly reason: string;
  readonly why: string;
}

const table = JSON.parse(readFileSync(`${ROOT}/test/fixtures/xmldsig-verdicts.json`, "utf8")) as {
  vectors: Row[];
};
const CORPORA = [
  "china-customs-ceb-xml",
  "dcsa-ebl-booking-json",
  "en16931-einvoicing",
  "iso20022-samples",
  "oasis-ubl-examples",
  "tradetrust-openattestation-json",
  "unedifact-samples",
  "wco-customs-hmrc-cds",
  "xrechnung-testsuite",
];

describe("XML-DSig verdict table", () => {
  it("lists every vector and every signed XML file in the corpora", () => {
    const listed = new Set(table.vectors.map((r) => r.file));
    const vectors = listCorpus("xmldsig-vectors").filter((f) => f.endsWith(".xml"));
    const signed = CORPORA.flatMap((c) => listCorpus(c))
      .filter((f) => f.endsWith(".xml"))
      .filter((f) => /<([\w.-]+:)?Signature[\s>]/.test(readCorpus(f).toString("utf8")));
    expect(vectors.length).toBeGreaterThan(50);
    expect(signed.length).toBeGreaterThan(20);
    expect([...vectors, ...signed].filter((f) => !listed.has(f))).toEqual([]);
    for (const r of table.vectors) expect(r.why.length, r.file).toBeGreaterThan(10);
  });

  for (const row of table.vectors) {
    it(`${row.file}${row.use ? ` as ${row.use}` : ""}: ${row.verdict} (${row.reason})`, async () => {
      const v = await verifyXmlSignature(
        readCorpus(row.file),
        { policy: LEGACY_POLICY, trust: "not-evaluated", bound: "not-evaluated" },
        {
          ...(row.use ? { use: row.use } : {}),
          ...(row.signerCertificate
            ? { signerCertificates: readCerts(corpusPath(row.signerCertificate)) }
            : {}),
        },
      );
      expect({ verdict: v.class, reason: v.reason }).toEqual({ verdict: row.verdict, reason: row.reason });
      expect(v.ok).toBe(row.verdict === "valid");
    });
  }
});
