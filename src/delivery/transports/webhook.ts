import { createHash, createHmac } from "node:crypto";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { TransportError, type Transport, type TransportRequest, type TransportResult } from "./types.js";

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the partner checks it and the age of t. */
export function webhookSignature(secret: string, body: Buffer, t: number): string {
  const mac = createHmac("sha256", secret).update(`${t}.`).update(body).digest("hex");
  return `t=${t},v1=${mac}`;
}

/** What the partner answered: its status, media type and the digest of its body (kept, not the body). */
interface Answer {
  readonly status: number;
  readonly mediaType: string | null;
  readonly digest: string;
}

/**
 * One POST over node:http(s) with keep-alive agents. Not fetch: under load its WHATWG streams cost
 * about 0.3 ms of CPU a delivery in the profile of the e2e run (docs/performance.md). Redirects are
 * never followed: a partner's endpoint does not move without its configuration changing.
 */
function post(
  url: URL,
  headers: Record<string, string>,
  body: Buffer,
  timeoutMs: number,
  agents: { readonly http: HttpAgent; readonly https: HttpsAgent },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const https = url.protocol === "https:";
    const send = https ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(body.length) },
        agent: https ? agents.https : agents.http,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res: IncomingMessage) => {
        const hash = createHash("sha256");
        res.on("data", (c: Buffer) => hash.update(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            mediaType: res.headers["content-type"] ?? null,
            digest: `sha256:${hash.digest("hex")}`,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * POSTs the rendered message to the partner's HTTPS endpoint, signed with the partner's
 * HMAC secret (read from the environment variable the partner config names, never from config).
 * 2xx delivers; 408, 429 and 5xx (and no answer at all) are retried; other answers are final.
 */
export function webhookTransport(env: NodeJS.ProcessEnv = process.env): Transport {
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
  };
  return {
    async deliver(req: TransportRequest): Promise<TransportResult> {
      const t = req.partner.transport;
      if (t.type !== "webhook")
        throw new TransportError(`partner ${req.partner.id} is not a webhook partner`, false);
      const secret = env[t.secretEnv];
      if (!secret) throw new TransportError(`the HMAC secret variable ${t.secretEnv} is not set`, true);
      const body = req.rendered.body;
      const headers: Record<string, string> = {
        "content-type": req.rendered.mediaType,
        "x-swg-message-id": req.delivery.messageId,
        "x-swg-delivery-id": req.delivery.id,
        "x-swg-attempt": String(req.attempt),
        "x-swg-ucr": req.delivery.ucr,
        "x-swg-signature": webhookSignature(secret, body, Math.floor(Date.now() / 1000)),
      };
      let res: Answer;
      try {
        res = await post(new URL(t.url), headers, body, t.timeoutMs ?? 10_000, agents);
      } catch (e) {
        throw new TransportError(`POST ${t.url} failed: ${(e as Error).message}`, true);
      }
      if (res.status >= 200 && res.status < 300) {
        return {
          receipt: {
            transport: "webhook",
            status: res.status,
            responseDigest: res.digest,
            responseMediaType: res.mediaType,
          },
        };
      }
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      const why = res.status >= 300 && res.status < 400 ? " (redirects are not followed)" : "";
      throw new TransportError(`POST ${t.url} answered ${res.status}${why}`, retryable);
    },
  };
}
