// A partner's webhook endpoint in its own process: it appends every delivery it receives to a
// log file (one JSON line each) and answers 200, or 503 while a "down" file exists.
// Usage: node partner-stub.mjs <log file> [down-flag file]  (prints "listening <port>")
import { appendFileSync, existsSync } from "node:fs";
import { createServer } from "node:http";

const [, , logFile, downFlag] = process.argv;
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    if (downFlag && existsSync(downFlag)) {
      res.writeHead(503).end();
      return;
    }
    const body = Buffer.concat(chunks);
    appendFileSync(
      logFile,
      JSON.stringify({
        at: Date.now(),
        messageId: req.headers["x-swg-message-id"],
        deliveryId: req.headers["x-swg-delivery-id"],
        attempt: req.headers["x-swg-attempt"],
        signature: req.headers["x-swg-signature"],
        size: body.length,
      }) + "\n",
    );
    res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
  });
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
