import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KyselyStore } from "../../src/infra/db/store.js";
import { FileKeyStore } from "../../src/pki/file-keystore.js";
import { verifyAudit } from "../../src/trace/verify.js";
import { ROOT } from "../helpers/corpora.js";
import { spawnGateway, type Spawned } from "../helpers/process.js";
import { startPartnerStub, type PartnerStub } from "../helpers/stub.js";

const KILLS = 20;
const SECRET_ENV = "SWG_TEST_WEBHOOK_SECRET";

function declaration(n: number): string {
  const d = JSON.parse(readFileSync(join(ROOT, "docs/examples/export-declaration.json"), "utf8")) as Record<
    string,
    unknown
  >;
  return JSON.stringify({ ...d, number: `CRASH-${n}`, lrn: `CRASH-${n}`, ucr: `UCR-CRASH-${n}` });
}

/**
 * The gateway is killed with SIGKILL at 20 random moments during a stream of submissions and
 * restarted each time. Every document that got a 202 must reach the partner (a separate process)
 * exactly once after dedup by delivery id, and nothing without a 202 may be half-stored.
 */
describe("crash test: SIGKILL during a stream of submissions", () => {
  let dir: string;
  let stub: PartnerStub;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "swg-crash-"));
    stub = await startPartnerStub(join(dir, "stub.log"));
    writeFileSync(
      join(dir, "partners.json"),
      JSON.stringify({
        partners: [
          {
            id: "customs-demo",
            name: "Crash-test customs",
            kind: "customs",
            adapter: "customs-wco",
            transport: { type: "webhook", url: stub.url, secretEnv: SECRET_ENV },
          },
        ],
      }),
    );
    // Routing to match: the demo routing names partners this test does not configure.
    writeFileSync(
      join(dir, "routing.json"),
      JSON.stringify({
        rules: [{ id: "declarations", types: ["export-declaration"], to: ["customs-demo"] }],
      }),
    );
    env = {
      SWG_DATA_DIR: dir,
      SWG_PARTNERS_FILE: join(dir, "partners.json"),
      SWG_ROUTING_FILE: join(dir, "routing.json"),
      SWG_RETRY_DELAYS_MS: "100,200,400,800,1600,3200",
      SWG_RELAY_IDLE_MS: "20",
      [SECRET_ENV]: "crash-test-secret",
    };
  });
  afterAll(async () => {
    await stub.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("loses nothing accepted, half-stores nothing, delivers each accepted document once after dedup", async () => {
    let gw: Spawned = await spawnGateway(["serve", "--demo"], env);
    const key = /SWG_DEMO_EXPORTER_KEY=(\S+)/.exec(readFileSync(join(dir, "demo.env"), "utf8"))![1]!;
    const accepted = new Map<string, string[]>(); // idempotency key → delivery ids
    const unanswered: string[] = [];
    let n = 0;
    let running = true;
    const client = async () => {
      while (running) {
        const i = n++;
        const idem = `crash-${i}`;
        try {
          const res = await fetch(`${gw.url}/v1/submissions`, {
            method: "POST",
            headers: {
              authorization: `Bearer ${key}`,
              "content-type": "application/json",
              "idempotency-key": idem,
            },
            body: declaration(i),
          });
          const body = (await res.json()) as { deliveries?: { id: string }[] };
          if (res.status === 202)
            accepted.set(
              idem,
              (body.deliveries ?? []).map((d) => d.id),
            );
          else throw new Error(`unexpected ${res.status}: ${JSON.stringify(body)}`);
        } catch (e) {
          if ((e as Error).message.startsWith("unexpected")) throw e;
          unanswered.push(idem);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const clients = Array.from({ length: 4 }, () => client());
    for (let k = 0; k < KILLS; k++) {
      await new Promise((r) => setTimeout(r, 500 + Math.random() * 1500));
      await gw.stop("SIGKILL");
      gw = await spawnGateway(["serve"], env);
    }
    running = false;
    await Promise.all(clients);

    // Let the last process drain the outbox, then stop it cleanly.
    const store = await KyselyStore.open(
      { dialect: "sqlite", file: join(dir, "swg.db") },
      { groupCommitMax: 1 },
    );
    try {
      const until = Date.now() + 60_000;
      for (;;) {
        const r = await sql<{
          n: number;
        }>`select count(*) as n from deliveries where state <> 'delivered'`.execute(store.db);
        if (Number(r.rows[0]!.n) === 0) break;
        if (Date.now() > until)
          throw new Error(`${String(r.rows[0]!.n)} deliveries never delivered:\n${gw.output()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await gw.stop()).toBe(0);

      const q = async (text: string) =>
        Number((await sql<{ n: number }>`${sql.raw(text)}`.execute(store.db)).rows[0]!.n);
      const got = new Map<string, number>();
      for (const r of stub.records()) got.set(r.deliveryId, (got.get(r.deliveryId) ?? 0) + 1);

      // Every 202 reached the partner; after dedup by delivery id, exactly once each.
      const acceptedDeliveries = [...accepted.values()].flat();
      expect(accepted.size).toBeGreaterThan(50);
      const missing = acceptedDeliveries.filter((id) => !got.has(id));
      expect(missing).toEqual([]);

      // Nothing half-stored: every stored submission is whole, and nothing dangles.
      expect(
        await q(
          "select count(*) as n from documents d where not exists (select 1 from submissions s where s.id = d.submission_id)",
        ),
      ).toBe(0);
      expect(
        await q(
          "select count(*) as n from deliveries x where not exists (select 1 from documents d where d.id = x.document_id)",
        ),
      ).toBe(0);
      expect(
        await q(
          "select count(*) as n from submissions s where not exists (select 1 from documents d where d.submission_id = s.id)",
        ),
      ).toBe(0);
      expect(
        await q(
          "select count(*) as n from documents d where not exists (select 1 from deliveries x where x.document_id = d.id)",
        ),
      ).toBe(0);
      expect(
        await q(
          "select count(*) as n from submissions s where not exists (select 1 from events e where e.chain = s.ucr and e.type = 'submission.accepted')",
        ),
      ).toBe(0);
      // Requests that got no answer were either committed whole (then delivered too) or not at all.
      for (const idem of unanswered) {
        const s = await store.read.submissions.byIdempotencyKey("demo-exporter", idem);
        if (!s) continue;
        const dels = (
          await Promise.all(s.documentIds.map((d) => store.read.deliveries.listByDocument(d)))
        ).flat();
        expect(dels.length).toBe(1);
        expect(got.has(dels[0]!.id)).toBe(true);
      }
      // The partner received nothing the gateway had not committed.
      const committed = new Set(
        (await sql<{ id: string }>`select id from deliveries`.execute(store.db)).rows.map((r) => r.id),
      );
      expect([...got.keys()].filter((id) => !committed.has(id))).toEqual([]);

      const keys = new FileKeyStore({
        keyFile: join(ROOT, "certs-sample/gateway-seal.key.pem"),
        chainFile: join(ROOT, "certs-sample/gateway-seal.chain.pem"),
      });
      const verdict = await verifyAudit(store, keys);
      expect(verdict.firstBreak).toBeUndefined();
      expect(verdict.ok).toBe(true);

      const raw = stub.records().length;
      console.log(
        `crash test: ${KILLS} kills, ${n} requests, ${accepted.size} accepted (202), ${unanswered.length} unanswered, ` +
          `${committed.size} committed, ${got.size} distinct deliveries at the partner, ${raw - got.size} raw duplicates`,
      );
    } finally {
      await store.close();
    }
  }, 240_000);
});
