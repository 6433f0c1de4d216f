import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load.js";
import { FileKeyStore } from "../../../src/pki/file-keystore.js";
import { verifyJws } from "../../../src/pki/jws.js";
import type { Clock } from "../../../src/ports/clock.js";
import type { DeliveryState, ResponseRecord } from "../../../src/ports/records.js";
import { flowGraph } from "../../../src/trace/graph.js";
import { purgeBodies } from "../../../src/trace/retention.js";
import { decodeCursor, searchTrace, type TraceHit } from "../../../src/trace/search.js";
import { verifyOneChain } from "../../../src/trace/verify.js";
import { digestOf } from "../../../src/util/digest.js";
import { uuidv7 } from "../../../src/util/ids.js";
import { delivery, document, submission } from "../../helpers/records.js";
import { STORE_FACTORIES, type TestStore } from "../../helpers/stores.js";

const DAY = 86_400_000;
const T0 = Date.parse("2026-03-01T00:00:00.000Z");
const at = (days: number) => new Date(T0 + days * DAY).toISOString();
const PARTIES = ["party-a", "party-b", "party-c"];
const STATES: DeliveryState[] = ["delivered", "dead", "retrying", "delivered", "delivered"];

/**
 * 60 documents over 60 days, 3 issuers, 3 consignments of 20; each delivered to customs-1 and
 * every other one to bank-1; states cycle; every 4th has a customs response "released"; every
 * 7th a risk warning.
 */
async function seed(s: TestStore): Promise<void> {
  const risk = s.store.db.withTables<{
    riskWarnings: {
      id: string;
      ruleId: string;
      severity: string;
      submissionId: string;
      documentId: string | null;
      ucr: string;
      partyId: string;
      message: string;
      pointer: string | null;
      data: string;
      status: string;
      createdAt: string;
    };
  }>();
  for (let i = 0; i < 60; i++) {
    const party = PARTIES[i % 3]!;
    const ucr = `UCR-S-${Math.floor(i / 20)}`;
    const sub = submission(party, { ucr, receivedAt: at(i) });
    const original = Buffer.from(`{"n":${i}}`);
    const canonical = JSON.stringify({ id: `doc-${String(i).padStart(2, "0")}`, ucr, n: i });
    const doc = document(sub.id, party, {
      id: `doc-${String(i).padStart(2, "0")}`,
      ucr,
      type: i % 2 === 0 ? "export-declaration" : "commercial-invoice",
      number: `N-${i}`,
      createdAt: at(i),
      originalBytes: original,
      originalDigest: digestOf(original),
      canonical,
      canonicalDigest: digestOf(canonical),
    });
    await s.store.transaction(async (tx) => {
      await tx.submissions.insert(sub);
      await tx.documents.insert(doc);
      await tx.audit.append({
        chain: ucr,
        type: "document.accepted",
        at: at(i),
        actor: { partyId: party, role: "exporter" },
        subject: { documentId: doc.id },
        data: { originalDigest: doc.originalDigest, canonicalDigest: doc.canonicalDigest },
      });
      const d1 = delivery(doc.id, { ucr, partnerId: "customs-1", state: STATES[i % 5]!, createdAt: at(i) });
      await tx.deliveries.insert(d1);
      if (i % 2 === 0)
        await tx.deliveries.insert(delivery(doc.id, { ucr, partnerId: "bank-1", state: "delivered" }));
      if (i % 4 === 0) {
        const r: ResponseRecord = {
          id: uuidv7(),
          partnerId: "customs-1",
          partnerMessageId: `R-${i}`,
          deliveryId: d1.id,
          documentId: doc.id,
          ucr,
          receivedAt: at(i + 0.5),
          status: "customs.released",
          event: { status: "customs.released" },
          originalBytes: Buffer.from("ok"),
          originalMediaType: "application/json",
          signed: false,
        };
        await tx.responses.insert(r);
      }
    });
    if (i % 7 === 0)
      await risk
        .insertInto("riskWarnings")
        .values({
          id: uuidv7(),
          ruleId: "RISK-VALUE",
          severity: "high",
          submissionId: sub.id,
          documentId: doc.id,
          ucr,
          partyId: party,
          message: "declared value far below the invoice",
          pointer: null,
          data: "{}",
          status: "open",
          createdAt: at(i),
        })
        .execute();
  }
}

