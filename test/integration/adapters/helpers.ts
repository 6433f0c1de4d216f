import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { TestGateway } from "../../helpers/gateway.js";
import { auth } from "../../helpers/gateway.js";
import { issueKey } from "../../../src/parties/credentials.js";

export interface Received {
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  readonly status: number;
}

/** An exporter's notification endpoint: answers 503 to the first `failFirst` requests, 204 after. */
export async function notificationReceiver(failFirst = 0): Promise<{
  url: string;
  received: Received[];
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const status = received.length < failFirst ? 503 : 204;
      received.push({
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks),
        status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/notifications`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Checks `t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`, as partner webhooks are signed. */
export function signatureValid(secret: string, r: Received): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(r.headers["x-swg-signature"] ?? "");
  if (!m) return false;
  const mac = createHmac("sha256", secret).update(`${m[1]}.`).update(r.body).digest("hex");
  return mac === m[2];
}

/** A partner key for a configured partner (its party exists: the gateway syncs partners at boot). */
export async function partnerKey(t: TestGateway, partyId: string): Promise<string> {
  return (
    await issueKey(t.gw.store, {
      partyId,
      role: "partner",
      actor: { partyId: null, role: "system" },
      now: new Date(),
    })
  ).key;
}

export interface InboxItem {
  readonly messageId: string;
  readonly mediaType: string;
  readonly headers: Record<string, string>;
  readonly text: string;
}

/** The partner's pending inbox, bodies as text whatever their media type. */
export async function inbox(t: TestGateway, key: string): Promise<InboxItem[]> {
  const res = await t.http.get("/v1/inbox").set(auth(key));
  if (res.status !== 200) throw new Error(`inbox: ${res.status} ${JSON.stringify(res.body)}`);
  return (
    res.body.messages as {
      messageId: string;
      mediaType: string;
      headers: Record<string, string>;
      body?: string;
      bodyBase64?: string;
    }[]
  ).map((m) => ({
    messageId: m.messageId,
    mediaType: m.mediaType,
    headers: m.headers,
    text: m.body ?? Buffer.from(m.bodyBase64 ?? "", "base64").toString("utf8"),
  }));
}
