/**
 * A webhook partner in its own process, for the bench and the fault runs: it answers 200 to every
 * delivery, counts message ids (a partner deduplicates on them) and measures submit → delivered
 * from the UCR header when the UCR carries the submit time (`B<epoch ms>-...`, see documents.ts).
 *
 *   node --import tsx bench/lib/partner.ts [--port N] [--log file]
 *
 * With --log, every delivery is appended to the file (one JSON line) before the 200 is sent, so the
 * record survives the stub being stopped. It prints "listening <port>" when ready, and serves:
 *   GET /stats?from=N   counts, and the submit → delivered latencies of unique deliveries from the
 *                       N-th raw arrival on (N from an earlier /stats: a warm-up is left out)
 *   GET /records        every arrival: [messageId, deliveryId, at]
 */
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(arg("--port") ?? 0);
const logFile = arg("--log");

interface Arrival {
  readonly messageId: string;
  readonly deliveryId: string;
  readonly at: number;
  /** ms from the submit time in the UCR; -1 for a duplicate or a UCR without a time. */
  readonly latency: number;
}

const arrivals: Arrival[] = [];
const seen = new Set<string>();
const UCR_TIME = /^B(\d{13})-/;

const server = createServer((req, res) => {
  if (req.method === "GET") {
    const url = new URL(req.url ?? "/", "http://stub");
    res.writeHead(200, { "content-type": "application/json" });
    if (url.pathname === "/records") {
      res.end(JSON.stringify(arrivals.map((a) => [a.messageId, a.deliveryId, a.at])));
      return;
    }
    const from = Number(url.searchParams.get("from") ?? 0);
    const slice = arrivals.slice(from);
    res.end(
      JSON.stringify({
        raw: arrivals.length,
        unique: seen.size,
        rawSince: slice.length,
        latencies: slice.filter((a) => a.latency >= 0).map((a) => a.latency),
        lastAt: arrivals.at(-1)?.at ?? 0,
      }),
    );
    return;
  }
  let size = 0;
  req.on("data", (c: Buffer) => (size += c.length));
  req.on("end", () => {
    const at = Date.now();
    const messageId = String(req.headers["x-swg-message-id"] ?? "");
    const deliveryId = String(req.headers["x-swg-delivery-id"] ?? "");
    const fresh = !seen.has(messageId);
    seen.add(messageId);
    const t = UCR_TIME.exec(String(req.headers["x-swg-ucr"] ?? ""));
    const latency = fresh && t ? at - Number(t[1]) : -1;
    arrivals.push({ messageId, deliveryId, at, latency });
    if (logFile)
      appendFileSync(
        logFile,
        JSON.stringify({ at, messageId, deliveryId, attempt: req.headers["x-swg-attempt"], size }) + "\n",
      );
    res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => {
  const a = server.address();
  console.log(`listening ${typeof a === "object" && a ? a.port : 0}`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
