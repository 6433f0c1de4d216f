/**
 * The floor for the HTTP part: a bare express handler that reads the body and answers 202, in its
 * own process as the gateway is. Prints "listening <port>".
 *   node --import tsx bench/lib/bare-express.ts
 */
import express from "express";

const app = express();
app.post("/v1/submissions", express.raw({ type: () => true, limit: "10mb" }), (_req, res) => {
  res.status(202).json({ status: "accepted" });
});
const server = app.listen(0, "127.0.0.1", () => {
  const a = server.address();
  console.log(`listening ${typeof a === "object" && a ? a.port : 0}`);
});
server.keepAliveTimeout = 65_000;
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