async function all(s: TestStore, q: Parameters<typeof searchTrace>[1]): Promise<TraceHit[]> {
  const out: TraceHit[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await searchTrace(s.store, { ...q, ...(cursor ? { cursor: decodeCursor(cursor) } : {}) });
    out.push(...page.hits);
    if (!page.next) return out;
    cursor = page.next;
  }
  throw new Error("pagination did not end");
}

const ids = (hits: readonly TraceHit[]) => hits.map((h) => h.documentId);
const expected = (pred: (i: number) => boolean) =>
  Array.from({ length: 60 }, (_, i) => i)
    .filter(pred)
    .reverse()
    .map((i) => `doc-${String(i).padStart(2, "0")}`);

describe.each(STORE_FACTORIES)("trace search and retention on %s", (_name, factory) => {
  let s: TestStore;
  beforeAll(async () => {
    s = await factory();
    await seed(s);
  });
  afterAll(async () => {
    await s.cleanup();
  });

  it("pages through everything newest first, each document once", async () => {
    const hits = await all(s, { limit: 7 });
    expect(ids(hits)).toEqual(expected(() => true));
  });

  it("filters by consignment, document, number, party and type", async () => {
    expect(ids(await all(s, { ucr: "UCR-S-1", limit: 50 }))).toEqual(expected((i) => i >= 20 && i < 40));
    expect(ids(await all(s, { documentId: "doc-05", limit: 5 }))).toEqual(["doc-05"]);
    expect(ids(await all(s, { number: "N-44", limit: 5 }))).toEqual(["doc-44"]);
    expect(ids(await all(s, { party: "party-b", limit: 4 }))).toEqual(expected((i) => i % 3 === 1));
    expect(ids(await all(s, { type: "commercial-invoice", limit: 9 }))).toEqual(expected((i) => i % 2 === 1));
  });

  it("filters by party and a 30-day range", async () => {
    const hits = await all(s, { party: "party-a", from: at(10), to: at(40), limit: 3 });
    expect(ids(hits)).toEqual(expected((i) => i % 3 === 0 && i >= 10 && i <= 40));
  });

  it("filters by partner and delivery state, and by response status", async () => {
    expect(ids(await all(s, { partner: "customs-1", status: "dead", limit: 5 }))).toEqual(
      expected((i) => i % 5 === 1),
    );
    expect(ids(await all(s, { partner: "bank-1", status: "dead", limit: 5 }))).toEqual([]);
    expect(ids(await all(s, { partner: "bank-1", limit: 50 }))).toEqual(expected((i) => i % 2 === 0));
    expect(ids(await all(s, { partner: "customs-1", status: "customs.released", limit: 5 }))).toEqual(
      expected((i) => i % 4 === 0),
    );
    expect(ids(await all(s, { status: "accepted", type: "export-declaration", limit: 50 }))).toEqual(
      expected((i) => i % 2 === 0),
    );
  });

  it("keeps a jurisdiction's pages full: only documents delivered to its partners, paged exactly", async () => {
    // bank-1 gets every other document: pages of 4 must each be full until the last.
    const pages: number[] = [];
    let cursor: string | undefined;
    const seen: string[] = [];
    do {
      const p = await searchTrace(s.store, {
        partnerIn: ["bank-1", "nobody"],
        limit: 4,
        ...(cursor ? { cursor: decodeCursor(cursor) } : {}),
      });
      pages.push(p.hits.length);
      seen.push(...ids(p.hits));
      cursor = p.next;
    } while (cursor);
    expect(seen).toEqual(expected((i) => i % 2 === 0));
    expect(pages.slice(0, -1).every((n) => n === 4)).toBe(true);
    expect(ids(await all(s, { partnerIn: ["customs-1"], status: "dead", limit: 5 }))).toEqual(
      expected((i) => i % 5 === 1),
    );
  });

  it("filters by risk flag, and marks the flagged hits", async () => {
    const risky = await all(s, { risk: true, limit: 4 });
    expect(ids(risky)).toEqual(expected((i) => i % 7 === 0));
    expect(risky.every((h) => h.risk)).toBe(true);
    const clean = await all(s, { risk: false, limit: 50 });
    expect(ids(clean)).toEqual(expected((i) => i % 7 !== 0));
    expect(clean.some((h) => h.risk)).toBe(false);
    const hit = (await searchTrace(s.store, { documentId: "doc-14" })).hits[0]!;
    expect(hit.deliveries).toEqual([
      { partnerId: "customs-1", state: STATES[14 % 5] },
      { partnerId: "bank-1", state: "delivered" },
    ]);
  });

  it("draws the flow graph: documents to partners with states, responses", async () => {
    const g = await flowGraph(s.store, "UCR-S-0", (id) => (id === "bank-1" ? "Demo Bank" : undefined));
    expect(g!.nodes.filter((n) => n.kind === "document")).toHaveLength(20);
    expect(g!.nodes.filter((n) => n.kind === "partner").map((n) => n.id)).toEqual([
      "partner:customs-1",
      "partner:bank-1",
    ]);
    expect(g!.nodes.find((n) => n.id === "partner:bank-1")).toMatchObject({ name: "Demo Bank" });
    const deliveries = g!.edges.filter((e) => e.kind === "delivery");
    expect(deliveries).toHaveLength(30);
    expect(
      deliveries.find((e) => e.from === "document:doc-04" && e.to === "partner:customs-1"),
    ).toMatchObject({
      state: STATES[4],
      lastResponse: "customs.released",
    });
    expect(g!.edges.filter((e) => e.kind === "response")).toHaveLength(5);
    expect(await flowGraph(s.store, "UCR-NONE", () => undefined)).toBeUndefined();
  });

  it("purges bodies past retention only, outside the duplicate window, never unsettled ones, with signed tombstones", async () => {
    const cfg = loadConfig({}, {});
    const keys = new FileKeyStore({ keyFile: cfg.sealKeyFile, chainFile: cfg.sealCertFile });
    const clockAt = (iso: string): Clock => ({ now: () => new Date(iso) });
    const actor = { partyId: "admin", role: "admin" as const };
    const eventsBefore = await s.store.read.audit.count();
    // 72 h window: at day 12 with 1-day retention, only documents before day 9 may go.
    const dry = await purgeBodies(
      { store: s.store, keys, clock: clockAt(at(12)) },
      { olderThanDays: 1, idempotencyWindowHours: 72, limit: 100, dryRun: true },
      actor,
    );
    expect(dry.cutoff).toBe(at(9));
    // Retrying deliveries (i % 5 === 2) still need their canonical document.
    expect(dry.purged).toEqual(
      Array.from({ length: 9 }, (_, i) => i)
        .filter((i) => i % 5 !== 2)
        .map((i) => `doc-0${i}`),
    );
    expect((await s.store.read.trace.tombstone("doc-00")) ?? null).toBeNull();

    const out = await purgeBodies(
      { store: s.store, keys, clock: clockAt(at(12)) },
      { olderThanDays: 1, idempotencyWindowHours: 72, limit: 100, dryRun: false },
      actor,
    );
    expect(out.purged).toEqual(dry.purged);
    const doc = await s.store.read.documents.get("doc-03");
    expect(doc!.originalBytes.length).toBe(0);
    const t = await s.store.read.trace.tombstone("doc-03");
    expect(t!.canonicalDigest).toBe(doc!.canonicalDigest);
    expect(JSON.parse(doc!.canonical)).toMatchObject({ type: "document-tombstone", documentId: "doc-03" });
    expect(verifyJws(t!.signature, (k) => keys.byKid(k), Buffer.from(t!.statement)).ok).toBe(true);
    expect(JSON.parse(t!.statement)).toMatchObject({
      originalDigest: digestOf(Buffer.from('{"n":3}')),
      canonicalDigest: digestOf(JSON.stringify({ id: "doc-03", ucr: "UCR-S-0", n: 3 })),
    });
    // Inside the window, untouched; a document with a retrying delivery, untouched.
    expect((await s.store.read.documents.get("doc-09"))!.originalBytes.length).toBeGreaterThan(0);
    expect((await s.store.read.documents.get("doc-02"))!.originalBytes.length).toBeGreaterThan(0);
    // Events only grew (one document.purged each), and the chain still verifies.
    expect(await s.store.read.audit.count()).toBe(eventsBefore + out.purged.length);
    expect((await verifyOneChain(s.store, "UCR-S-0")).ok).toBe(true);
    // Again: nothing left to purge before the same cutoff.
    const again = await purgeBodies(
      { store: s.store, keys, clock: clockAt(at(12)) },
      { olderThanDays: 1, idempotencyWindowHours: 72, limit: 100, dryRun: false },
      actor,
    );
    expect(again.purged).toEqual([]);
    const g = await flowGraph(s.store, "UCR-S-0", () => undefined);
    expect(g!.nodes.find((n) => n.id === "document:doc-03")).toMatchObject({ purged: true });
  });
});
