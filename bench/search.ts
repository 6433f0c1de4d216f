/**
 * Trace search over 1 million audit events (and the documents, deliveries, responses and risk
 * warnings they refer to), on SQLite and on PostgreSQL (127.0.0.1:5432, database test, a fresh
 * schema dropped afterwards). Times a fixed query mix through searchTrace, the code path of
 * GET /v1/trace/search, and prints p50/p95/max per query and each query's plan.
 *   npx tsx bench/search.ts [sqlite|postgres|both] [events]
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CompiledQuery,
  sql,
  type Kysely,
  type KyselyPlugin,
  type QueryId,
  type RootOperationNode,
} from "kysely";
import { KyselyTraceRepo } from "../src/infra/db/repos/trace.js";
import { KyselyStore } from "../src/infra/db/store.js";
import type { TraceQuery } from "../src/ports/store.js";
import { searchTrace } from "../src/trace/search.js";
import { dropSchema, freshSchemaName, PG_URL } from "../test/helpers/stores.js";

const which = process.argv[2] ?? "both";
const EVENTS = Number(process.argv[3] ?? 1_000_000);
const EVENTS_PER_DOC = 10;
const DOCS = Math.ceil(EVENTS / EVENTS_PER_DOC);
const DOCS_PER_UCR = 4;
const PARTIES = 1000;
const PARTNERS = ["customs-1", "inspection-1", "port-1", "bank-1", "insurer-1", "carrier-1", "customs-2"];
const KIND = ["customs", "inspection", "port", "bank", "insurer", "carrier", "customs"];
const TYPES = [
  "commercial-invoice",
  "packing-list",
  "certificate-of-origin",
  "export-declaration",
  "inspection-application",
  "insurance-certificate",
  "shipping-instruction",
  "bill-of-lading",
  "lc-presentation",
  "inspection-certificate",
];
const T0 = Date.parse("2025-01-01T00:00:00.000Z");
const SPAN = 365 * 86_400_000;
const BATCH = 500;
const RUNS = 40;

/** A fixed pseudo-random sequence, so both databases get the same data and the same queries. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pad = (i: number) => String(i).padStart(8, "0");
const docId = (i: number) => `doc-${pad(i)}`;
const at = (i: number) => new Date(T0 + Math.floor((i * SPAN) / DOCS)).toISOString();
const hash = (s: string) => createHash("sha256").update(s).digest("hex");

type Row = Record<string, unknown>;

async function seed(store: KyselyStore): Promise<{ seconds: number; counts: Record<string, number> }> {
  const started = Date.now();
  // Rows are written as the tables store them; the bench does not need the typed schema.
  const db = store.db as unknown as Kysely<Record<string, Row>>;
  const r = rng(42);
  const counts: Record<string, number> = { documents: 0, deliveries: 0, responses: 0, events: 0, risk: 0 };
  const buf: Record<string, Row[]> = {
    submissions: [],
    documents: [],
    deliveries: [],
    responses: [],
    events: [],
    riskWarnings: [],
  };
  const flush = async (force: boolean) => {
    for (const [table, rows] of Object.entries(buf)) {
      while (rows.length >= BATCH || (force && rows.length > 0)) {
        const chunk = rows.splice(0, BATCH);
        await db.insertInto(table).values(chunk).execute();
      }
    }
  };
  const seqOf = new Map<string, number>();
  let prevUcr = "";
  for (let i = 0; i < DOCS; i++) {
    const ucr = `UCR-B-${pad(Math.floor(i / DOCS_PER_UCR))}`;
    if (ucr !== prevUcr) {
      seqOf.delete(prevUcr);
      prevUcr = ucr;
    }
    const party = `party-${Math.floor(r() * PARTIES)}`;
    const created = at(i);
    const id = docId(i);
    const sub = `sub-${pad(i)}`;
    const events: Row[] = [];
    const event = (type: string, data: Row, subject: Row = { documentId: id }) => {
      const seq = (seqOf.get(ucr) ?? 0) + 1;
      seqOf.set(ucr, seq);
      const body = JSON.stringify({ ucr, seq, type, data, subject });
      events.push({
        chain: ucr,
        seq,
        type,
        at: created,
        actor: JSON.stringify({ partyId: party, role: "exporter" }),
        subject: JSON.stringify(subject),
        data: JSON.stringify(data),
        prevHash: hash(`${body}p`),
        hash: hash(body),
        documentId: subject["documentId"] ?? null,
        partyId: party,
      });
    };
    buf["submissions"]!.push({
      id: sub,
      partyId: party,
      credentialId: null,
      actingFor: null,
      idempotencyKey: null,
      requestDigest: `sha256:${hash(sub)}`,
      receivedAt: created,
      ucr,
      documentIds: JSON.stringify([id]),
      httpStatus: 202,
      response: "{}",
      receipt: "{}",
    });
    event("submission.accepted", { documents: 1 }, { submissionId: sub });
    buf["documents"]!.push({
      id,
      submissionId: sub,
      ucr,
      lineageId: id,
      type: TYPES[i % TYPES.length],
      number: `N-${pad(i)}`,
      version: 1,
      functionCode: "original",
      supersedes: null,
      issuerPartyId: party,
      originalFormat: "json",
      originalMediaType: "application/json",
      originalBytes: Buffer.from(`{"n":${i}}`),
      originalDigest: `sha256:${hash(`o${i}`)}`,
      canonical: `{"id":"${id}"}`,
      canonicalDigest: `sha256:${hash(`c${i}`)}`,
      seal: "x..y",
      status: "accepted",
      isCurrent: 1,
      findings: "[]",
      mapping: "{}",
      createdAt: created,
    });
    counts["documents"]!++;
    event("document.accepted", { type: TYPES[i % TYPES.length] });
    const partners = i % 2 === 0 ? [i % 7, (i + 3) % 7] : [i % 7];
    for (const p of partners) {
      const x = r();
      const state = x < 0.01 ? "dead" : x < 0.03 ? "retrying" : x < 0.05 ? "pending" : "delivered";
      const did = `dl-${pad(i)}-${p}`;
      buf["deliveries"]!.push({
        id: did,
        documentId: id,
        ucr,
        partnerId: PARTNERS[p],
        adapterId: KIND[p],
        routingKey: `${KIND[p]}.${PARTNERS[p]}.${TYPES[i % TYPES.length]}`,
        messageId: `m-${did}`,
        state,
        attempts: state === "delivered" ? 1 : 3,
        nextAttemptAt: null,
        lastError: state === "dead" ? "HTTP 503" : null,
        createdAt: created,
        updatedAt: created,
        deliveredAt: state === "delivered" ? created : null,
        dueAt: null,
        respondedAt: null,
        receipt: null,
        leaseOwner: null,
        leaseUntil: null,
      });
      counts["deliveries"]!++;
      event("delivery.planned", { partnerId: PARTNERS[p] }, { documentId: id, deliveryId: did });
      if (state === "delivered" && r() < 0.6) {
        const y = r();
        const status = `${KIND[p]}.${y < 0.1 ? "rejected" : y < 0.5 ? "accepted" : "released"}`;
        const rid = `r-${did}`;
        buf["responses"]!.push({
          id: rid,
          partnerId: PARTNERS[p],
          partnerMessageId: rid,
          deliveryId: did,
          documentId: id,
          ucr,
          receivedAt: created,
          status,
          event: JSON.stringify({ status }),
          originalBytes: Buffer.from(status),
          originalMediaType: "application/json",
          signed: 0,
        });
        counts["responses"]!++;
        event("response.received", { status, partnerId: PARTNERS[p] }, { documentId: id, responseId: rid });
      }
    }
    if (r() < 0.02) {
      buf["riskWarnings"]!.push({
        id: `rw-${pad(i)}`,
        ruleId: "RISK-VALUE",
        severity: "high",
        submissionId: sub,
        documentId: id,
        ucr,
        partyId: party,
        message: "declared value far below the invoice",
        pointer: null,
        data: "{}",
        status: "open",
        createdAt: created,
        decidedAt: null,
        decidedBy: null,
        decisionReason: null,
        creditEventId: null,
      });
      counts["risk"]!++;
    }
    while (events.length < EVENTS_PER_DOC) event("document.read", { part: "summary" });
    buf["events"]!.push(...events);
    counts["events"]! += events.length;
    if (i % 2000 === 1999) {
      await flush(false);
      if (i % 20000 === 19999)
        process.stdout.write(`  seeded ${i + 1} documents, ${counts["events"]} events\r`);
    }
  }
  await flush(true);
  await sql`ANALYZE`.execute(store.db);
  process.stdout.write("\n");
  return { seconds: (Date.now() - started) / 1000, counts };
}

/** Captures the SQL a repository call runs, to print its plan. */
class Capture implements KyselyPlugin {
  readonly queries: { node: RootOperationNode; queryId: QueryId }[] = [];
  transformQuery(args: { node: RootOperationNode; queryId: QueryId }): RootOperationNode {
    this.queries.push(args);
    return args.node;
  }
  transformResult<T>(args: { result: T }): Promise<T> {
    return Promise.resolve(args.result);
  }
}

