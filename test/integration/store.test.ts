import { sql, type Kysely } from "kysely";
import { documentKeys } from "../../src/infra/db/migrations/0401_document_keys.js";
import { interchangeRef } from "../../src/infra/db/migrations/0402_interchange_ref.js";
import { interchangeRefOf } from "../../src/ports/adapter.js";
import { uuidv7 } from "../../src/util/ids.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyOneChain } from "../../src/trace/verify.js";
import { delivery, document, event, party, submission } from "../helpers/records.js";
import { STORE_FACTORIES, type TestStore } from "../helpers/stores.js";

describe.each(STORE_FACTORIES)("store on %s", (_name, factory) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await factory();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("has applied every migration", async () => {
    expect(await t.store.pendingMigrations()).toEqual([]);
    await t.store.ping();
  });

  it("writes a submission, its documents, deliveries and events in one unit", async () => {
    const p = party({
      identifiers: [{ scheme: "USCI", value: `91350100M000100Y4${Math.floor(Math.random() * 10)}` }],
    });
    await t.store.transaction((tx) => tx.parties.insert(p));
    const s = submission(p.id, { ucr: "UCR-A" });
    const d = document(s.id, p.id, { ucr: "UCR-A", originalBytes: Buffer.from([0, 1, 2, 255]) });
    const del = delivery(d.id, { ucr: "UCR-A" });
    await t.store.unit(async (tx) => {
      await tx.submissions.insert({ ...s, documentIds: [d.id] });
      await tx.documents.insert(d);
      await tx.deliveries.insert(del);
      await tx.audit.append({ ...event("UCR-A", "submission.accepted"), subject: { submissionId: s.id } });
      await tx.audit.append({ ...event("UCR-A", "document.accepted"), subject: { documentId: d.id } });
    });
    const got = await t.store.read.documents.get(d.id);
    expect(got?.originalBytes.equals(Buffer.from([0, 1, 2, 255]))).toBe(true);
    expect(got?.isCurrent).toBe(true);
    expect((await t.store.read.submissions.get(s.id))?.documentIds).toEqual([d.id]);
    expect((await t.store.read.deliveries.listByDocument(d.id)).map((x) => x.id)).toEqual([del.id]);
    expect((await t.store.read.audit.byDocument(d.id)).map((e) => e.type)).toEqual(["document.accepted"]);
    expect((await t.store.read.parties.byIdentifier("USCI", p.identifiers[0]!.value))?.id).toBe(p.id);
    expect((await verifyOneChain(t.store, "UCR-A")).ok).toBe(true);
  });

  it("rolls back a failing unit alone while the rest of its batch commits", async () => {
    const p = party();
    await t.store.transaction((tx) => tx.parties.insert(p));
    const key = `idem-${Math.random()}`;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        t.store.unit(async (tx) => {
          // Units 3 and 7 reuse one idempotency key: exactly one of them can win.
          const s = submission(p.id, { ucr: "UCR-B", idempotencyKey: i === 3 || i === 7 ? key : null });
          await tx.submissions.insert(s);
          await tx.audit.append(event("UCR-B", "submission.accepted", { i }));
          if (i === 5) throw new Error("unit 5 fails on purpose");
          return s.id;
        }),
      ),
    );
    const rejected = results.map((r, i) => (r.status === "rejected" ? i : -1)).filter((i) => i >= 0);
    expect(rejected).toHaveLength(2);
    expect(rejected).toContain(5);
    expect(rejected.some((i) => i === 3 || i === 7)).toBe(true);
    const chain = await t.store.read.audit.chain("UCR-B");
    expect(chain).toHaveLength(8);
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await verifyOneChain(t.store, "UCR-B")).ok).toBe(true);
  });

  it("finds an issuer's current documents by number, and a partner's latest delivery by document number", async () => {
    const [a, b] = [party(), party()];
    await t.store.transaction(async (tx) => {
      await tx.parties.insert(a);
      await tx.parties.insert(b);
    });
    const number = `INV-${Math.random()}`;
    const s = submission(a.id, { ucr: "UCR-N" });
    const mine = document(s.id, a.id, { ucr: "UCR-N", number });
    const old = document(s.id, a.id, { ucr: "UCR-N", number, isCurrent: false, status: "superseded" });
    const packing = document(s.id, a.id, { ucr: "UCR-N", number, type: "packing-list" });
    const theirs = document(s.id, b.id, { ucr: "UCR-N", number });
    const [d1, d2] = [delivery(old.id, { ucr: "UCR-N" }), delivery(mine.id, { ucr: "UCR-N" })];
    const elsewhere = delivery(theirs.id, { ucr: "UCR-N", partnerId: "bank-1" });
    await t.store.unit(async (tx) => {
      await tx.submissions.insert({ ...s, documentIds: [old.id, mine.id, packing.id, theirs.id] });
      for (const d of [old, mine, packing, theirs]) await tx.documents.insert(d);
      for (const d of [d1, d2, elsewhere]) await tx.deliveries.insert(d);
    });
    const found = await t.store.read.documents.listCurrentByNumber(a.id, "commercial-invoice", number);
    expect(found.map((d) => d.id)).toEqual([mine.id]);
    expect(await t.store.read.documents.listCurrentByNumber(a.id, "commercial-invoice", "NONE")).toEqual([]);
    expect((await t.store.read.deliveries.latestByDocumentNumber("customs-1", number))?.id).toBe(d2.id);
    expect((await t.store.read.deliveries.latestByDocumentNumber("bank-1", number))?.id).toBe(elsewhere.id);
    expect(await t.store.read.deliveries.latestByDocumentNumber("carrier-1", number)).toBeUndefined();
  });

  it("finds an issuer's current declaration by LRN, and by an MRN customs gave in an answer on it", async () => {
    const [a, b] = [party(), party()];
    await t.store.transaction(async (tx) => {
      await tx.parties.insert(a);
      await tx.parties.insert(b);
    });
    const [lrn, mrn] = [`LRN-${Math.random()}`, `24GB${Math.random()}`];
    const s = submission(a.id, { ucr: "UCR-M" });
    const type = "export-declaration";
    const v1 = document(s.id, a.id, { ucr: "UCR-M", type });
    const v2 = document(s.id, a.id, { ucr: "UCR-M", type, lineageId: v1.lineageId, version: 2 });
    const theirs = document(s.id, b.id, { ucr: "UCR-M", type });
    const key = (d: typeof v1, k: "lrn" | "mrn", value: string) => ({
      issuerPartyId: d.issuerPartyId,
      type,
      key: k,
      value,
      lineageId: d.lineageId,
      documentId: d.id,
      createdAt: new Date().toISOString(),
    });
    await t.store.unit(async (tx) => {
      await tx.submissions.insert({ ...s, documentIds: [v1.id, v2.id, theirs.id] });
      for (const d of [v1, v2, theirs]) await tx.documents.insert(d);
      await tx.documents.markSuperseded(v1.id, "superseded");
      // Both versions carry the LRN (recorded twice, kept once each); customs answered b's with the MRN.
      await tx.documents.addKeys([key(v1, "lrn", lrn), key(v2, "lrn", lrn), key(v2, "lrn", lrn)]);
      await tx.documents.addKeys([key(theirs, "mrn", mrn)]);
    });
    const find = (issuer: string, k: "lrn" | "mrn", value: string) =>
      t.store.read.documents.findCurrent(issuer, type, k, value).then((d) => d?.id);
    expect(await find(a.id, "lrn", lrn)).toBe(v2.id);
    expect(await find(b.id, "lrn", lrn)).toBeUndefined();
    expect(await find(a.id, "mrn", mrn)).toBeUndefined();
    expect(await find(b.id, "mrn", mrn)).toBe(theirs.id);
    // Customs answered a's first version: the MRN leads to the lineage's current version.
    await t.store.unit((tx) => tx.documents.addKeys([key(v1, "mrn", mrn)]));
    expect(await find(a.id, "mrn", mrn)).toBe(v2.id);
  });

  it("fills the key table from documents and answers stored before it existed", async () => {
    const p = party();
    await t.store.transaction((tx) => tx.parties.insert(p));
    const [lrn, mrn] = [`LRN-${Math.random()}`, `24DE${Math.random()}`];
    const s = submission(p.id, { ucr: "UCR-K" });
    const type = "export-declaration";
    const withLrn = document(s.id, p.id, {
      ucr: "UCR-K",
      type,
      canonical: JSON.stringify({ lrn, x: { mrn } }),
    });
    const answered = document(s.id, p.id, { ucr: "UCR-K", type, canonical: "{}" });
    await t.store.unit(async (tx) => {
      await tx.submissions.insert({ ...s, documentIds: [withLrn.id, answered.id] });
      for (const d of [withLrn, answered]) await tx.documents.insert(d);
      await tx.responses.insert({
        id: uuidv7(),
        partnerId: "customs-1",
        partnerMessageId: `m-${Math.random()}`,
        deliveryId: null,
        documentId: answered.id,
        ucr: "UCR-K",
        receivedAt: new Date().toISOString(),
        status: "customs.accepted",
        event: { type: "status-event", references: { mrn } },
        originalBytes: Buffer.from("{}"),
        originalMediaType: "application/json",
        signed: false,
      });
    });
    // As a database migrated before 0401 would be: no key table, then the migration.
    await sql`drop table document_keys`.execute(t.store.db);
    await documentKeys.up(t.store.db as unknown as Kysely<unknown>, t.name);
    const find = (k: "lrn" | "mrn", value: string) =>
      t.store.read.documents.findCurrent(p.id, type, k, value).then((d) => d?.id);
    expect(await find("lrn", lrn)).toBe(withLrn.id);
    // Only a top-level mrn names a declaration; the nested one in withLrn does not.
    expect(await find("mrn", mrn)).toBe(answered.id);
  });

  it("finds a partner's delivery by the EDIFACT interchange reference made from its message id", async () => {
    const p = party();
    await t.store.transaction((tx) => tx.parties.insert(p));
    const s = submission(p.id, { ucr: "UCR-I" });
    const d = document(s.id, p.id, { ucr: "UCR-I" });
    const [mine, other] = [
      delivery(d.id, { ucr: "UCR-I", partnerId: "customs-edi" }),
      delivery(d.id, { ucr: "UCR-I", partnerId: "customs-1" }),
    ];
    await t.store.unit(async (tx) => {
      await tx.submissions.insert({ ...s, documentIds: [d.id] });
      await tx.documents.insert(d);
      for (const x of [mine, other]) await tx.deliveries.insert(x);
    });
    const ref = interchangeRefOf(mine.messageId);
    const byRef = (partner: string, r: string) =>
      t.store.read.deliveries.byInterchangeRef(partner, r).then((x) => x?.id);
    expect(await byRef("customs-edi", ref)).toBe(mine.id);
    expect(await byRef("customs-edi", ref.toLowerCase())).toBe(mine.id);
    expect(await byRef("customs-1", interchangeRefOf(mine.messageId))).toBeUndefined();
    expect(Object.keys((await t.store.read.deliveries.get(mine.id))!)).not.toContain("interchangeRef");

    // Rows written before migration 0402: the column is filled from their message ids.
    await sql`drop index deliveries_partner_interchange`.execute(t.store.db);
    await sql`alter table deliveries drop column interchange_ref`.execute(t.store.db);
    await interchangeRef.up(t.store.db as unknown as Kysely<unknown>, t.name);
    expect(await byRef("customs-edi", ref)).toBe(mine.id);
  });

  it("keeps 64 concurrent writers on one chain consistent", async () => {
    await Promise.all(
      Array.from({ length: 64 }, (_, i) => t.store.unit((tx) => tx.audit.append(event("UCR-C", "x", { i })))),
    );
    const v = await verifyOneChain(t.store, "UCR-C");
    expect(v).toMatchObject({ ok: true, events: 64, headSeq: 64 });
  });

  it("claims due deliveries once, even for concurrent claimers", async () => {
    const p = party();
    await t.store.transaction((tx) => tx.parties.insert(p));
    const d = document(submission(p.id).id, p.id, { ucr: "UCR-D" });
    const dels = Array.from({ length: 40 }, () => delivery(d.id, { ucr: "UCR-D" }));
    await t.store.unit(async (tx) => {
      for (const x of dels) await tx.deliveries.insert(x);
    });
    const now = new Date().toISOString();
    const lease = new Date(Date.now() + 60_000).toISOString();
    const claims = await Promise.all(
      ["a", "b", "c", "d"].map((owner) =>
        t.store.transaction((tx) =>
          tx.deliveries.claimDue({ now, limit: 15, leaseUntil: lease, owner, includeRetrying: true }),
        ),
      ),
    );
    const ids = claims
      .flat()
      .map((x) => x.id)
      .filter((id) => dels.some((x) => x.id === id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(40);
    // A settled transition is compare-and-set on the state.
    const first = dels[0]!;
    expect(
      await t.store.transaction((tx) =>
        tx.deliveries.transition(first.id, ["pending"], { state: "published", updatedAt: now }),
      ),
    ).toBe(true);
    expect(
      await t.store.transaction((tx) =>
        tx.deliveries.transition(first.id, ["pending"], { state: "published", updatedAt: now }),
      ),
    ).toBe(false);
  });

  describe("audit tamper detection", () => {
    const setup = async (chain: string, n: number) => {
      for (let i = 0; i < n; i++) await t.store.unit((tx) => tx.audit.append(event(chain, "step", { i })));
      return t.store.read.audit.chain(chain);
    };

    it("names a changed event", async () => {
      const evs = await setup("T-CHANGE", 5);
      await sql`update events set data = ${JSON.stringify({ i: 99 })} where id = ${evs[2]!.id}`.execute(
        t.store.db,
      );
      const v = await verifyOneChain(t.store, "T-CHANGE");
      expect(v.ok).toBe(false);
      expect(v.firstBreak).toMatchObject({ kind: "hash-mismatch", seq: 3, id: evs[2]!.id });
      expect(v.firstBreak?.message).toContain("seq 3");
    });

    it("names a deleted event in the middle", async () => {
      const evs = await setup("T-DELETE", 5);
      await sql`delete from events where id = ${evs[1]!.id}`.execute(t.store.db);
      const v = await verifyOneChain(t.store, "T-DELETE");
      expect(v.firstBreak).toMatchObject({ kind: "gap", expectedSeq: 2, foundSeq: 3 });
    });

    it("names a deleted last event", async () => {
      const evs = await setup("T-TRUNC", 4);
      await sql`delete from events where id = ${evs[3]!.id}`.execute(t.store.db);
      const v = await verifyOneChain(t.store, "T-TRUNC");
      expect(v.firstBreak).toMatchObject({ kind: "head-mismatch", seq: 4 });
    });

    it("names reordered events", async () => {
      const evs = await setup("T-REORDER", 4);
      // Swap the seq numbers of events 2 and 3 (and so their order by seq).
      await sql`update events set seq = -1 where id = ${evs[1]!.id}`.execute(t.store.db);
      await sql`update events set seq = 2 where id = ${evs[2]!.id}`.execute(t.store.db);
      await sql`update events set seq = 3 where id = ${evs[1]!.id}`.execute(t.store.db);
      const v = await verifyOneChain(t.store, "T-REORDER");
      expect(v.ok).toBe(false);
      expect(v.firstBreak).toMatchObject({ kind: "gap", expectedSeq: 2, foundSeq: 3 });
    });
  });
});
