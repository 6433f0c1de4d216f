/**
 * Stage benchmarks, in process, each beside a baseline measured in the same run on the same input:
 *
 *   UBL parse            parseXml (scan.ts)                     raw fast-xml-parser parse
 *   normalize (UBL)      sniff + UBL reader → canonical draft   raw fast-xml-parser parse
 *   normalize (JSON)     sniff + JSON reader                    JSON.parse
 *   ajv validate         validate() without rules               raw ajv (same schemas, same document)
 *   rules                the rule catalogue                     raw ajv (what a schema check costs)
 *   seal                 JAdES seal (jcs + ES256)               canonicalize + node:crypto sign, same key
 *   store (SQLite|PG)    persist(): the recorded writes of a    raw INSERTs of the same rows, 50 per
 *                        real submission, group-committed       transaction (1 per transaction beside it)
 *   publish-confirm      AmqpBus.publish, batches of 64         raw amqplib, confirms pipelined (awaited
 *                                                               one by one beside it)
 *   render               customs-wco adapter → WCO XML          xmlbuilder2 writing the same object
 *   outbound sign        XML-DSig (canonical fast path)         node:crypto sign of the same bytes, same key
 *   webhook HMAC         the transport's signature header       raw createHmac of the same bytes
 *
 * The documents are the e2e ones (bench/lib/documents.ts): a 20 KB UBL invoice and the README's
 * export declaration, put through the real pipeline of an in-process gateway (SQLite, no HTTP).
 *   npx tsx bench/stages.ts [--quick]
 */
import { createHash, createHmac, createPrivateKey, randomUUID, sign, type KeyObject } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { connect as amqpConnect } from "amqplib";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import Database from "better-sqlite3";
import { XMLParser } from "fast-xml-parser";
import pg from "pg";
import { pino } from "pino";
import { create as xmlCreate } from "xmlbuilder2";
import { loadConfig } from "../src/config/load.js";
import { partnerView, renderInputFor } from "../src/delivery/host.js";
import { toBusMessage } from "../src/delivery/messages.js";
import { webhookSignature } from "../src/delivery/transports/signed-post.js";
import { parseXml } from "../src/formats/xml/parse.js";
import { AmqpBus } from "../src/infra/amqp/bus.js";
import { KyselyStore } from "../src/infra/db/store.js";
import { startGateway, type Gateway } from "../src/main.js";
import { seedDemo } from "../src/parties/demo.js";
import { enrich } from "../src/pipeline/enrich.js";
import { normalize } from "../src/pipeline/ingest/normalize.js";
import { sniff } from "../src/pipeline/ingest/sniff.js";
import { split } from "../src/pipeline/ingest/split.js";
import { submit, type PipelineDeps } from "../src/pipeline/pipeline.js";
import { resolve } from "../src/pipeline/resolve.js";
import { seal } from "../src/pipeline/seal/seal.js";
import type { PreparedDoc, SubmissionInput, Submitter } from "../src/pipeline/types.js";
import { validate, type RuleRunner } from "../src/pipeline/validate/index.js";
import { ANNOTATION_KEYWORDS } from "../src/pipeline/validate/schemas.js";
import { readCerts } from "../src/pki/cert.js";
import { exclusiveCanonical } from "../src/pki/xmldsig/canonical.js";
import { signCanonicalXml } from "../src/pki/xmldsig/fast-sign.js";
import type { DeliveryRecord } from "../src/ports/records.js";
import type { Store, Tx } from "../src/ports/store.js";
import { jcs } from "../src/util/jcs.js";
import { jsonDeclaration, ublInvoice, ucrFor } from "./lib/documents.js";
import { concurrent, pair, rounds, type Paired, type RoundOptions } from "./lib/measure.js";
import { AMQP_URL, PG_URL, ROOT } from "./lib/paths.js";
import { Progress } from "./lib/progress.js";

