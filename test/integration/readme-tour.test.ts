import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/corpora.js";
import { spawnGateway, type Spawned } from "../helpers/process.js";

/** The README's tour: the ```bash blocks of its "Five-minute tour" section, in order. */
function tourBlocks(): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("## Five-minute tour");
  const end = readme.indexOf("\n## ", start + 5);
  const section = readme.slice(start, end);
  return [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe("README tour", () => {
  let gw: Spawned;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "swg-tour-"));
    gw = await spawnGateway(["serve", "--demo"], { SWG_DATA_DIR: dir });
  });
  afterAll(async () => {
    expect(await gw.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs every command of the tour against a started gateway, as written", () => {
    const blocks = tourBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    // One shell for the whole tour: variables set in one block are used in the next, as a reader's terminal would.
    const script = ["set -euo pipefail", ...blocks.map((b, i) => `echo "::block ${i}"\n${b}`)].join("\n");
    const r = spawnSync("bash", ["-c", script], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"], HOME: process.env["HOME"], SWG_URL: gw.url, SWG_DATA_DIR: dir },
      encoding: "utf8",
      timeout: 60_000,
    });
    const out = r.stdout;
    expect(r.status, `${r.stderr}\n${out}\n${gw.output()}`).toBe(0);
    const block = (i: number) => out.split(`::block ${i}\n`)[1]?.split("::block ")[0] ?? "";
    expect(block(0)).toContain('"status":"ready"');
    expect(block(1).match(/"status": "accepted"/g)).toHaveLength(2);
    expect(block(2)).toContain('"partnerId": "customs-demo"');
    expect(block(3)).toContain('"ok": true');
    expect(block(4)).toContain('"status": "customs.accepted"');
    expect(block(4)).toContain('"status": "customs.released"');
    expect(block(4)).toContain('"acknowledged":1');
    expect(block(5)).toContain('"status": "customs.released"');
    expect(block(5)).toContain('"response.received"');
    expect(block(5)).toMatch(/"ok": true,\s*"chainsChecked"/);
    expect(block(6)).toContain('"code": "SWG_XML_FORBIDDEN_CONSTRUCT"');
  });
});
