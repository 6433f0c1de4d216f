import { createHash, createHmac } from "node:crypto";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the receiver checks it and the age of t. */
export function webhookSignature(secret: string, body: Buffer, t: number): string {
  const mac = createHmac("sha256", secret).update(`${t}.`).update(body).digest("hex");
  return `t=${t},v1=${mac}`;
}

/** What the receiver answered: its status, media type and the digest of its body (kept, not the body). */
export interface Answer {
  readonly status: number;
  readonly mediaType: string | null;
  readonly digest: string;
}

export interface SignedPost {
  readonly url: string;
  /** Headers besides content-length and the signature. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly secret: string;
  /** Unix seconds the signature is made at. */
  readonly t: number;
  readonly timeoutMs: number;
}

const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
};

/**
 * One HMAC-signed POST over node:http(s) with keep-alive agents, for partner webhooks and party
 * notifications. Not fetch: under load its WHATWG streams cost about 0.3 ms of CPU a delivery in the
 * profile of the e2e run (docs/performance.md). Redirects are never followed: an endpoint does not
 * move without its configuration changing. Rejects when no answer arrives (network error, timeout).
 */
export function signedPost(p: SignedPost): Promise<Answer> {
  const url = new URL(p.url);
  const https = url.protocol === "https:";
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      url,
      {
        method: "POST",
        headers: {
          ...p.headers,
          "content-length": String(p.body.length),
          "x-swg-signature": webhookSignature(p.secret, p.body, p.t),
        },
        agent: https ? agents.https : agents.http,
        signal: AbortSignal.timeout(p.timeoutMs),
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
    req.end(p.body);
  });
}

/** 2xx delivered; 408, 429 and 5xx may succeed later; any other answer will not. */
export function answerOutcome(status: number): "delivered" | "retry" | "final" {
  if (status >= 200 && status < 300) return "delivered";
  return status === 408 || status === 429 || status >= 500 ? "retry" : "final";
}

/** Why an answer failed, for the delivery's or notification's last error. */
export function answerError(url: string, status: number): string {
  const why = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
  return `POST ${url} answered ${status}${why}`;
}