export interface StageResult {
  readonly docs_per_s: number;
  readonly us_per_doc: number;
  readonly baseline: string;
  readonly baseline_per_s: number;
  readonly ratio: number;
  /** What was measured, in words. */
  readonly subject: string;
  readonly extra?: Record<string, number | string>;
}

export interface StageOptions {
  readonly quick: boolean;
  readonly progress?: Progress;
}

/** How many steps benchStages() reports to the progress line. */
export const STAGE_STEPS = 12;

const CERTS = join(ROOT, "certs-sample");

function result(subject: string, baseline: string, p: Paired, extra?: StageResult["extra"]): StageResult {
  return {
    subject,
    docs_per_s: Math.round(p.subject),
    us_per_doc: Math.round((1e6 / p.subject) * 10) / 10,
    baseline,
    baseline_per_s: Math.round(p.baseline),
    ratio: Math.round(p.ratio * 1000) / 1000,
    ...(extra ? { extra } : {}),
  };
}

/** A call made on a transaction's repository, recorded to be replayed with fresh ids. */
interface Call {
  readonly repo: string;
  readonly method: string;
  readonly args: readonly unknown[];
}

type Fn = (...args: unknown[]) => unknown;

/** A Tx whose repository calls are recorded (and made). */
function recordingTx(tx: Tx, calls: Call[]): Tx {
  return new Proxy(tx, {
    get(target, repo: string) {
      const r = Reflect.get(target, repo) as unknown;
      if (typeof r !== "object" || r === null) return r;
      return new Proxy(r, {
        get(rt, method: string) {
          const f = Reflect.get(rt, method) as unknown;
          if (typeof f !== "function") return f;
          return (...args: unknown[]) => {
            calls.push({ repo, method, args });
            return (f as Fn).apply(rt, args);
          };
        },
      });
    },
  });
}

/** The store, with the writes of its last unit recorded. */
function recordingStore(store: Store, calls: Call[]): Store {
  return new Proxy(store, {
    get(target, prop: string) {
      if (prop === "unit")
        return <T>(fn: (tx: Tx) => Promise<T>) =>
          target.unit((tx) => {
            calls.length = 0;
            return fn(recordingTx(tx, calls));
          });
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === "function" ? (v as Fn).bind(target) : v;
    },
  });
}

const IDENTITY_KEYS = new Set([
  "id",
  "submissionId",
  "documentId",
  "deliveryId",
  "messageId",
  "lineageId",
  "ucr",
  "chain",
]);

