import { createHmac } from "node:crypto";
import { digestOf } from "../../util/digest.js";
import { TransportError, type Transport, type TransportRequest, type TransportResult } from "./types.js";

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the partner checks it and the age of t. */
export function webhookSignature(secret: string, body: Buffer, t: number): string {
  const mac = createHmac("sha256", secret).update(`${t}.`).update(body).digest("hex");
  return `t=${t},v1=${mac}`;
}

/**
 * POSTs the rendered message to the partner's HTTPS endpoint, signed with the partner's
 * HMAC secret (read from the environment variable the partner config names, never from config).
 * 2xx delivers; 408, 429 and 5xx are retried; other 4xx are final.
 */
export function webhookTransport(env: NodeJS.ProcessEnv = process.env): Transport {
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
      let res: Response;
      try {
        res = await fetch(t.url, {
          method: "POST",
          headers,
          body,
          signal: AbortSignal.timeout(t.timeoutMs ?? 10_000),
          redirect: "error",
        });
      } catch (e) {
        throw new TransportError(`POST ${t.url} failed: ${(e as Error).message}`, true);
      }
      const answer = Buffer.from(await res.arrayBuffer());
      if (res.ok) {
        return {
          receipt: {
            transport: "webhook",
            status: res.status,
            responseDigest: digestOf(answer),
            responseMediaType: res.headers.get("content-type") ?? null,
          },
        };
      }
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      throw new TransportError(`POST ${t.url} answered ${res.status}`, retryable);
    },
  };
}
