import { createServer, type Server } from "node:http";

/**
 * A webhook partner inside the bench process. Each bench document's number embeds the time it
 * was sent (BENCH-<epoch ms>-<seq>), so the stub measures submit → delivered per message without
 * talking to the sender, and deduplicates by message id as a real partner would.
 */
export class BenchStub {
  readonly delivered: number[] = [];
  private readonly seen = new Set<string>();
  duplicates = 0;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const id = String(req.headers["x-swg-message-id"] ?? "");
        if (this.seen.has(id)) this.duplicates++;
        else {
          this.seen.add(id);
          const m = /BENCH-(\d{13})-/.exec(Buffer.concat(chunks).toString("utf8"));
          if (m) this.delivered.push(Date.now() - Number(m[1]));
        }
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    const addr = this.server.address();
    return `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/deliveries`;
  }

  get count(): number {
    return this.seen.size;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}
