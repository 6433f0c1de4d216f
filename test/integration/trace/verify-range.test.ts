import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load.js";
import { FileKeyStore } from "../../../src/pki/file-keystore.js";
import { eventHash } from "../../../src/trace/chain.js";
import { makeCheckpoint } from "../../../src/trace/checkpoint.js";
import { verifyAudit } from "../../../src/trace/verify.js";
import { STORE_FACTORIES, type TestStore } from "../../helpers/stores.js";

const cfg = loadConfig({}, {});
const keys = new FileKeyStore({ keyFile: cfg.sealKeyFile, chainFile: cfg.sealCertFile });
const clock = { now: () => new Date("2026-06-01T00:00:00.000Z") };

describe.each(STORE_FACTORIES)("GET /v1/audit/verify over a range, on %s", (_name, factory) => {
  let s: TestStore;
  beforeAll(async () => {
    s = await factory();
    for (const [chain, day] of [
      ["UCR-RANGE-A", "2026-01-10"],
      ["UCR-RANGE-B", "2026-03-10"],
    ] as const) {
      for (let i = 0; i < 3; i++)
        await s.store.transaction((tx) =>
          tx.audit.append({
            chain,
            type: "document.accepted",
            at: `${day}T0${i}:00:00.000Z`,
            actor: { partyId: null, role: "system" },
            subject: {},
            data: { n: i },
          }),
        );
    }
    // Signed on June 1st: outside both ranges below.
    expect(await makeCheckpoint(s.store, keys, clock)).not.toBeNull();
  });
  afterAll(async () => {
    await s.cleanup();
  });

  it("verifies a range whose checkpoint lies outside it", async () => {
    const v = await verifyAudit(s.store, keys, { from: "2026-01-01", to: "2026-01-31" });
    expect(v).toMatchObject({ ok: true, chainsChecked: 1, eventsChecked: 3, checkpointsChecked: 0 });
  });

  it("catches a chain rewritten consistently, against the checkpoint signed after the range", async () => {
    // Rewrite chain A's last event and recompute its hash and the head: the chain itself still recomputes.
    const [e] = await s.store.read.audit.chain("UCR-RANGE-A", { fromSeq: 3, limit: 1 });
    const forged = { ...e!, data: { n: 99 } };
    const hash = eventHash(e!.prevHash, forged);
    await sql`update events set data = ${JSON.stringify(forged.data)}, hash = ${hash} where id = ${e!.id}`.execute(
      s.store.db,
    );
    await sql`update chain_heads set hash = ${hash} where chain = ${"UCR-RANGE-A"}`.execute(s.store.db);

    const v = await verifyAudit(s.store, keys, { from: "2026-01-01", to: "2026-01-31" });
    expect(v.brokenChains).toEqual([]);
    expect(v.ok).toBe(false);
    expect(v.firstBreak).toMatch(/chain UCR-RANGE-A was rewritten: checkpoint \d+ attests seq 3/);
    // Chain B's range is untouched.
    expect((await verifyAudit(s.store, keys, { from: "2026-03-01", to: "2026-03-31" })).ok).toBe(true);
  });
});
