import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { isProblem, ProblemError } from "../errors/index.js";

/** body-parser and friends signal with `type`/`status`; map them to our codes. */
function fromFramework(e: unknown): ProblemError | undefined {
  const t = (e as { type?: unknown } | null)?.type;
  if (t === "entity.too.large") {
    const limit = (e as { limit?: number }).limit;
    return new ProblemError(
      "SWG_BODY_TOO_LARGE",
      `the body exceeds ${limit ?? "the"} bytes allowed on this route`,
    );
  }
  if (t === "entity.parse.failed")
    return new ProblemError(
      "SWG_MALFORMED_JSON",
      `the body is not well-formed JSON: ${(e as Error).message}`,
    );
  if (t === "encoding.unsupported" || t === "charset.unsupported")
    return new ProblemError("SWG_BAD_REQUEST", (e as Error).message);
  if (t === "request.aborted") return new ProblemError("SWG_BAD_REQUEST", "the request was aborted");
  return undefined;
}

export function sendProblem(res: Response, p: ProblemError, req: Request): void {
  res
    .status(p.status)
    .type("application/problem+json")
    .send(JSON.stringify(p.toBody(req.originalUrl.split("?")[0]), null, 0));
}

/** Every error leaves as problem+json; unexpected ones are logged with the request id and told apart from the caller's faults. */
export function problemHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let p = isProblem(err) ? err : fromFramework(err);
    if (!p) {
      log.error({ err, reqId: res.getHeader("x-request-id"), path: req.path }, "unhandled error");
      p = new ProblemError(
        "SWG_INTERNAL",
        "an unexpected error occurred; it has been logged with the request id",
        [],
        {
          requestId: res.getHeader("x-request-id"),
        },
      );
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (p.status === 401) res.setHeader("WWW-Authenticate", 'Bearer realm="swg"');
    sendProblem(res, p, req);
  };
}
