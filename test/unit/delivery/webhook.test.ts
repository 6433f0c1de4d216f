import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookTransport } from "../../../src/delivery/transports/webhook.js";
import { TransportError, type TransportRequest } from "../../../src/delivery/transports/types.js";
import { delivery } from "../../helpers/records.js";

/** A partner endpoint on loopback whose answer each test chooses by path. */
describe("webhook transport", () => {
  let server: Server;
  let base: string;
  const seen: { path: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
        const status = Number(/\/(\d{3})$/.exec(req.url ?? "")?.[1] ?? 200);
        if (req.url === "/slow") return void setTimeout(() => res.end("late"), 2_000);
        res.writeHead(status, { "content-type": "application/json", location: "/elsewhere" });
        res.end(JSON.stringify({ ack: req.headers["x-swg-message-id"] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const transport = webhookTransport({ PARTNER_SECRET: "s3cret" });
  const request = (path: string, timeoutMs = 5_000): TransportRequest => ({
    partner: {
      id: "bank-1",
      name: "Bank",
      kind: "bank",
      adapter: "bank-iso20022",
      transport: { type: "webhook", url: `${base}${path}`, secretEnv: "PARTNER_SECRET", timeoutMs },
    },
    delivery: delivery("doc-1", { ucr: "UCR-W" }),
    attempt: 2,
    rendered: { mediaType: "application/xml", body: Buffer.from("<Document/>") },
  });
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => expect.unreachable("delivered"),
      (e: unknown) => e as TransportError,
    );

  it("POSTs the body with the delivery's headers and an HMAC the partner can check", async () => {
    const req = request("/200");
    const out = await transport.deliver(req);
    const got = seen.at(-1)!;
    expect(got.body.toString()).toBe("<Document/>");
    expect(got.headers).toMatchObject({
      "content-type": "application/xml",
      "x-swg-message-id": req.delivery.messageId,
      "x-swg-delivery-id": req.delivery.id,
      "x-swg-attempt": "2",
      "x-swg-ucr": "UCR-W",
    });
    const [, t, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(got.headers["x-swg-signature"]))!;
    expect(mac).toBe(createHmac("sha256", "s3cret").update(`${t}.<Document/>`).digest("hex"));
    const answer = JSON.stringify({ ack: req.delivery.messageId });
    expect(out.receipt).toEqual({
      transport: "webhook",
      status: 200,
      responseDigest: `sha256:${createHash("sha256").update(answer).digest("hex")}`,
      responseMediaType: "application/json",
    });
  });

  it.each([
    [503, true],
    [429, true],
    [408, true],
    [400, false],
    [302, false],
  ])("answers %i: retryable %s", async (status, retryable) => {
    const e = await failure(transport.deliver(request(`/${status}`)));
    expect(e).toBeInstanceOf(TransportError);
    expect(e.retryable).toBe(retryable);
    expect(e.message).toContain(`answered ${status}`);
  });

  it("retries when nothing answers in time or nobody listens", async () => {
    const slow = await failure(transport.deliver(request("/slow", 200)));
    expect(slow.retryable).toBe(true);
    expect(slow.message).toMatch(/failed/);
    const refused = await failure(
      transport.deliver({
        ...request("/200"),
        partner: {
          ...request("/200").partner,
          transport: { type: "webhook", url: "http://127.0.0.1:1/x", secretEnv: "PARTNER_SECRET" },
        },
      }),
    );
    expect(refused.retryable).toBe(true);
    expect(refused.message).toContain("ECONNREFUSED");
  });

  it("refuses to send without its secret, and says which variable is missing", async () => {
    const e = await failure(webhookTransport({}).deliver(request("/200")));
    expect(e.message).toContain("PARTNER_SECRET");
  });
});