/** Every string under an identity key, anywhere in the recorded calls. */
function identities(calls: readonly Call[]): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, key: string) => {
    if (typeof v === "string") {
      if (IDENTITY_KEYS.has(key)) out.add(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === "object" && !Buffer.isBuffer(v) && !(v instanceof Date))
      for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  for (const c of calls) c.args.forEach((a) => walk(a, ""));
  return out;
}

/** A deep copy with every identity string replaced by its fresh value (Buffers and Dates shared). */
function rewrite(v: unknown, map: ReadonlyMap<string, string>): unknown {
  if (typeof v === "string") return map.get(v) ?? v;
  if (Array.isArray(v)) return v.map((x) => rewrite(x, map));
  if (v && typeof v === "object" && !Buffer.isBuffer(v) && !(v instanceof Date)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = rewrite(x, map);
    return o;
  }
  return v;
}

function freshMap(ids: ReadonlySet<string>, i: number): Map<string, string> {
  const m = new Map<string, string>();
  for (const id of ids) m.set(id, /^[0-9a-f-]{36}$/.test(id) ? randomUUID() : `${id}-${i.toString(36)}`);
  return m;
}

async function replay(store: Store, calls: readonly Call[]): Promise<void> {
  await store.unit(async (tx) => {
    for (const c of calls) {
      const repo = Reflect.get(tx, c.repo) as Record<string, Fn>;
      await repo[c.method]!.apply(repo, [...c.args]);
    }
  });
}

type Row = Record<string, unknown>;

/** The rows a replay inserted, per table (SQLite: rowid above the mark; PostgreSQL: rows not there before). */
interface Rows {
  readonly table: string;
  readonly rows: Row[];
}

function sqliteTables(db: Database.Database): string[] {
  return (
    db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
}

async function sqliteRowsOf(file: string, store: Store, calls: readonly Call[]): Promise<Rows[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = sqliteTables(db);
    const mark = new Map(
      tables.map((t) => [
        t,
        (db.prepare(`select max(rowid) as m from "${t}"`).get() as { m: number | null }).m ?? 0,
      ]),
    );
    await replay(store, calls);
    const out: Rows[] = [];
    for (const t of tables) {
      const auto = (
        db.prepare(`pragma table_info("${t}")`).all() as { name: string; type: string; pk: number }[]
      )
        .filter((c) => c.pk === 1 && c.type.toUpperCase() === "INTEGER")
        .map((c) => c.name);
      const rows = (db.prepare(`select * from "${t}" where rowid > ?`).all(mark.get(t)) as Row[]).map((r) => {
        for (const a of auto) delete r[a];
        return r;
      });
      if (rows.length > 0) out.push({ table: t, rows });
    }
    return out;
  } finally {
    db.close();
  }
}

async function pgRowsOf(schema: string, store: Store, calls: readonly Call[]): Promise<Rows[]> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const tables = (
      await c.query<{ t: string }>(
        "select table_name as t from information_schema.tables where table_schema = $1 and table_name not like 'kysely_%'",
        [schema],
      )
    ).rows.map((r) => r.t);
    const snap = async (t: string) =>
      new Set(
        (await c.query<{ j: string }>(`select row_to_json(x)::text as j from "${schema}"."${t}" x`)).rows.map(
          (r) => r.j,
        ),
      );
    const before = new Map<string, Set<string>>();
    for (const t of tables) before.set(t, await snap(t));
    await replay(store, calls);
    const out: Rows[] = [];
    for (const t of tables) {
      const cols = (
        await c.query<{ c: string; udt: string; def: string | null; ident: string }>(
          "select column_name as c, udt_name as udt, column_default as def, is_identity as ident from information_schema.columns where table_schema = $1 and table_name = $2",
          [schema, t],
        )
      ).rows;
      const auto = cols
        .filter((x) => x.ident === "YES" || (x.def ?? "").startsWith("nextval"))
        .map((x) => x.c);
      const json = new Set(cols.filter((x) => x.udt === "json" || x.udt === "jsonb").map((x) => x.c));
      const rows = [...(await snap(t))]
        .filter((j) => !before.get(t)!.has(j))
        .map((j) => {
          const r = JSON.parse(j) as Row;
          for (const a of auto) delete r[a];
          for (const k of Object.keys(r)) if (json.has(k) && r[k] !== null) r[k] = JSON.stringify(r[k]);
          return r;
        });
      if (rows.length > 0) out.push({ table: t, rows });
    }
    return out;
  } finally {
    await c.end();
  }
}

/** Rewrites the identity columns of captured rows for copy i (the values the recorded calls used). */
function rowsFor(rows: readonly Rows[], ids: ReadonlySet<string>, i: number): Rows[] {
  const map = freshMap(ids, i);
  return rows.map((r) => ({
    table: r.table,
    rows: r.rows.map((row) => {
      const o: Row = {};
      for (const [k, v] of Object.entries(row)) o[k] = typeof v === "string" ? (map.get(v) ?? v) : v;
      return o;
    }),
  }));
}

interface Prepared {
  readonly deps: PipelineDeps;
  readonly submitter: Submitter;
  readonly ubl: Buffer;
  readonly json: Buffer;
  readonly invoice: PreparedDoc;
  readonly declaration: PreparedDoc;
  readonly key: KeyObject;
}

