import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/corpora.js";
import { auth, embeddedGateway, type TestGateway } from "../helpers/gateway.js";
import { SWG_BIN } from "../helpers/process.js";

/** Runs the compiled CLI (`npm run build` first; `npm test` does) with the given environment. */
function swg(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [SWG_BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env["PATH"], ...env },
    encoding: "utf8",
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function envFile(file: string): Record<string, string> {
  return Object.fromEntries(
    [...readFileSync(file, "utf8").matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]),
  );
}

describe("swg verify and swg keys rotate", () => {
  let t: TestGateway;
  let dir: string;
  let sealed: string;
  beforeAll(async () => {
    t = await embeddedGateway();
    dir = mkdtempSync(join(tmpdir(), "swg-cli-"));
    const d = JSON.parse(readFileSync(join(ROOT, "docs/examples/export-declaration.json"), "utf8")) as Record<
      string,
      unknown
    >;
    const res = await t.http
      .post("/v1/submissions")
      .set(auth(t.keys["SWG_DEMO_EXPORTER_KEY"]))
      .set("content-type", "application/json")
      .send(JSON.stringify({ ...d, number: "CLI-1", ucr: "UCR-CLI-1" }));
    expect(res.status).toBe(202);
    const id = res.body.documents[0].id as string;
    const canonical = await t.http
      .get(`/v1/documents/${id}?part=canonical`)
      .set(auth(t.keys["SWG_DEMO_EXPORTER_KEY"]));
    const seal = await t.http.get(`/v1/documents/${id}?part=seal`).set(auth(t.keys["SWG_DEMO_EXPORTER_KEY"]));
    sealed = join(dir, "sealed.json");
    writeFileSync(
      sealed,
      JSON.stringify({ document: JSON.parse(canonical.text) as unknown, seal: seal.text }),
    );
    writeFileSync(join(dir, "receipt.json"), JSON.stringify(res.body.receipt));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("verifies a sealed document and its receipt, and names a tampered one", () => {
    const env = { SWG_DATA_DIR: dir };
    const ok = swg(["verify", sealed], env);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/^VALID/m);
    expect(ok.out).toContain("SWG Sample Gateway Seal");
    expect(swg(["verify", join(dir, "receipt.json")], env).code).toBe(0);
    const doc = JSON.parse(readFileSync(sealed, "utf8")) as { document: { lrn: string }; seal: string };
    const bad = join(dir, "tampered.json");
    writeFileSync(bad, JSON.stringify({ ...doc, document: { ...doc.document, lrn: "CHANGED" } }));
    const tampered = swg(["verify", bad], env);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(/^NOT VALID/m);
  });

  it("keeps a seal made today verifiable after two key rotations", () => {
    let env: Record<string, string> = { SWG_DATA_DIR: dir };
    for (let i = 0; i < 2; i++) {
      const r = swg(["keys", "rotate"], env);
      expect(r.code, r.out).toBe(0);
      env = { ...env, ...envFile(join(dir, "seal-keys.env")) };
    }
    expect(env["SWG_SEAL_RETIRED_CHAIN_FILES"]!.split(",")).toHaveLength(2);
    const v = swg(["verify", sealed], env);
    expect(v.code, v.out).toBe(0);
    // Without the retired keys, the old seal is no longer the gateway's.
    const { SWG_SEAL_RETIRED_CHAIN_FILES: _r, ...withoutRetired } = env;
    expect(swg(["verify", sealed], withoutRetired).code).toBe(1);
  });
});
