import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCerts } from "../../../src/pki/cert.js";
import { readBundle, toZip } from "../../../src/trace/evidence/container.js";
import type { BundleFiles } from "../../../src/trace/evidence/layout.js";
import { verifyEvidence } from "../../../src/trace/evidence/verify.js";
import { auth, embeddedGateway, type TestGateway } from "../../helpers/gateway.js";
import { SWG_BIN } from "../../helpers/process.js";
import { seedConsignment, type SeededConsignment } from "./seed.js";

const run = promisify(execFile);

async function fetchBundle(t: TestGateway, key: string, ucr: string, format = "zip"): Promise<Buffer> {
  const res = await t.http
    .get(`/v1/consignments/${encodeURIComponent(ucr)}/evidence?format=${format}`)
    .set(auth(key))
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => cb(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

describe("evidence bundle of a consignment with 5 documents and 7 partner responses", () => {
  let t: TestGateway;
  let seeded: SeededConsignment;
  let zip: Buffer;
  let files: BundleFiles;
  let regulator: string;
  beforeAll(async () => {
    t = await embeddedGateway();
    regulator = t.keys["SWG_DEMO_REGULATOR_KEY"]!;
    seeded = await seedConsignment(t, "UCR-EVIDENCE-1");
    zip = await fetchBundle(t, regulator, seeded.ucr);
    files = readBundle(zip);
  });
  afterAll(async () => {
    await t.close();
  });

  it("holds every part the issue lists, and verifies offline", async () => {
    expect(seeded.documentIds).toHaveLength(5);
    expect(seeded.responses).toBe(7);
    const paths = [...files.keys()];
    for (const id of seeded.documentIds) {
      expect(paths).toContain(`documents/${id}/canonical.json`);
      expect(paths).toContain(`documents/${id}/seal.jws`);
      expect(paths.some((p) => p.startsWith(`documents/${id}/original.`))).toBe(true);
    }
    for (const sid of seeded.submissionIds) expect(paths).toContain(`submissions/${sid}/receipt.jws`);
    expect(paths.filter((p) => /^responses\/[^/]+\/event\.json$/.test(p))).toHaveLength(7);
    expect(paths.filter((p) => /^responses\/[^/]+\/original\./.test(p))).toHaveLength(7);
    for (const p of ["chain/events.json", "chain/proof.json", "chain/checkpoint.jws", "certs/anchors.pem"])
      expect(paths).toContain(p);

    const v = await verifyEvidence(files);
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.ucr).toBe(seeded.ucr);
    expect(v.anchorSource).toBe("bundle");
    const said = v.checks.map((c) => c.what).join("\n");
    expect(said.match(/gateway seal of document .* verifies over its canonical bytes/g)).toHaveLength(5);
    expect(said.match(/original of .* has the digest its canonical document records/g)).toHaveLength(5);
    expect(said.match(/the receipt of .* is signed by the gateway/g)).toHaveLength(5);
    expect(said.match(/partner response .* original bytes have the digest the chain recorded/g)).toHaveLength(
      7,
    );
    expect(said).toMatch(/hash chain of UCR-EVIDENCE-1 recomputes/);
    expect(said).toMatch(/audit path .* leads from the head to the root of checkpoint/);
    expect(said).toMatch(/checkpoint \d+ .* is signed by the gateway/);
    expect(said).toMatch(/chains to a trust anchor/);
    // The export itself is the chain's last proved event.
    const events = JSON.parse(files.get("chain/events.json")!.toString()) as { type: string }[];
    expect(events.at(-1)!.type).toBe("evidence.exported");
  });

  // 138 bundles re-zipped and verified: give it room on a loaded CI machine.
  it(
    "fails and names the file when any byte of any file inside it changes",
    { timeout: 240_000 },
    async () => {
      const paths = [...files.keys()].sort();
      expect(paths.length).toBeGreaterThan(40);
      for (const path of paths) {
        const original = files.get(path)!;
        for (const at of new Set([0, original.length >> 1, original.length - 1])) {
          const changed = Buffer.from(original);
          changed[at] = changed[at]! ^ 0x01;
          const tampered = new Map(files);
          tampered.set(path, changed);
          const v = await verifyEvidence(readBundle(toZip(tampered)));
          expect(v.ok, `${path} byte ${at}`).toBe(false);
          expect(v.failedFiles, `${path} byte ${at}`).toContain(path);
        }
      }
    },
  );

  it("catches a forged document even when the manifest is rewritten to match it", async () => {
    const id = seeded.documentIds[2]!;
    const path = `documents/${id}/canonical.json`;
    const forged = Buffer.from(files.get(path)!.toString().replace("MSC AURORA", "MSC AURORB"));
    expect(forged.equals(files.get(path)!)).toBe(false);
    const tampered = new Map(files);
    tampered.set(path, forged);
    const manifest = JSON.parse(files.get("manifest.json")!.toString()) as {
      files: { path: string; sha256: string; size: number }[];
    };
    const { createHash } = await import("node:crypto");
    for (const f of manifest.files)
      if (f.path === path) f.sha256 = createHash("sha256").update(forged).digest("hex");
    const { jcs } = await import("../../../src/util/jcs.js");
    tampered.set("manifest.json", Buffer.from(jcs(manifest)));
    const v = await verifyEvidence(tampered);
    expect(v.ok).toBe(false);
    const failed = v.checks.filter((c) => !c.ok).map((c) => c.what);
    expect(failed.some((w) => w.includes(`gateway seal of document ${id}`))).toBe(true);
    expect(failed.some((w) => w.includes("signature over manifest.json"))).toBe(true);
    expect(v.failedFiles).toContain(path);
  });

  it("refuses certificates that do not chain to a pinned anchor of the verifier's own", async () => {
    const own = readCerts(join(t.gw.config.certsDir, "root-ca.cert.pem"));
    expect((await verifyEvidence(files, { anchors: own })).ok).toBe(true);
    const stranger = readCerts(join(t.gw.config.certsDir, "exporter-ec.cert.pem"));
    const v = await verifyEvidence(files, { anchors: stranger });
    expect(v.ok).toBe(false);
    expect(v.anchorSource).toBe("pinned");
    expect(v.failedFiles.some((f) => f.startsWith("certs/seal-"))).toBe(true);
  });

  it("comes as JSON too, with the same files", async () => {
    const json = await fetchBundle(t, regulator, seeded.ucr, "json");
    const again = readBundle(json);
    expect([...again.keys()].filter((p) => p.startsWith("documents/")).sort()).toEqual(
      [...files.keys()].filter((p) => p.startsWith("documents/")).sort(),
    );
    expect((await verifyEvidence(again)).ok).toBe(true);
  });

  it("is refused to an exporter that does not own the consignment, and to partners", async () => {
    const customs = t.keys["SWG_DEMO_CUSTOMS_KEY"]!;
    const res = await t.http.get(`/v1/consignments/${seeded.ucr}/evidence`).set(auth(customs));
    expect(res.status).toBe(403);
    const none = await t.http.get(`/v1/consignments/NO-SUCH-UCR/evidence`).set(auth(regulator));
    expect(none.status).toBe(404);
  });

  it("swg verify-evidence says what it proved, and exits 1 naming a changed file", async () => {
    expect(existsSync(SWG_BIN), "npm run build first").toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "swg-evidence-"));
    try {
      const good = join(dir, "bundle.zip");
      writeFileSync(good, zip);
      const ok = await run(process.execPath, [SWG_BIN, "verify-evidence", good]);
      expect(ok.stdout).toContain("VERIFIED: every file is accounted for");
      expect(ok.stdout).toMatch(/ok {4}the gateway seal of document/);
      const id = seeded.documentIds[0]!;
      const tampered = new Map(files);
      const orig = [...files.keys()].find((p) => p.startsWith(`documents/${id}/original.`))!;
      const bytes = Buffer.from(files.get(orig)!);
      bytes[10] = bytes[10]! ^ 0x20;
      tampered.set(orig, bytes);
      const bad = join(dir, "tampered.zip");
      writeFileSync(bad, toZip(tampered));
      const err = await run(process.execPath, [SWG_BIN, "verify-evidence", bad]).then(
        () => undefined,
        (e: { code: number; stdout: string }) => e,
      );
      expect(err?.code).toBe(1);
      expect(err?.stdout).toContain("NOT VERIFIED");
      expect(err?.stdout).toContain(orig);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