async function prepare(gw: Gateway): Promise<Prepared> {
  const deps = gw.ctx.pipeline;
  const cred = (await gw.store.read.credentials.listForParty("demo-exporter"))[0];
  const submitter: Submitter = {
    partyId: "demo-exporter",
    role: "exporter",
    credentialId: cred?.id ?? null,
    onBehalfOf: null,
  };
  const u = ucrFor();
  const ubl = Buffer.from(ublInvoice().make(u.ucr, u.seq).body);
  const d = ucrFor();
  const json = Buffer.from(jsonDeclaration().make(d.ucr, d.seq).body);
  const now = new Date();
  const prep = async (body: Buffer, ct: string, ucr: string) => {
    const s = sniff(body, ct);
    const parts = split(body, ct, s.kind === "json" ? s.value : undefined);
    const docs = normalize(parts.parts, new Map([[0, s]]));
    const res = await resolve(deps.store, docs, { ucr: parts.ucr ?? ucr, submitter, now });
    return enrich(res.docs, res, now)[0]!;
  };
  return {
    deps,
    submitter,
    ubl,
    json,
    invoice: await prep(ubl, "application/xml", u.ucr),
    declaration: await prep(json, "application/json", d.ucr),
    key: createPrivateKey(readFileSync(join(CERTS, "gateway-seal.key.pem"))),
  };
}

/** Runs the pipeline once for `body` through a recording store: the writes of one real submission. */
async function recordSubmission(
  deps: PipelineDeps,
  submitter: Submitter,
  body: Buffer,
  ct: string,
): Promise<Call[]> {
  const calls: Call[] = [];
  const out = await submit({ ...deps, store: recordingStore(deps.store, calls) }, {
    submissionId: randomUUID(),
    body,
    contentType: ct,
    idempotencyKey: null,
    submitter,
    receivedAt: new Date(),
    ucr: null,
    signature: null,
  } satisfies SubmissionInput);
  if (out.status !== 202) throw new Error(`bench submission refused: ${JSON.stringify(out.body)}`);
  return [...calls];
}

