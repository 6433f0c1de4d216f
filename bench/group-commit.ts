/**
 * Group commit vs one transaction per document, on SQLite (WAL, synchronous=FULL in both runs).
 * 64 concurrent writers each write what a submission writes: submission, document (16 KB
 * original), delivery and three audit events. Prints docs/s for both and their ratio.
 *   npx tsx bench/group-commit.ts [seconds]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KyselyStore } from "../src/infra/db/store.js";
import type { Tx } from "../src/ports/store.js";
import { delivery, document, event, party, submission } from "../test/helpers/records.js";

const SECONDS = Number(process.argv[2] ?? 5);
const WRITERS = 64;
const ORIGINAL = Buffer.alloc(16 * 1024, 0x41);

async function writeOne(tx: Tx, partyId: string, i: number): Promise<void> {
  const ucr = `UCR-BENCH-${i}`;
  const s = submission(partyId, { ucr });
  const d = document(s.id, partyId, { ucr, originalBytes: ORIGINAL, canonical: ORIGINAL.toString("latin1") });
  await tx.submissions.insert({ ...s, documentIds: [d.id] });
  await tx.documents.insert(d);
  await tx.deliveries.insert(delivery(d.id, { ucr }));
  await tx.audit.append(event(ucr, "submission.accepted"));
  await tx.audit.append(event(ucr, "document.accepted"));
  await tx.audit.append(event(ucr, "delivery.planned"));
}

async function run(grouped: boolean): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "swg-bench-gc-"));
  const store = await KyselyStore.open(
    { dialect: "sqlite", file: join(dir, "b.db") },
    { groupCommitMax: 128 },
  );
  await store.migrate();
  const p = party();
  await store.transaction((tx) => tx.parties.insert(p));
  let done = 0;
  let seq = 0;
  const until = Date.now() + SECONDS * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (Date.now() < until) {
        const i = seq++;
        const fn = (tx: Tx) => writeOne(tx, p.id, i);
        await (grouped ? store.unit(fn) : store.transaction(fn));
        done++;
      }
    }),
  );
  const rate = done / ((Date.now() - started) / 1000);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return rate;
}

const perDoc = await run(false);
const grouped = await run(true);
console.log(`SQLite WAL synchronous=FULL, ${WRITERS} concurrent writers, ${SECONDS} s each:`);
console.log(`  one transaction per document: ${perDoc.toFixed(0)} docs/s`);
console.log(
  `  group commit:                 ${grouped.toFixed(0)} docs/s  (×${(grouped / perDoc).toFixed(2)})`,
);
