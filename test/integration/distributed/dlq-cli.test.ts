import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KyselyStore } from "../../../src/infra/db/store.js";
import type { DeliveryRecord } from "../../../src/ports/records.js";
import { delivery, document, party, submission } from "../../helpers/records.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const run = promisify(execFile);

/** `swg dlq` against an embedded database, as an operator would run it. */
describe("swg dlq", () => {
  const dir = mkdtempSync(join(tmpdir(), "swg-dlq-"));
  const env = { ...process.env, SWG_MODE: "embedded", SWG_DATA_DIR: dir, SWG_LOG_LEVEL: "silent" };
  let dead: DeliveryRecord;
  let retrying: DeliveryRecord;

  async function swg(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
    try {
      const out = await run(process.execPath, ["--import", "tsx", "src/cli/swg.ts", ...args], {
        cwd: ROOT,
        env,
        timeout: 60_000,
      });
      return { ...out, code: 0 };
    } catch (e) {
      const x = e as { stdout: string; stderr: string; code: number };
      return { stdout: x.stdout, stderr: x.stderr, code: x.code };
    }
  }

  async function withStore<T>(fn: (s: KyselyStore) => Promise<T>): Promise<T> {
    const s = await KyselyStore.open({ dialect: "sqlite", file: join(dir, "swg.db") }, { groupCommitMax: 1 });
    try {
      await s.migrate();
      return await fn(s);
    } finally {
      await s.close();
    }
  }

  beforeAll(async () => {
    const p = party();
    const s = submission(p.id, { ucr: "UCR-CLI" });
    const doc = document(s.id, p.id, { ucr: "UCR-CLI" });
    dead = delivery(doc.id, { ucr: "UCR-CLI", state: "dead", attempts: 3, lastError: "answered 503" });
    retrying = delivery(doc.id, { ucr: "UCR-CLI", state: "retrying", attempts: 1, lastError: "timeout" });
    await withStore((store) =>
      store.unit(async (tx) => {
        await tx.parties.insert(p);
        await tx.submissions.insert({ ...s, documentIds: [doc.id] });
        await tx.documents.insert(doc);
        await tx.deliveries.insert(dead);
        await tx.deliveries.insert(retrying);
        await tx.deliveries.recordAttempt({
          deliveryId: dead.id,
          attempt: 3,
          startedAt: dead.updatedAt,
          finishedAt: dead.updatedAt,
          outcome: "failed",
          error: "answered 503",
          detail: {},
        });
      }),
    );
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists, shows, replays and cancels, with audit events", async () => {
    const list = await swg("dlq", "list");
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(dead.id);
    expect(list.stdout).not.toContain(retrying.id);
    expect((await swg("dlq", "list", "--state", "retrying", "--json")).stdout).toContain(retrying.id);
    expect((await swg("dlq", "list", "--state", "bogus")).code).not.toBe(0);

    const show = await swg("dlq", "show", dead.id);
    const shown = JSON.parse(show.stdout) as { messageId: string; attempts: { error: string }[] };
    expect(shown.messageId).toBe(dead.messageId);
    expect(shown.attempts.map((a) => a.error)).toEqual(["answered 503"]);

    expect((await swg("dlq", "replay", dead.id, "--reason", "outage over")).code).toBe(0);
    expect((await swg("dlq", "cancel", retrying.id)).code).toBe(0);
    // Replaying it again is refused: it is pending now.
    const again = await swg("dlq", "replay", dead.id);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("SWG_CONFLICT");

    await withStore(async (store) => {
      expect(await store.read.deliveries.get(dead.id)).toMatchObject({
        state: "pending",
        attempts: 0,
        messageId: dead.messageId,
      });
      expect((await store.read.deliveries.get(retrying.id))?.state).toBe("cancelled");
      const events = await store.read.audit.chain("UCR-CLI");
      const replayed = events.find((e) => e.type === "delivery.replayed");
      expect(replayed?.data["reason"]).toMatch(/^outage over \(swg dlq, user /);
      expect(events.map((e) => e.type)).toContain("delivery.cancelled");
    });
  }, 300_000);
});