async function plan(store: KyselyStore, q: TraceQuery): Promise<string> {
  const cap = new Capture();
  const db = store.db.withPlugin(cap);
  await new KyselyTraceRepo(db).search(q);
  const c = cap.queries[0]!;
  const compiled = db.getExecutor().compileQuery(c.node, c.queryId);
  const explain = store.dialect === "sqlite" ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
  const rows = await store.db.executeQuery<Row>(
    CompiledQuery.raw(explain + compiled.sql, [...compiled.parameters]),
  );
  return rows.rows
    .map((r) =>
      store.dialect === "sqlite" ? `    ${String(r["detail"])}` : `    ${String(r["QUERY PLAN"])}`,
    )
    .join("\n");
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function measure(store: KyselyStore): Promise<void> {
  const r = rng(7);
  const deep = await store.db
    .selectFrom("documents")
    .select(["createdAt", "id"])
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .offset(Math.floor(DOCS / 2))
    .limit(1)
    .executeTakeFirstOrThrow();
  const deepCursor = { createdAt: deep.createdAt, id: deep.id };
  const mix: { name: string; q: () => Omit<TraceQuery, "limit"> }[] = [
    { name: "by UCR", q: () => ({ ucr: `UCR-B-${pad(Math.floor(r() * (DOCS / DOCS_PER_UCR)))}` }) },
    {
      name: "by party + 30-day range",
      q: () => {
        const start = T0 + Math.floor(r() * (SPAN - 30 * 86_400_000));
        return {
          party: `party-${Math.floor(r() * PARTIES)}`,
          from: new Date(start).toISOString(),
          to: new Date(start + 30 * 86_400_000).toISOString(),
        };
      },
    },
    {
      name: "by status + partner",
      q: () => {
        const p = Math.floor(r() * 7);
        const statuses = ["dead", "retrying", `${KIND[p]}.rejected`, `${KIND[p]}.released`];
        return { partner: PARTNERS[p]!, status: statuses[Math.floor(r() * statuses.length)]! };
      },
    },
    { name: "by risk flag", q: () => ({ risk: true }) },
    {
      name: `deep page (after ${Math.floor(DOCS / 2).toLocaleString("en")} documents)`,
      q: () => ({ cursor: deepCursor }),
    },
  ];
  console.log(
    `  ${"query".padEnd(44)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}  hits`,
  );
  const plans: string[] = [];
  for (const m of mix) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < RUNS + 5; i++) {
      const q = m.q();
      const t = process.hrtime.bigint();
      const page = await searchTrace(store, { ...q, limit: 50 });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (i >= 5) {
        times.push(ms);
        hits += page.hits.length;
      }
    }
    console.log(
      `  ${m.name.padEnd(44)} ${pct(times, 50).toFixed(1).padStart(8)} ${pct(times, 95).toFixed(1).padStart(8)} ${Math.max(
        ...times,
      )
        .toFixed(1)
        .padStart(8)}  ${(hits / RUNS).toFixed(0)}/page`,
    );
    plans.push(`  ${m.name}:\n${await plan(store, { ...m.q(), limit: 51 })}`);
  }
  console.log("\n  plans (the main search query of each):");
  console.log(plans.join("\n"));
}

async function run(dialect: "sqlite" | "postgres"): Promise<void> {
  console.log(
    `\n== ${dialect}: ${EVENTS.toLocaleString("en")} events over ${DOCS.toLocaleString("en")} documents`,
  );
  const dir = mkdtempSync(join(tmpdir(), "swg-bench-search-"));
  const schema = freshSchemaName();
  const store = await KyselyStore.open(
    dialect === "sqlite"
      ? { dialect, file: join(dir, "search.db") }
      : { dialect, url: PG_URL, schema, poolSize: 4 },
    { groupCommitMax: 1 },
  );
  try {
    await store.migrate();
    const s = await seed(store);
    console.log(
      `  seeded in ${s.seconds.toFixed(0)} s: ${Object.entries(s.counts)
        .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
        .join(", ")}`,
    );
    await measure(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    if (dialect === "postgres") await dropSchema(schema);
  }
}

if (which === "sqlite" || which === "both") await run("sqlite");
if (which === "postgres" || which === "both") await run("postgres");
