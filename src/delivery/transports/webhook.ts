import { answerError, answerOutcome, signedPost, type Answer } from "./signed-post.js";
import { TransportError, type Transport, type TransportRequest, type TransportResult } from "./types.js";

/**
 * POSTs the rendered message to the partner's HTTPS endpoint, signed with the partner's
 * HMAC secret (read from the environment variable the partner config names, never from config).
 * 2xx delivers; 408, 429 and 5xx (and no answer at all) are retried; other answers are final.
 */
export function webhookTransport(env: NodeJS.ProcessEnv = process.env): Transport {
  return {
    async deliver(req: TransportRequest): Promise<TransportResult> {
      const t = req.partner.transport;
      if (t.type !== "webhook")
        throw new TransportError(`partner ${req.partner.id} is not a webhook partner`, false);
      const secret = env[t.secretEnv];
      if (!secret) throw new TransportError(`the HMAC secret variable ${t.secretEnv} is not set`, true);
      let res: Answer;
      try {
        res = await signedPost({
          url: t.url,
          headers: {
            "content-type": req.rendered.mediaType,
            "x-swg-message-id": req.delivery.messageId,
            "x-swg-delivery-id": req.delivery.id,
            "x-swg-attempt": String(req.attempt),
            "x-swg-ucr": req.delivery.ucr,
          },
          body: req.rendered.body,
          secret,
          t: Math.floor(Date.now() / 1000),
          timeoutMs: t.timeoutMs ?? 10_000,
        });
      } catch (e) {
        throw new TransportError(`POST ${t.url} failed: ${(e as Error).message}`, true);
      }
      const outcome = answerOutcome(res.status);
      if (outcome !== "delivered")
        throw new TransportError(answerError(t.url, res.status), outcome === "retry");
      return {
        receipt: {
          transport: "webhook",
          status: res.status,
          responseDigest: res.digest,
          responseMediaType: res.mediaType,
        },
      };
    },
  };
}