async function reachable(what: "pg" | "amqp"): Promise<boolean> {
  try {
    if (what === "pg") {
      const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
      await c.connect();
      await c.end();
    } else {
      const c = await amqpConnect(AMQP_URL, { timeout: 2000 });
      await c.close();
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The store stage on one database: the recorded unit replayed with fresh ids by 64 concurrent
 * writers (group commit, as under HTTP load) vs raw INSERTs of the rows it wrote.
 */
async function storeStage(
  name: "SQLite" | "PostgreSQL",
  calls: readonly Call[],
  o: { quick: boolean; progress?: Progress },
): Promise<StageResult> {
  const dir = mkdtempSync(join(tmpdir(), "swg-bench-store-"));
  const schema = `bench_store_${process.pid}_${Date.now().toString(36)}`;
  const file = join(dir, "store.db");
  const store = await KyselyStore.open(
    name === "SQLite"
      ? { dialect: "sqlite", file }
      : { dialect: "postgres", url: PG_URL, schema, poolSize: 8 },
    { groupCommitMax: 128 },
  );
  let pgc: pg.Client[] = [];
  let raw: Database.Database | undefined;
  try {
    await store.migrate();
    // The party the submission belongs to (a foreign key of submissions), as the demo seeds it.
    await seedDemo(store, dir, new Date());
    const ids = identities(calls);
    const fresh = (i: number) =>
      calls.map((c) => ({ ...c, args: rewrite(c.args, freshMap(ids, i)) as unknown[] }));
    const firstMap = freshMap(ids, 0);
    const first = calls.map((c) => ({ ...c, args: rewrite(c.args, firstMap) as unknown[] }));
    const rows =
      name === "SQLite" ? await sqliteRowsOf(file, store, first) : await pgRowsOf(schema, store, first);
    // The captured rows hold the first copy's ids: those are what each raw copy replaces.
    const rowIds = new Set(firstMap.values());
    const rowCount = rows.reduce((n, r) => n + r.rows.length, 0);
    const ms = o.quick ? 400 : 2500;
    const n = o.quick ? 3 : 5;
    let variant = 1;
    const pool = (k: number) => Array.from({ length: k }, () => fresh(variant++));

    // The gateway: 64 concurrent units through group commit; fresh ids for every round, made
    // before its clock starts.
    const docsPerRound = o.quick ? 5000 : 30000;
    const gateway = () => {
      const variants = pool(docsPerRound);
      let vi = 0;
      return concurrent(() => replay(store, variants[vi++]!), 64, ms);
    };

    // Raw: the same rows, prepared INSERTs, 1 or 50 documents per transaction.
    let insertRaw: (batch: readonly Rows[][], worker: number) => Promise<void>;
    if (name === "SQLite") {
      raw = new Database(file);
      raw.pragma("journal_mode = WAL");
      raw.pragma("synchronous = FULL");
      raw.pragma("busy_timeout = 5000");
      const db = raw;
      const stmts = new Map<string, Database.Statement>();
      const stmt = (t: string, cols: string[]) => {
        const k = `${t}|${cols.join(",")}`;
        let s = stmts.get(k);
        if (!s) {
          s = db.prepare(
            `insert into "${t}" (${cols.map((c) => `"${c}"`).join(",")}) values (${cols.map(() => "?").join(",")}) on conflict do nothing`,
          );
          stmts.set(k, s);
        }
        return s;
      };
      const tx = db.transaction((batch: readonly Rows[][]) => {
        for (const doc of batch)
          for (const r of doc)
            for (const row of r.rows) {
              const cols = Object.keys(row);
              stmt(r.table, cols).run(...cols.map((c) => row[c]));
            }
      });
      insertRaw = (batch) => Promise.resolve(tx(batch));
    } else {
      pgc = await Promise.all(
        Array.from({ length: 4 }, async () => {
          const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path="${schema}"` });
          await c.connect();
          return c;
        }),
      );
      // One client per writer: a client runs one transaction at a time.
      insertRaw = async (batch, worker) => {
        const c = pgc[worker % pgc.length]!;
        await c.query("begin");
        for (const doc of batch)
          for (const r of doc)
            for (const row of r.rows) {
              const cols = Object.keys(row);
              await c.query({
                name: `raw_${createHash("sha1")
                  .update(`${r.table}|${cols.join(",")}`)
                  .digest("hex")
                  .slice(0, 16)}`,
                text: `insert into "${r.table}" (${cols.map((x) => `"${x}"`).join(",")}) values (${cols.map((_, i) => `$${i + 1}`).join(",")}) on conflict do nothing`,
                values: cols.map((x) => row[x]),
              });
            }
        await c.query("commit");
      };
    }
    let rawSeq = 1_000_000;
    const rawRows = (k: number) => Array.from({ length: k }, () => rowsFor(rows, rowIds, rawSeq++));
    // SQLite's driver is synchronous: one writer is all it can use; PostgreSQL gets 4 clients.
    const writers = name === "SQLite" ? 1 : 4;
    const rawRate = (perTx: number) => {
      // Enough distinct documents for the round (ids must not repeat), built before the clock runs.
      const batches = Array.from({ length: Math.ceil(docsPerRound / perTx) }, () => rawRows(perTx));
      let bi = 0;
      return concurrent((_, w) => insertRaw(batches[bi++ % batches.length]!, w), writers, ms, perTx);
    };
    o.progress?.update(`${name}: ${rowCount} rows per submission; gateway vs raw 50/txn`);
    const p50 = await rounds(() => rawRate(50), gateway, n);
    o.progress?.update(`${name}: raw 1/txn`);
    const one = await rounds(
      () => rawRate(1),
      () => rawRate(1),
      1,
    );
    return result(
      `persist(): the ${calls.length} writes of one declaration's submission (${rowCount} rows), 64 concurrent, group commit`,
      `raw INSERTs of the same ${rowCount} rows, 50 documents per transaction (${writers} connection${writers > 1 ? "s" : ""})`,
      p50,
      {
        raw_1_per_txn_per_s: Math.round(one.baseline),
        ratio_to_raw_1_per_txn: Math.round((p50.subject / one.baseline) * 1000) / 1000,
        rows_per_doc: rowCount,
        tables: rows.map((t) => `${t.table}×${t.rows.length}`).join(" "),
      },
    );
  } finally {
    raw?.close();
    await Promise.all(pgc.map((c) => c.end()));
    await store.close();
    if (name === "PostgreSQL") {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Publish with confirms: the gateway's bus vs raw amqplib on the same exchange, same bytes. */
async function publishStage(msgBody: DeliveryRecord, o: { quick: boolean }): Promise<StageResult> {
  const prefix = `swgb-pub-${process.pid}-${Date.now().toString(36)}`;
  const bus = new AmqpBus({
    url: AMQP_URL,
    prefix,
    retryDelaysMs: [1000],
    log: pino({ level: "silent" }),
    instanceId: "bench",
  });
  await bus.start();
  const conn = await amqpConnect(AMQP_URL, { noDelay: true } as Parameters<typeof amqpConnect>[1]);
  const ch = await conn.createConfirmChannel();
  const queue = `${prefix}.sink`;
  try {
    await ch.assertQueue(queue, { durable: true, arguments: { "x-queue-type": "quorum" } });
    await ch.bindQueue(queue, bus.topology.exchange, "#");
    const message = toBusMessage(msgBody);
    const batch = Array.from({ length: 64 }, () => message);
    const ms = o.quick ? 300 : 2000;
    const n = o.quick ? 3 : 5;
    const rawPublish = (m = message) =>
      new Promise<void>((res, rej) =>
        ch.publish(
          bus.topology.exchange,
          m.routingKey,
          m.body,
          { persistent: true, mandatory: true, messageId: m.messageId, headers: { ...m.headers } },
          (err) => (err ? rej(err instanceof Error ? err : new Error(String(err))) : res()),
        ),
      );
    const pipelined = () =>
      concurrent(async () => void (await Promise.all(batch.map((m) => rawPublish(m)))), 1, ms, 64);
    const gateway = () => concurrent(() => bus.publish(batch), 1, ms, 64);
    const p = await rounds(pipelined, gateway, n);
    const awaited = await concurrent(() => rawPublish(), 1, ms);
    return result(
      "AmqpBus.publish of delivery messages in batches of 64 (the relay's batch under load), persistent, mandatory, confirmed",
      "raw amqplib confirm channel, same bytes, 64 in flight, every confirm awaited per batch",
      p,
      {
        raw_each_confirm_awaited_per_s: Math.round(awaited),
        ratio_to_awaited: Math.round((p.subject / awaited) * 1000) / 1000,
        message_bytes: message.body.length,
      },
    );
  } finally {
    await ch.deleteQueue(queue).catch(() => undefined);
    await ch.deleteExchange(bus.topology.exchange).catch(() => undefined);
    await conn.close().catch(() => undefined);
    await bus.close();
    const { deleteTopology } = await import("./lib/gateway.js");
    await deleteTopology(prefix).catch(() => undefined);
  }
}

export async function benchStages(o: StageOptions): Promise<Record<string, StageResult>> {
  const progress = o.progress;
  const r: RoundOptions = o.quick
    ? { roundMs: 150, rounds: 3, warmup: 30 }
    : { roundMs: 500, rounds: 5, warmup: 200 };
  const out: Record<string, StageResult> = {};
  const dir = mkdtempSync(join(tmpdir(), "swg-bench-stages-"));
  const partners = JSON.parse(readFileSync(join(ROOT, "config/partners.json"), "utf8")) as {
    partners: { transport: unknown }[];
  };
  for (const p of partners.partners)
    p.transport = { type: "webhook", url: "http://127.0.0.1:9/none", secretEnv: "SWG_BENCH_SECRET" };
  writeFileSync(join(dir, "partners.json"), JSON.stringify(partners));
  const config = loadConfig({
    SWG_MODE: "embedded",
    SWG_ROLE: "api",
    SWG_DATA_DIR: dir,
    SWG_PARTNERS_FILE: join(dir, "partners.json"),
    SWG_ROUTING_FILE: join(ROOT, "config/routing.json"),
    SWG_LOG_LEVEL: "silent",
  });
  const gw = await startGateway(config, { listen: false, demo: true, log: pino({ level: "silent" }) });
  try {
    const p = await prepare(gw);
    const now = new Date();
    const fxp = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "@_",
      removeNSPrefix: true,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      processEntities: true,
      htmlEntities: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      commentPropName: false,
    });
    const fxpParse = () => fxp.parse(p.ubl.toString("utf8")) as unknown;

    progress?.begin("stage: UBL parse");
    out["UBL parse"] = result(
      `parseXml (decode, guard, one-pass tree) of a ${p.ubl.length} B UBL invoice`,
      "raw fast-xml-parser 5.12.1 parse of the same bytes (the options the gateway used)",
      await pair(fxpParse, () => parseXml(p.ubl), r),
    );

    progress?.begin("stage: normalize");
    const normUbl = () =>
      normalize(
        [{ index: 0, bytes: p.ubl, mediaType: "application/xml" }],
        new Map([[0, sniff(p.ubl, "application/xml")]]),
      );
    out["normalize (UBL invoice)"] = result(
      "sniff + UBL invoice reader → canonical commercial-invoice draft (parse included)",
      "raw fast-xml-parser parse of the same bytes",
      await pair(fxpParse, normUbl, r),
    );
    const normJson = () =>
      normalize(
        [{ index: 0, bytes: p.json, mediaType: "application/json" }],
        new Map([[0, sniff(p.json, "application/json")]]),
      );
    out["normalize (JSON declaration)"] = result(
      `sniff + JSON reader of a ${p.json.length} B canonical export declaration`,
      "JSON.parse of the same bytes",
      await pair(() => JSON.parse(p.json.toString("utf8")) as unknown, normJson, r),
    );

    progress?.begin("stage: ajv validate");
    const rawAjv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    addFormats.default(rawAjv);
    rawAjv.addVocabulary([...ANNOTATION_KEYWORDS]);
    const schemaDir = (d: string) =>
      readdirSync(join(ROOT, "schemas", d, "v1"))
        .filter((f) => f.endsWith(".schema.json"))
        .sort()
        .map(
          (f) =>
            JSON.parse(readFileSync(join(ROOT, "schemas", d, "v1", f), "utf8")) as Record<string, unknown>,
        );
    for (const s of schemaDir("common")) rawAjv.addSchema(s);
    for (const s of schemaDir("canonical")) rawAjv.addSchema(s);
    const rawValidator = rawAjv.getSchema(
      `https://swg.invalid/schemas/canonical/v1/commercial-invoice.schema.json`,
    );
    const invoiceDoc = p.invoice.canonical;
    const noRules: RuleRunner = () => [];
    if (!rawValidator) throw new Error("raw ajv: no commercial-invoice schema");
    if (!rawValidator(invoiceDoc))
      throw new Error(`raw ajv: the bench invoice is invalid: ${JSON.stringify(rawValidator.errors)}`);
    out["ajv validate"] = result(
      "validate() with the rules left out: schema (ajv), mapping findings, XPaths (commercial invoice, 16 lines)",
      "raw ajv 8 validate function, same schemas, same document",
      await pair(
        () => rawValidator(invoiceDoc),
        () => validate([p.invoice], [], p.deps.schemas, noRules, now),
        r,
      ),
    );

    progress?.begin("stage: rules");
    out["rules"] = result(
      "the rule catalogue (arithmetic, code lists, identifiers, dates) on the invoice",
      "raw ajv validation of the same document (rules cost this many schema checks)",
      await pair(
        () => rawValidator(invoiceDoc),
        () => p.deps.rules([invoiceDoc], [], now),
        r,
      ),
    );

    progress?.begin("stage: seal");
    out["seal"] = result(
      "seal(): RFC 8785 bytes, digest, JAdES-B-B ES256 (x5c chain) of the invoice",
      "canonicalize + node:crypto sign (ES256, ieee-p1363), same key, same document",
      await pair(
        () => sign("sha256", Buffer.from(jcs(invoiceDoc)), { key: p.key, dsaEncoding: "ieee-p1363" }),
        () => seal([p.invoice], p.deps.sealer, now),
        r,
      ),
    );

    progress?.begin("stage: store (SQLite)");
    const calls = await recordSubmission(p.deps, p.submitter, p.json, "application/json");
    out["store (SQLite)"] = await storeStage("SQLite", calls, {
      quick: o.quick,
      ...(progress ? { progress } : {}),
    });

    progress?.begin("stage: store (PostgreSQL)");
    if (await reachable("pg"))
      out["store (PostgreSQL)"] = await storeStage("PostgreSQL", calls, {
        quick: o.quick,
        ...(progress ? { progress } : {}),
      });
    else progress?.note("PostgreSQL not reachable: store (PostgreSQL) skipped");

    const delivered = calls.find((c) => c.repo === "deliveries" && c.method === "insert")
      ?.args[0] as DeliveryRecord;
    progress?.begin("stage: publish-confirm");
    if (await reachable("amqp")) out["publish-confirm"] = await publishStage(delivered, o);
    else progress?.note("RabbitMQ not reachable: publish-confirm skipped");

    progress?.begin("stage: render");
    const declarationDoc = p.declaration.canonical;
    const adapter = p.deps.routes.partners.get("customs-demo");
    const wco = gw.ctx.adapters.get("customs-wco");
    if (!adapter || !wco) throw new Error("customs-demo / customs-wco missing");
    const input = renderInputFor(wco, partnerView(adapter), declarationDoc, {
      delivery: { id: delivered.id, messageId: delivered.messageId, attempt: 1 },
      gateway: { id: "swg", name: "Single Window gateway" },
      consignment: [],
      statuses: [],
    });
    const rendered = wco.render(input);
    out["render"] = result(
      `customs-wco adapter: need-to-know projection + WCO Data Model declaration XML (${rendered.body.length} B)`,
      "xmlbuilder2 writing the same canonical object as XML (no mapping)",
      await pair(
        () =>
          xmlCreate({ version: "1.0" })
            .ele({ Declaration: input.document as Record<string, unknown> })
            .end(),
        () =>
          wco.render(
            renderInputFor(wco, partnerView(adapter), declarationDoc, {
              delivery: { id: delivered.id, messageId: delivered.messageId, attempt: 1 },
              gateway: { id: "swg", name: "Single Window gateway" },
              consignment: [],
              statuses: [],
            }),
          ),
        r,
      ),
    );

    progress?.begin("stage: outbound sign");
    const xml = rendered.body.toString("utf8");
    const signer = {
      algorithm: "ECDSA-SHA256" as const,
      key: p.key,
      chain: readCerts(join(CERTS, "gateway-seal.chain.pem")),
    };
    out["outbound sign"] = result(
      "XML-DSig enveloped, exclusive c14n + canonical fast path, ES256, of the rendered declaration (what the host adds for a partner with outboundSignature: xmldsig)",
      "node:crypto sign of the same bytes, same key",
      await pair(
        () => sign("sha256", rendered.body, { key: p.key, dsaEncoding: "ieee-p1363" }),
        () => signCanonicalXml(exclusiveCanonical(xml), signer),
        r,
      ),
    );
    out["webhook HMAC"] = result(
      "the webhook transport's X-SWG-Signature (HMAC-SHA256 over t.body): the signing the e2e path does today",
      "raw createHmac over the same bytes",
      await pair(
        () => createHmac("sha256", "bench-webhook-secret").update(rendered.body).digest("hex"),
        () => webhookSignature("bench-webhook-secret", rendered.body, Math.floor(Date.now() / 1000)),
        r,
      ),
    );
    return out;
  } finally {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes("--quick");
  const progress = new Progress(STAGE_STEPS);
  const out = await benchStages({ quick, progress });
  progress.end();
  console.log(JSON.stringify(out, null, 2));
}
